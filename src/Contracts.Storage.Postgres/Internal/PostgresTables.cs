using System;
using System.Text;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// The store's tables, qualified with their schema (quoted, so any schema name works). The service's own tables are in
/// <see cref="SchemaName"/>; the event log, its subscriptions and the contract schema table are in
/// <see cref="SharedSchemaName"/>, which is the same schema unless several services share one event log.
/// </summary>
internal sealed class PostgresTables
{
    public PostgresTables(string schemaName, string? sharedSchemaName = null)
    {
        Validate(schemaName, "the message store");
        if (sharedSchemaName is not null)
        {
            Validate(sharedSchemaName, "the shared event log");
        }

        SchemaName = schemaName;
        SharedSchemaName = sharedSchemaName ?? schemaName;
        Schema = Quote(schemaName);
        SharedSchema = Quote(SharedSchemaName);
        Incoming = Schema + ".wolverine_incoming";
        Outgoing = Schema + ".wolverine_outgoing";
        DeadLetters = Schema + ".wolverine_dead_letters";
        Nodes = Schema + ".wolverine_nodes";
        Assignments = Schema + ".wolverine_node_assignments";
        Restrictions = Schema + ".wolverine_agent_restrictions";
        NodeRecords = Schema + ".wolverine_node_records";
        Migrations = Schema + ".contracts_schema_migrations";
        ContractSchemas = SharedSchema + ".contract_schemas";
        IdempotencyKeys = Schema + ".contract_idempotency_keys";
        Sagas = Schema + ".contracts_sagas";
        EventLog = SharedSchema + ".contracts_event_log";
        Subscriptions = SharedSchema + ".contracts_subscriptions";
        SharedMigrations = SharedSchema + ".contracts_shared_schema_migrations";
    }

    public string SchemaName { get; }

    /// <summary>The quoted schema name.</summary>
    public string Schema { get; }

    /// <summary>The schema of the event log, subscriptions and schema table (<see cref="SchemaName"/> unless shared).</summary>
    public string SharedSchemaName { get; }

    /// <summary>The quoted shared schema name.</summary>
    public string SharedSchema { get; }

    /// <summary>Whether the event log, subscriptions and schema table live in a schema of their own, shared with other services.</summary>
    public bool IsShared => SharedSchemaName != SchemaName;

    /// <summary>The applied versions of the shared schema (only when <see cref="IsShared"/>).</summary>
    public string SharedMigrations { get; }

    public string Incoming { get; }

    public string Outgoing { get; }

    public string DeadLetters { get; }

    public string Nodes { get; }

    public string Assignments { get; }

    public string Restrictions { get; }

    public string NodeRecords { get; }

    public string Migrations { get; }

    public string ContractSchemas { get; }

    public string IdempotencyKeys { get; }

    public string Sagas { get; }

    public string EventLog { get; }

    public string Subscriptions { get; }

    /// <summary>A stable 64-bit advisory-lock key for a purpose within this schema (FNV-1a; string.GetHashCode is per process).</summary>
    public long LockKey(string purpose) => Key(SchemaName, purpose);

    /// <summary>
    /// An advisory-lock key for a purpose within the shared schema: every service appending to one event log, or
    /// running one subscription, takes the same lock. Equal to <see cref="LockKey"/> when nothing is shared.
    /// </summary>
    public long SharedLockKey(string purpose) => Key(SharedSchemaName, purpose);

    private static long Key(string schema, string purpose)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes("contracts:" + schema + ":" + purpose))
        {
            hash = (hash ^ b) * prime;
        }

        return unchecked((long)hash);
    }

    private static string Quote(string schema) => "\"" + schema + "\"";

    private static void Validate(string schemaName, string what)
    {
        if (string.IsNullOrWhiteSpace(schemaName) || schemaName.Length > 63 || schemaName.Contains('"', StringComparison.Ordinal))
        {
            throw new PostgresStoreException(
                $"'{schemaName}' is not a usable PostgreSQL schema name for {what}: it must be 1 to 63 characters without double quotes.");
        }
    }
}
