using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// Creates and upgrades the store's schema objects. Applied versions are rows of <c>contracts_schema_migrations</c>;
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
        // subscription checkpoints (docs/storage-postgres.md, docs/sagas.md, docs/event-log.md).
        ("contract schemas, idempotency keys, sagas, event log and subscriptions", $"""
        CREATE TABLE {t.ContractSchemas} (
            fingerprint bigint NOT NULL PRIMARY KEY,
            subject text NOT NULL,
            version integer NOT NULL,
            schema_text text NOT NULL,
            first_seen timestamptz NOT NULL
        );
        CREATE INDEX ix_contract_schemas_subject ON {t.ContractSchemas} (subject, version);
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
        """),
    };

    public static int LatestVersion => Migrations(new PostgresTables("x")).Count;

    public static Task MigrateAsync(PostgresDatabase database, CancellationToken cancellation = default) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var t = database.Tables;
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({t.LockKey("migrations")});", token).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                $"CREATE SCHEMA IF NOT EXISTS {t.Schema}; CREATE TABLE IF NOT EXISTS {t.Migrations} (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
                token).ConfigureAwait(false);
            var version = await ReadVersionAsync(connection, transaction, t, token).ConfigureAwait(false);
            if (version > LatestVersion)
            {
                throw new PostgresStoreException(
                    $"The PostgreSQL message store in {database.Where} has schema version {version}, newer than this build knows ({LatestVersion}). Upgrade the application instead of running an older build against this schema.");
            }

            var migrations = Migrations(t);
            for (var next = version; next < LatestVersion; next++)
            {
                await ExecuteAsync(connection, transaction, migrations[next].Sql, token).ConfigureAwait(false);
                await using var record = new NpgsqlCommand($"INSERT INTO {t.Migrations} (version, description) VALUES (@v, @d);", connection, transaction);
                record.Parameters.AddWithValue("v", next + 1);
                record.Parameters.AddWithValue("d", migrations[next].Description);
                await record.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, "creating or migrating the message store's schema", cancellation);

    public static async Task AssertProvisionedAsync(PostgresDatabase database, CancellationToken cancellation = default)
    {
        var version = await database.RunAsync(async (connection, _, token) =>
        {
            await using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL;", connection);
            exists.Parameters.AddWithValue("table", database.Tables.Migrations);
            if (!(bool)(await exists.ExecuteScalarAsync(token).ConfigureAwait(false))!)
            {
                return 0;
            }

            return await ReadVersionAsync(connection, null, database.Tables, token).ConfigureAwait(false);
        }, "reading the schema version", cancellation).ConfigureAwait(false);
        if (version != LatestVersion)
        {
            throw new PostgresStoreException(
                $"The PostgreSQL message store in {database.Where} has schema version {version}, but this build needs {LatestVersion}. Turn on AutoMigrate, or run the migration (IMessageStoreAdmin.MigrateAsync) as a user allowed to create tables.");
        }
    }

    public static Task DropAsync(PostgresDatabase database) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var t = database.Tables;
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({t.LockKey("migrations")});", token).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                $"DROP TABLE IF EXISTS {t.Incoming}, {t.Outgoing}, {t.DeadLetters}, {t.Assignments}, {t.Nodes}, {t.Restrictions}, {t.NodeRecords}, " +
                $"{t.ContractSchemas}, {t.IdempotencyKeys}, {t.Sagas}, {t.EventLog}, {t.Subscriptions}, {t.Migrations};", token).ConfigureAwait(false);
        }, "dropping the message store's tables");

    private static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgresTables t, CancellationToken token)
    {
        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {t.Migrations};", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(token).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }
}
