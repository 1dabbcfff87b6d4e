using System;
using System.IO;
using System.Threading.Tasks;
using Contracts.Storage.Sqlite.Internal;
using Contracts.Wolverine;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Sqlite;

/// <summary>
/// The store's file opened by an operator tool (the <c>contracts</c> CLI) rather than by a running service: the event
/// log, subscription checkpoints and replay requests, and the dead letters. It creates or migrates tables only when asked.
/// Reads run beside a live service (WAL); writes (replay requests, dead-letter requeue/discard) wait for its write lock.
/// </summary>
public sealed class SqliteStoreOperations : IStoreOperations
{
    private readonly SqliteMessageStore _store;

    private SqliteStoreOperations(SqliteMessageStore store)
    {
        _store = store;
        Subscriptions = new SqliteSubscriptionStore(store);
    }

    /// <summary>Opens the store at <paramref name="connectionString"/> (the one the service uses).</summary>
    /// <param name="connectionString">The service's connection string.</param>
    /// <param name="create">Create the file and its tables when missing (for provisioning and tests); otherwise a missing file is an error.</param>
    /// <exception cref="SqliteStoreException">No such file, not a database, or a schema this build does not know.</exception>
    public static SqliteStoreOperations Open(string connectionString, bool create = false)
    {
        var options = new SqliteMessageStoreOptions { ConnectionString = connectionString, AutoMigrate = create };
        var path = options.DatabasePath;
        if (!create && !File.Exists(path))
        {
            throw new SqliteStoreException($"There is no database file at '{path}' (from the connection string '{connectionString}').");
        }

        var store = new SqliteMessageStore(options, new DurabilitySettings());
        if (!create)
        {
            SchemaMigrator.AssertProvisioned(store.Factory);
        }

        store.EnsureSchema();
        return new SqliteStoreOperations(store);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _store.Factory.DatabasePath;

    /// <inheritdoc/>
    public string Location => DatabasePath;

    /// <summary>The event log's rows and statistics.</summary>
    public IEventLogStore EventLog => _store.EventLog;

    /// <summary>Subscription checkpoints and replay requests.</summary>
    public ISubscriptionStore Subscriptions { get; }

    /// <summary>The dead letters (list, inspect, requeue, discard).</summary>
    public IDeadLetters DeadLetters => _store.DeadLetters;

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
