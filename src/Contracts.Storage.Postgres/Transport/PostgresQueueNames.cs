using System.Text.RegularExpressions;

namespace Contracts.Storage.Postgres.Transport;

/// <summary>
/// What a queue or transport schema may be called. Queue names become table names and URI hosts, so they are held to
/// the characters that are safe in both without quoting surprises.
/// </summary>
internal static partial class PostgresQueueNames
{
    public const int MaxQueueNameLength = 50;

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex QueueNamePattern();

    /// <summary>Throws a <see cref="PostgresStoreException"/> that names the bad queue name and where it came from.</summary>
    public static string AssertQueueName(string? name, string where)
    {
        if (name is null || name.Length is 0 or > MaxQueueNameLength || !QueueNamePattern().IsMatch(name))
        {
            throw new PostgresStoreException(
                $"'{name}' is not a usable PostgreSQL queue name ({where}): use 1 to {MaxQueueNameLength} lowercase letters, digits and underscores, starting with a letter, e.g. 'orders' or 'order_events'.");
        }

        return name;
    }

    public static string AssertSchemaName(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema) || schema.Length > 63 || schema.Contains('"', System.StringComparison.Ordinal))
        {
            throw new PostgresStoreException(
                $"'{schema}' is not a usable PostgreSQL schema name for the PostgreSQL transport (PostgresTransportOptions.SchemaName): it must be 1 to 63 characters without double quotes.");
        }

        return schema;
    }
}
