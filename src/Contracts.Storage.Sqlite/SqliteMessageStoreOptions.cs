using System;
using System.Text.Json;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Sagas;
using Microsoft.Data.Sqlite;

namespace Contracts.Storage.Sqlite;

/// <summary>Settings of the SQLite message store.</summary>
public sealed class SqliteMessageStoreOptions
{
    /// <summary>
    /// The Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=app.db</c>. Only file databases are
    /// supported: the store and its durability agent use several connections to the same file.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=wolverine.db";

    /// <summary>The <c>synchronous</c> pragma; <see cref="SqliteSynchronous.Full"/> by default (survives power loss).</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a connection waits for another writer (another process, or an application transaction) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most store operations the batching writer commits in one transaction. 1 turns batching off
    /// (every operation is its own commit).
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How often the durability agent looks for due scheduled messages, orphaned envelopes and expired rows.
    /// Null uses Wolverine's <c>Durability.ScheduledJobPollingTime</c>.
    /// </summary>
    public TimeSpan? PollingInterval { get; set; }

    /// <summary>Create and migrate the tables at startup (default true). When false, a missing schema is an error.</summary>
    public bool AutoMigrate { get; set; } = true;

    /// <summary>
    /// How saga state is serialized (System.Text.Json). Defaults to <see cref="SagaStateFormat.DefaultOptions"/>; pass
    /// your own options through <see cref="SagaStateFormat.Configure"/> to keep <c>Version</c> out of the document.
    /// </summary>
    public JsonSerializerOptions SagaSerializerOptions { get; set; } = SagaStateFormat.DefaultOptions;

    /// <summary>What the event log records (docs/event-log.md). On by default once a <c>ContractCatalog</c> is registered.</summary>
    public EventLogOptions EventLog { get; } = new();

    /// <summary>The full path of the database file named by <see cref="ConnectionString"/>.</summary>
    public string DatabasePath
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:"
                || builder.Mode == SqliteOpenMode.Memory)
            {
                throw new SqliteStoreException(
                    $"The SQLite message store needs a database file, but the connection string '{ConnectionString}' names none (or an in-memory database).");
            }

            return System.IO.Path.GetFullPath(builder.DataSource);
        }
    }
}
