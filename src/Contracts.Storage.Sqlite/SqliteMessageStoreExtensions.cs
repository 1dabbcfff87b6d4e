using System;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Storage.Sqlite.Internal;
using Contracts.Wolverine.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Sagas;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;

namespace Contracts.Storage.Sqlite;

/// <summary>Wolverine configuration and outbox entry points of the SQLite message store.</summary>
public static class SqliteMessageStoreExtensions
{
    /// <summary>
    /// Makes a SQLite file Wolverine's durable message store (inbox, outbox, dead letters, scheduled messages), for
    /// <c>DurabilityMode.Solo</c>: one process per file.
    /// </summary>
    /// <param name="options">Wolverine's options.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>Data Source=app.db</c>.</param>
    /// <param name="configure">Optional further settings (synchronous mode, batching, busy timeout, polling).</param>
    public static WolverineOptions PersistMessagesWithSqlite(this WolverineOptions options, string connectionString,
        Action<SqliteMessageStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var storeOptions = new SqliteMessageStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(storeOptions);
        _ = storeOptions.DatabasePath; // fail at configuration time on an in-memory or empty data source

        options.Durability.Mode = DurabilityMode.Solo;
        // A second delivery of a message whose handled mark already committed (see SqliteOutboxTransaction.CommitAsync)
        // has nothing left to do: discard it rather than retry or dead-letter it.
        options.Policies.OnException<DuplicateIncomingEnvelopeException>().Discard();
        // [Transactional] and Policies.AutoApplyTransactions() wrap handlers in a SqliteOutboxTransaction.
        options.CodeGeneration.AddPersistenceStrategy<SqliteTransactionFrameProvider>();
        // Saga handlers: Wolverine's lightweight saga frames call ISagaSupport on this store (docs/sagas.md).
        StoreFeatures.AddSagas(options);
        options.Services.AddSingleton(storeOptions);
        options.Services.AddSingleton(_ => new SqliteMessageStore(storeOptions, options.Durability));
        options.Services.AddSingleton<IMessageStore>(sp => sp.GetRequiredService<SqliteMessageStore>());
        // The event log and subscriptions on the same file (docs/event-log.md).
        StoreFeatures.AddEventLog(options.Services, sp => sp.GetRequiredService<SqliteMessageStore>().EventLog,
            sp => new SqliteSubscriptionStore(sp.GetRequiredService<SqliteMessageStore>()));
        return options;
    }

    /// <summary>
    /// Opens a <see cref="SqliteOutboxTransaction"/> on the message store's file and enlists it as the bus's outbox:
    /// until it commits, messages published on <paramref name="bus"/> are written in the same SQLite transaction as
    /// the application's writes. Use it in a handler (take <c>IMessageContext</c> as a parameter) or outside one
    /// (an <c>IMessageBus</c> from a DI scope).
    /// </summary>
    public static async Task<SqliteOutboxTransaction> BeginSqliteTransactionAsync(this IMessageBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (bus is not MessageContext context)
        {
            throw new InvalidOperationException(
                $"BeginSqliteTransactionAsync needs Wolverine's MessageContext (an IMessageContext or an IMessageBus resolved from the container), not {bus.GetType().FullName}.");
        }

        return await BeginAsync(FindStore(context.Runtime), context).ConfigureAwait(false);
    }

    internal static async Task<SqliteOutboxTransaction> BeginAsync(SqliteMessageStore store, MessageContext context)
    {
        await store.Gate.EnterAsync().ConfigureAwait(false);
        var exitGate = store.Gate.ExitOnce();
        SqliteConnection? connection = null;
        SqliteTransaction transaction;
        try
        {
            connection = store.RentConnection();
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (Exception e)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            exitGate();
            throw e is SqliteException sqlite ? store.Factory.Translate(sqlite, "beginning an outbox transaction") : e;
        }

        var envelopes = new SqliteEnvelopeTransaction(store, connection, transaction);
        await context.EnlistInOutboxAsync(envelopes).ConfigureAwait(false);
        return new SqliteOutboxTransaction(context, connection, transaction, envelopes, exitGate);
    }

    private static SqliteMessageStore FindStore(IWolverineRuntime runtime)
    {
        if (runtime.Storage is SqliteMessageStore store)
        {
            return store;
        }

        return runtime.Services.GetServices<IMessageStore>().OfType<SqliteMessageStore>().FirstOrDefault()
               ?? throw new InvalidOperationException(
                   "No SQLite message store is configured. Call opts.PersistMessagesWithSqlite(\"Data Source=app.db\") in UseWolverine.");
    }
}
