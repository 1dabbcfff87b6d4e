using System;
using System.CommandLine;
using System.Globalization;
using Contracts.Cli.Check;
using Contracts.Storage.Postgres;
using Contracts.Storage.Sqlite;
using Contracts.Wolverine;
using Microsoft.Data.Sqlite;

namespace Contracts.Cli.Operations
{
    /// <summary>
    /// The options that name a service's store (<c>--connection</c>, and for PostgreSQL <c>--schema</c> and
    /// <c>--shared-schema</c>), for one command.
    /// </summary>
    internal sealed class StoreOptions
    {
        public Option<string> Connection { get; } = new("--connection", "-c")
        {
            Description = "The service's store: a SQLite connection string or file path (\"Data Source=shop.db\", \"shop.db\"), " +
                          "or a PostgreSQL connection string with a Host (\"Host=db;Database=shop;Username=ops\").",
            Required = true,
        };

        public Option<string?> Schema { get; } = new("--schema")
        {
            Description = "PostgreSQL: the service's store schema (its SchemaName; default \"wolverine\").",
        };

        public Option<string?> SharedSchema { get; } = new("--shared-schema")
        {
            Description = "PostgreSQL: the schema of the event log the service shares with other services (its SharedSchemaName).",
        };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public Command AddTo(Command command)
        {
            command.Add(Connection);
            command.Add(Schema);
            command.Add(SharedSchema);
            return command;
        }

        /// <summary>Runs <paramref name="body"/> on the store the parsed options name.</summary>
        public T Use<T>(ParseResult parsed, Func<IStoreOperations, T> body) =>
            StoreConnection.Use(parsed.GetValue(Connection)!, parsed.GetValue(Schema), parsed.GetValue(SharedSchema), body);
    }

    /// <summary>Opening the store that the operations commands name.</summary>
    internal static class StoreConnection
    {

        /// <summary>
        /// Whether <paramref name="connection"/> names a PostgreSQL store: an Npgsql connection string (it has a
        /// <c>Host</c> or <c>Server</c> key). Anything else is SQLite: a connection string or a bare file path.
        /// </summary>
        public static bool IsPostgres(string connection)
        {
            if (!connection.Contains('=', StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var part in connection.Split(';'))
            {
                var key = part.Split('=', 2)[0].Trim();
                if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Opens the store; a missing file or database, a non-database or an unknown schema is one <see cref="InputError"/> line.</summary>
        public static IStoreOperations Open(string connection, string? schema = null, string? sharedSchema = null)
        {
            if (IsPostgres(connection))
            {
                try
                {
                    return PostgresStoreOperations.OpenAsync(connection, schema ?? "wolverine", sharedSchema).GetAwaiter().GetResult();
                }
                catch (PostgresStoreException e)
                {
                    throw new InputError(e.Message);
                }
            }

            if (schema is not null || sharedSchema is not null)
            {
                throw new InputError($"{(schema is not null ? "--schema" : "--shared-schema")} is for a PostgreSQL store; '{connection}' names a SQLite store, " +
                                     "which keeps everything in its file (a PostgreSQL connection string has a Host).");
            }

            var connectionString = connection.Contains('=', StringComparison.Ordinal) ? connection : "Data Source=" + connection;
            try
            {
                return SqliteStoreOperations.Open(connectionString);
            }
            catch (SqliteStoreException e)
            {
                throw new InputError(e.Message);
            }
            catch (ArgumentException e)
            {
                throw new InputError($"'{connection}' is not a valid SQLite connection string: {e.Message}");
            }
            catch (SqliteException e)
            {
                throw new InputError($"cannot open '{connection}': {e.Message}");
            }
        }

        /// <summary>Runs <paramref name="body"/> on the open store, turning store errors into one line.</summary>
        public static T Use<T>(string connection, string? schema, string? sharedSchema, Func<IStoreOperations, T> body)
        {
            var store = Open(connection, schema, sharedSchema);
            try
            {
                return body(store);
            }
            catch (Exception e) when (e is SqliteStoreException or PostgresStoreException)
            {
                throw new InputError(e.Message);
            }
            finally
            {
                store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>An ISO 8601 time; without an offset it is UTC.</summary>
        public static DateTimeOffset ParseTime(string text, string option)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }

            throw new InputError($"{option} '{text}' is neither a position nor an ISO 8601 time such as 2025-03-04T09:00:00Z.");
        }

        public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "-";
    }
}
