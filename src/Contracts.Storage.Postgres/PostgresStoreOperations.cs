using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Internal;
using Contracts.Wolverine;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Postgres;

/// <summary>
/// The store's schema opened by an operator tool (the <c>contracts</c> CLI) rather than by a running service: the
/// event log, subscription checkpoints and replay requests, and the dead letters. It never creates or migrates tables;
/// it works beside the running nodes (replay requests are row updates that the node running the subscription executes).
/// </summary>
public sealed class PostgresStoreOperations : IStoreOperations
{
    private readonly PostgresMessageStore _store;

    private PostgresStoreOperations(PostgresMessageStore store)
    {
        _store = store;
        Subscriptions = new PostgresSubscriptionStore(store);
    }

    /// <summary>Opens the store with the service's connection string and schema.</summary>
    /// <param name="connectionString">The service's Npgsql connection string.</param>
    /// <param name="schemaName">The store's schema (the service's <see cref="PostgresMessageStoreOptions.SchemaName"/>).</param>
    /// <param name="sharedSchemaName">The schema of the event log when services share one (the service's <see cref="PostgresMessageStoreOptions.SharedSchemaName"/>); null when it is the store's own.</param>
    /// <param name="cancellation">Cancels the opening.</param>
    /// <exception cref="PostgresStoreException">An invalid connection string, an unreachable server, or a schema that is missing or of another version.</exception>
    public static async Task<PostgresStoreOperations> OpenAsync(string connectionString, string schemaName = "wolverine", string? sharedSchemaName = null,
        CancellationToken cancellation = default)
    {
        // A tool fails fast: no 15 s of retries when the server is not there.
        var options = new PostgresMessageStoreOptions
        {
            ConnectionString = connectionString, SchemaName = schemaName, SharedSchemaName = sharedSchemaName, AutoMigrate = false, MaxRetries = 1,
        };
        var store = new PostgresMessageStore(options, new DurabilitySettings());
        try
        {
            await store.EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresStoreOperations(store);
    }

    /// <inheritdoc/>
    public string Location => _store.Database.Where;

    /// <inheritdoc/>
    public IEventLogStore EventLog => _store.EventLog;

    /// <inheritdoc/>
    public ISubscriptionStore Subscriptions { get; }

    /// <inheritdoc/>
    public IDeadLetters DeadLetters => _store.DeadLetters;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        await _store.Database.DisposeAsync().ConfigureAwait(false);
    }
}
