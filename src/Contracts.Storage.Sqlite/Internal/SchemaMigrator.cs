using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// Creates and upgrades the store's tables. The schema version lives in <c>PRAGMA user_version</c>; each
/// migration runs in a <c>BEGIN IMMEDIATE</c> transaction that re-reads the version first, so two processes
/// starting at once serialize on SQLite's write lock and the second finds nothing left to do.
/// </summary>
internal static class SchemaMigrator
{
    public const string Incoming = "wolverine_incoming";
    public const string Outgoing = "wolverine_outgoing";
    public const string DeadLetters = "wolverine_dead_letters";
    public const string ContractSchemas = "contract_schemas";
    public const string IdempotencyKeys = "contract_idempotency_keys";
    public const string Sagas = "contracts_sagas";
    public const string EventLog = "contracts_event_log";
    public const string Subscriptions = "contracts_subscriptions";

    /// <summary>Migrations in order; index + 1 is the schema version they produce.</summary>
    private static readonly IReadOnlyList<string> Migrations = new[]
    {
        $"""
        CREATE TABLE {Incoming} (
            id TEXT NOT NULL PRIMARY KEY,
            status TEXT NOT NULL,
            owner_id INTEGER NOT NULL,
            execution_time INTEGER NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            body BLOB NOT NULL,
            message_type TEXT NOT NULL,
            received_at TEXT NULL,
            keep_until INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_{Incoming}_recovery ON {Incoming} (status, owner_id, received_at);
        CREATE INDEX ix_{Incoming}_scheduled ON {Incoming} (status, execution_time);
        CREATE INDEX ix_{Incoming}_keep_until ON {Incoming} (keep_until) WHERE keep_until IS NOT NULL;
        CREATE TABLE {Outgoing} (
            id TEXT NOT NULL PRIMARY KEY,
            owner_id INTEGER NOT NULL,
            destination TEXT NOT NULL,
            deliver_by INTEGER NULL,
            body BLOB NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            message_type TEXT NOT NULL,
            stored_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_{Outgoing}_owner ON {Outgoing} (owner_id, destination);
        CREATE TABLE {DeadLetters} (
            id TEXT NOT NULL PRIMARY KEY,
            execution_time INTEGER NULL,
            body BLOB NOT NULL,
            message_type TEXT NOT NULL,
            received_at TEXT NOT NULL,
            source TEXT NOT NULL,
            exception_type TEXT NOT NULL,
            exception_message TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            failed_at INTEGER NOT NULL,
            replayable INTEGER NOT NULL DEFAULT 0,
            expires_at INTEGER NULL,
            tenant_id TEXT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_{DeadLetters}_message_type ON {DeadLetters} (message_type, exception_type);
        CREATE INDEX ix_{DeadLetters}_expires_at ON {DeadLetters} (expires_at) WHERE expires_at IS NOT NULL;
        """,
        // Contracts.Wolverine: the schema table every service fills at startup (forward-compatible reads look writer
        // schemas up by fingerprint), and the business idempotency keys claimed by handled messages.
        $"""
        CREATE TABLE {ContractSchemas} (
            fingerprint TEXT NOT NULL PRIMARY KEY,
            subject TEXT NOT NULL,
            version INTEGER NOT NULL,
            schema_text TEXT NOT NULL,
            first_seen INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_{ContractSchemas}_subject ON {ContractSchemas} (subject, version);
        CREATE TABLE {IdempotencyKeys} (
            subject TEXT NOT NULL,
            key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            claimed_at INTEGER NOT NULL,
            PRIMARY KEY (subject, key)
        ) WITHOUT ROWID;
        """,
        // Sagas, the event log and subscription checkpoints (docs/sagas.md, docs/event-log.md).
        $"""
        CREATE TABLE {Sagas} (
            saga_type TEXT NOT NULL,
            id TEXT NOT NULL,
            state TEXT NOT NULL,
            version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (saga_type, id)
        ) WITHOUT ROWID;
        CREATE TABLE {EventLog} (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_key TEXT NULL,
            stream_seq INTEGER NULL,
            subject TEXT NOT NULL,
            version INTEGER NOT NULL,
            fingerprint INTEGER NOT NULL,
            format TEXT NOT NULL,
            payload BLOB NOT NULL,
            message_id TEXT NOT NULL,
            causation_id TEXT NULL,
            correlation_id TEXT NULL,
            traceparent TEXT NULL,
            headers TEXT NULL,
            recorded_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX ix_{EventLog}_stream ON {EventLog} (stream_key, stream_seq) WHERE stream_key IS NOT NULL;
        CREATE INDEX ix_{EventLog}_recorded_at ON {EventLog} (recorded_at);
        CREATE TABLE {Subscriptions} (
            name TEXT NOT NULL PRIMARY KEY,
            position INTEGER NOT NULL,
            status TEXT NOT NULL,
            suppress_until INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            replay_state TEXT NULL,
            replay_from INTEGER NULL,
            replay_to INTEGER NULL,
            replay_side_effects INTEGER NOT NULL DEFAULT 0,
            replay_requested_at INTEGER NULL,
            replay_started_at INTEGER NULL,
            replay_finished_at INTEGER NULL,
            replay_read INTEGER NOT NULL DEFAULT 0,
            replay_applied INTEGER NOT NULL DEFAULT 0,
            replay_skipped INTEGER NOT NULL DEFAULT 0,
            replay_error TEXT NULL
        ) WITHOUT ROWID;
        """,
        // Fewer index writes per message: an incoming row is indexed for recovery only while it is 'Incoming', and for
        // the scheduler only while it is 'Scheduled' (every query on these indexes names that status). Inserting a
        // message wrote three b-trees, now two; marking it handled made six b-tree changes, now three.
        $"""
        DROP INDEX ix_{Incoming}_recovery;
        DROP INDEX ix_{Incoming}_scheduled;
        CREATE INDEX ix_{Incoming}_recovery ON {Incoming} (owner_id, received_at) WHERE status = 'Incoming';
        CREATE INDEX ix_{Incoming}_scheduled ON {Incoming} (execution_time) WHERE status = 'Scheduled';
        """,
    };

    public static int LatestVersion => Migrations.Count;

    public static void Migrate(SqliteConnectionFactory factory)
    {
        using var connection = factory.Open();
        try
        {
            Execute(connection, "PRAGMA journal_mode = WAL;");
            var version = ReadVersion(connection);
            if (version > LatestVersion)
            {
                throw new SqliteStoreException(
                    $"The SQLite message store at '{factory.DatabasePath}' has schema version {version}, newer than this build knows ({LatestVersion}). Upgrade the application instead of running an older build against this file.");
            }

            if (version == LatestVersion)
            {
                return;
            }

            Execute(connection, "BEGIN IMMEDIATE;");
            try
            {
                version = ReadVersion(connection);
                for (var next = version; next < LatestVersion; next++)
                {
                    Execute(connection, Migrations[next]);
                }

                Execute(connection, $"PRAGMA user_version = {LatestVersion};");
                Execute(connection, "COMMIT;");
            }
            catch
            {
                Execute(connection, "ROLLBACK;");
                throw;
            }
        }
        catch (SqliteException e)
        {
            throw factory.Translate(e, "creating or migrating the message store tables");
        }
    }

    public static void AssertProvisioned(SqliteConnectionFactory factory)
    {
        using var connection = factory.Open();
        var version = ReadVersion(connection);
        if (version != LatestVersion)
        {
            throw new SqliteStoreException(
                $"The SQLite message store at '{factory.DatabasePath}' has schema version {version}, but this build needs {LatestVersion}. Turn on AutoMigrate or run the migration.");
        }
    }

    public static void Drop(SqliteConnection connection)
    {
        Execute(connection, $"DROP TABLE IF EXISTS {Incoming}; DROP TABLE IF EXISTS {Outgoing}; DROP TABLE IF EXISTS {DeadLetters}; DROP TABLE IF EXISTS {ContractSchemas}; DROP TABLE IF EXISTS {IdempotencyKeys}; DROP TABLE IF EXISTS {Sagas}; DROP TABLE IF EXISTS {EventLog}; DROP TABLE IF EXISTS {Subscriptions}; PRAGMA user_version = 0;");
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
