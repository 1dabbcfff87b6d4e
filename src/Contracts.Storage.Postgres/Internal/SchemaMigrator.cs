using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// Creates and upgrades the store's schema objects (and, when the event log is shared between services, the shared
/// schema's, versioned in that schema's own table). Applied versions are rows of <c>contracts_schema_migrations</c>;
/// every migration runs in one transaction that first takes a transaction-scoped advisory lock for the schema, then
/// re-reads the applied version, so several nodes starting at once serialize and the later ones find nothing left to do.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Migrations in order; index + 1 is the version they produce. Never edit a released one: add a new one.</summary>
    private static IReadOnlyList<(string Description, string Sql)> Migrations(PostgresTables t) => new[]
    {
        ("envelopes, dead letters and nodes", $"""
        CREATE TABLE {t.Incoming} (
            id uuid NOT NULL PRIMARY KEY,
            status text NOT NULL,
            owner_id integer NOT NULL,
            execution_time timestamptz NULL,
            attempts integer NOT NULL DEFAULT 0,
            body bytea NOT NULL,
            message_type text NOT NULL,
            received_at text NULL,
            keep_until timestamptz NULL
        );
        CREATE INDEX ix_wolverine_incoming_recovery ON {t.Incoming} (received_at) WHERE status = 'Incoming' AND owner_id = 0;
        CREATE INDEX ix_wolverine_incoming_owner ON {t.Incoming} (owner_id) WHERE owner_id <> 0;
        CREATE INDEX ix_wolverine_incoming_scheduled ON {t.Incoming} (execution_time) WHERE status = 'Scheduled';
        CREATE INDEX ix_wolverine_incoming_keep_until ON {t.Incoming} (keep_until) WHERE keep_until IS NOT NULL;
        CREATE TABLE {t.Outgoing} (
            id uuid NOT NULL PRIMARY KEY,
            owner_id integer NOT NULL,
            destination text NOT NULL,
            deliver_by timestamptz NULL,
            body bytea NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            message_type text NOT NULL,
            stored_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ix_wolverine_outgoing_owner ON {t.Outgoing} (owner_id, destination);
        CREATE TABLE {t.DeadLetters} (
            id uuid NOT NULL PRIMARY KEY,
            execution_time timestamptz NULL,
            body bytea NOT NULL,
            message_type text NOT NULL,
            received_at text NOT NULL,
            source text NOT NULL,
            exception_type text NOT NULL,
            exception_message text NOT NULL,
            sent_at timestamptz NOT NULL,
            failed_at timestamptz NOT NULL,
            replayable boolean NOT NULL DEFAULT false,
            expires_at timestamptz NULL,
            tenant_id text NULL
        );
        CREATE INDEX ix_wolverine_dead_letters_message_type ON {t.DeadLetters} (message_type, exception_type);
        CREATE INDEX ix_wolverine_dead_letters_expires_at ON {t.DeadLetters} (expires_at) WHERE expires_at IS NOT NULL;
        CREATE TABLE {t.Nodes} (
            id uuid NOT NULL PRIMARY KEY,
            node_number serial NOT NULL UNIQUE,
            description text NOT NULL,
            uri text NOT NULL,
            started timestamptz NOT NULL DEFAULT now(),
            health_check timestamptz NOT NULL DEFAULT now(),
            version text NULL,
            capabilities text[] NOT NULL DEFAULT ARRAY[]::text[]
        );
        CREATE TABLE {t.Assignments} (
            id text NOT NULL PRIMARY KEY,
            node_id uuid NOT NULL REFERENCES {t.Nodes} (id) ON DELETE CASCADE,
            started timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE {t.Restrictions} (
            id uuid NOT NULL PRIMARY KEY,
            uri text NOT NULL,
            type text NOT NULL,
            node integer NOT NULL
        );
        CREATE TABLE {t.NodeRecords} (
            id bigserial NOT NULL PRIMARY KEY,
            node_number integer NOT NULL,
            event_name text NOT NULL,
            "timestamp" timestamptz NOT NULL DEFAULT now(),
            description text NOT NULL
        );
        """),
        // Contracts.Wolverine and the event log: the schema table, business idempotency keys, sagas, the event log and
        // subscription checkpoints (docs/storage-postgres.md, docs/sagas.md, docs/event-log.md). When the event log is
        // shared with other services (SharedSchemaName), its tables are the shared schema's own migrations instead.
        ("contract schemas, idempotency keys, sagas, event log and subscriptions", t.IsShared ? ServiceTables(t) : SharedTables(t) + ServiceTables(t)),
    };

    private static string ServiceTables(PostgresTables t) => $"""
        CREATE TABLE {t.IdempotencyKeys} (
            subject text NOT NULL,
            key text NOT NULL,
            message_id uuid NOT NULL,
            claimed_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (subject, key)
        );
        CREATE TABLE {t.Sagas} (
            saga_type text NOT NULL,
            id text NOT NULL,
            state jsonb NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (saga_type, id)
        );
        """;

    /// <summary>The tables several services can share: the schema table, the event log and its subscriptions.</summary>
    private static string SharedTables(PostgresTables t) => $"""
        CREATE TABLE {t.ContractSchemas} (
            fingerprint bigint NOT NULL PRIMARY KEY,
            subject text NOT NULL,
            version integer NOT NULL,
            schema_text text NOT NULL,
            first_seen timestamptz NOT NULL
        );
        CREATE INDEX ix_contract_schemas_subject ON {t.ContractSchemas} (subject, version);
        CREATE TABLE {t.EventLog} (
            position bigint NOT NULL PRIMARY KEY,
            stream_key text NULL,
            stream_seq bigint NULL,
            subject text NOT NULL,
            version integer NOT NULL,
            fingerprint bigint NOT NULL,
            format text NOT NULL,
            payload bytea NOT NULL,
            message_id uuid NOT NULL,
            causation_id text NULL,
            correlation_id text NULL,
            traceparent text NULL,
            headers text NULL,
            recorded_at timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX ix_contracts_event_log_stream ON {t.EventLog} (stream_key, stream_seq) WHERE stream_key IS NOT NULL;
        CREATE INDEX ix_contracts_event_log_recorded_at ON {t.EventLog} (recorded_at);
        CREATE TABLE {t.Subscriptions} (
            name text NOT NULL PRIMARY KEY,
            position bigint NOT NULL,
            status text NOT NULL,
            suppress_until bigint NOT NULL,
            updated_at timestamptz NOT NULL,
            replay_state text NULL,
            replay_from bigint NULL,
            replay_to bigint NULL,
            replay_side_effects boolean NOT NULL DEFAULT false,
            replay_requested_at timestamptz NULL,
            replay_started_at timestamptz NULL,
            replay_finished_at timestamptz NULL,
            replay_read bigint NOT NULL DEFAULT 0,
            replay_applied bigint NOT NULL DEFAULT 0,
            replay_skipped bigint NOT NULL DEFAULT 0,
            replay_error text NULL
        );
        """;

    /// <summary>
    /// Migrations of a shared schema (<see cref="PostgresTables.IsShared"/>), versioned in its own table, so that every
    /// service sharing it applies them once, whichever starts first. Index + 1 is the version. Never edit a released one.
    /// A change to the shared tables is a new migration here and a new store migration for unshared stores.
    /// </summary>
    private static IReadOnlyList<(string Description, string Sql)> SharedMigrationList(PostgresTables t) => new[]
    {
        ("contract schemas, event log and subscriptions", SharedTables(t)),
    };

    public static int LatestVersion => Migrations(new PostgresTables("x")).Count;

    public static int LatestSharedVersion => SharedMigrationList(new PostgresTables("x", "y")).Count;

    public static Task MigrateAsync(PostgresDatabase database, CancellationToken cancellation = default) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var t = database.Tables;
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({t.LockKey("migrations")});", token).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                $"CREATE SCHEMA IF NOT EXISTS {t.Schema}; CREATE TABLE IF NOT EXISTS {t.Migrations} (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
                token).ConfigureAwait(false);
            if (!t.IsShared && await ExistsAsync(connection, transaction, $"{t.Schema}.contracts_shared_schema_migrations", token).ConfigureAwait(false))
            {
                throw new PostgresStoreException(
                    $"Schema \"{t.SchemaName}\" holds the event log that other services share, so it cannot also be one service's message store. " +
                    $"Give this service a schema of its own (SchemaName) and set SharedSchemaName = \"{t.SchemaName}\" to read and append to that event log.");
            }

            await ApplyAsync(connection, transaction, t.Migrations, Migrations(t), $"The PostgreSQL message store in {database.Where}", token).ConfigureAwait(false);
            await AssertOwnEventLogAsync(connection, transaction, database, token).ConfigureAwait(false);
            if (t.IsShared)
            {
                // Every service sharing the schema takes its lock after its own (always in that order: no deadlock).
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({t.SharedLockKey("shared-migrations")});", token).ConfigureAwait(false);
                if (await ExistsAsync(connection, transaction, $"{t.SharedSchema}.contracts_schema_migrations", token).ConfigureAwait(false))
                {
                    throw new PostgresStoreException(
                        $"SharedSchemaName \"{t.SharedSchemaName}\" is the message-store schema of a service, so its event log is that service's own. " +
                        "Services that share an event log need a schema of their own for it: set the same new SharedSchemaName on every one of them, that service included.");
                }

                await ExecuteAsync(connection, transaction,
                    $"CREATE SCHEMA IF NOT EXISTS {t.SharedSchema}; CREATE TABLE IF NOT EXISTS {t.SharedMigrations} (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
                    token).ConfigureAwait(false);
                await ApplyAsync(connection, transaction, t.SharedMigrations, SharedMigrationList(t),
                    $"The shared event log in schema \"{t.SharedSchemaName}\" of {database.DatabaseName}", token).ConfigureAwait(false);
            }
        }, "creating or migrating the message store's schema", cancellation);

    public static async Task AssertProvisionedAsync(PostgresDatabase database, CancellationToken cancellation = default)
    {
        var t = database.Tables;
        var (version, shared) = await database.RunAsync(async (connection, _, token) =>
        {
            var version = await ReadVersionIfAnyAsync(connection, t.Migrations, token).ConfigureAwait(false);
            if (version == LatestVersion)
            {
                await AssertOwnEventLogAsync(connection, null, database, token).ConfigureAwait(false);
            }

            return (version, t.IsShared ? await ReadVersionIfAnyAsync(connection, t.SharedMigrations, token).ConfigureAwait(false) : LatestSharedVersion);
        }, "reading the schema version", cancellation).ConfigureAwait(false);
        if (version != LatestVersion)
        {
            throw new PostgresStoreException(
                $"The PostgreSQL message store in {database.Where} has schema version {version}, but this build needs {LatestVersion}. Turn on AutoMigrate, or run the migration (IMessageStoreAdmin.MigrateAsync) as a user allowed to create tables.");
        }

        if (shared != LatestSharedVersion)
        {
            throw new PostgresStoreException(
                $"The shared event log in schema \"{t.SharedSchemaName}\" of {database.DatabaseName} has schema version {shared}, but this build needs {LatestSharedVersion}. Turn on AutoMigrate, or run the migration (IMessageStoreAdmin.MigrateAsync) as a user allowed to create tables.");
        }
    }

    /// <summary>Drops the store's tables; a shared event log (and its subscriptions and schema table) is left alone, since other services use it.</summary>
    public static Task DropAsync(PostgresDatabase database) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var t = database.Tables;
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({t.LockKey("migrations")});", token).ConfigureAwait(false);
            var shared = t.IsShared ? string.Empty : $"{t.ContractSchemas}, {t.EventLog}, {t.Subscriptions}, ";
            await ExecuteAsync(connection, transaction,
                $"DROP TABLE IF EXISTS {t.Incoming}, {t.Outgoing}, {t.DeadLetters}, {t.Assignments}, {t.Nodes}, {t.Restrictions}, {t.NodeRecords}, " +
                $"{t.IdempotencyKeys}, {t.Sagas}, {shared}{t.Migrations};", token).ConfigureAwait(false);
        }, "dropping the message store's tables");

    /// <summary>
    /// A store set up with a shared event log has none of its own: opened without <c>SharedSchemaName</c> (a service
    /// misconfigured, or an operator tool without <c>--shared-schema</c>) it would fail on the first read. Say so now.
    /// </summary>
    private static async Task AssertOwnEventLogAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgresDatabase database, CancellationToken token)
    {
        var t = database.Tables;
        if (!t.IsShared && !await ExistsAsync(connection, transaction, t.EventLog, token).ConfigureAwait(false))
        {
            throw new PostgresStoreException(
                $"The PostgreSQL message store in {database.Where} has no event log of its own: it was set up to share one with other services (SharedSchemaName). " +
                "Open it with the same SharedSchemaName (in the contracts CLI: --shared-schema).");
        }
    }

    /// <summary>Applies the migrations past the version recorded in <paramref name="versions"/>, each recorded there.</summary>
    private static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string versions,
        IReadOnlyList<(string Description, string Sql)> migrations, string what, CancellationToken token)
    {
        var version = await ReadVersionAsync(connection, transaction, versions, token).ConfigureAwait(false);
        if (version > migrations.Count)
        {
            throw new PostgresStoreException(
                $"{what} has schema version {version}, newer than this build knows ({migrations.Count}). Upgrade the application instead of running an older build against this schema.");
        }

        for (var next = version; next < migrations.Count; next++)
        {
            await ExecuteAsync(connection, transaction, migrations[next].Sql, token).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {versions} (version, description) VALUES (@v, @d);", connection, transaction);
            record.Parameters.AddWithValue("v", next + 1);
            record.Parameters.AddWithValue("d", migrations[next].Description);
            await record.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, CancellationToken token)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL;", connection, transaction);
        exists.Parameters.AddWithValue("table", table);
        return (bool)(await exists.ExecuteScalarAsync(token).ConfigureAwait(false))!;
    }

    private static async Task<int> ReadVersionIfAnyAsync(NpgsqlConnection connection, string versions, CancellationToken token) =>
        await ExistsAsync(connection, null, versions, token).ConfigureAwait(false) ? await ReadVersionAsync(connection, null, versions, token).ConfigureAwait(false) : 0;

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string versions, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {versions};", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(token).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }
}
