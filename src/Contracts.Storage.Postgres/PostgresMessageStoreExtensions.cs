using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Internal;
using Contracts.Wolverine.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Sagas;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;
using Wolverine.Transports.Tcp;

namespace Contracts.Storage.Postgres;

/// <summary>Wolverine configuration and outbox entry points of the PostgreSQL message store.</summary>
public static class PostgresMessageStoreExtensions
{
    /// <summary>
    /// Makes a PostgreSQL schema Wolverine's durable message store (inbox, outbox, dead letters, scheduled messages,
    /// node records) and the home of Contracts' schema table, idempotency keys, sagas, event log and subscriptions.
    /// Several processes (nodes) of one service share it in <c>DurabilityMode.Balanced</c>, Wolverine's
    /// default; <c>DurabilityMode.Solo</c> works too, for a single process.
    /// </summary>
    /// <param name="options">Wolverine's options.</param>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=db;Database=shop;Username=shop;Password=…</c>.</param>
    /// <param name="configure">Optional further settings (schema name, retries, polling, migration).</param>
    public static WolverineOptions PersistMessagesWithPostgres(this WolverineOptions options, string connectionString,
        Action<PostgresMessageStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var storeOptions = new PostgresMessageStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(storeOptions);
        _ = new PostgresTables(storeOptions.SchemaName, storeOptions.SharedSchemaName); // fail at configuration time on an unusable schema name
        try
        {
            _ = new NpgsqlConnectionStringBuilder(storeOptions.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new PostgresStoreException(
                $"The PostgreSQL message store's connection string is not valid: {e.Message} Use the Npgsql form 'Host=…;Port=5432;Database=…;Username=…;Password=…'.", e);
        }

        if (storeOptions.AddTcpControlEndpoint && options.Transports.NodeControlEndpoint is null)
        {
            // Balanced mode needs a control endpoint between nodes; Solo mode never uses it.
            options.UseTcpForControlEndpoint();
        }

        // A second delivery of a message whose handled mark already committed (see PostgresOutboxTransaction.CommitAsync)
        // has nothing left to do: discard it rather than retry or dead-letter it.
        options.Policies.OnException<DuplicateIncomingEnvelopeException>().Discard();
        // [Transactional] and Policies.AutoApplyTransactions() wrap handlers in a PostgresOutboxTransaction.
        options.CodeGeneration.AddPersistenceStrategy<PostgresTransactionFrameProvider>();
        // Saga handlers: Wolverine's lightweight saga frames call ISagaSupport on this store (docs/sagas.md).
        StoreFeatures.AddSagas(options);
        options.Services.AddSingleton(storeOptions);
        options.Services.AddSingleton<PostgresMessageStore>(_ => new PostgresMessageStore(storeOptions, options.Durability));
        options.Services.AddSingleton<IMessageStore>(sp => sp.GetRequiredService<PostgresMessageStore>());
        // The event log and subscriptions in the same schema (docs/event-log.md).
        StoreFeatures.AddEventLog(options.Services, sp => sp.GetRequiredService<PostgresMessageStore>().EventLog,
            sp => new PostgresSubscriptionStore(sp.GetRequiredService<PostgresMessageStore>()));
        options.Services.AddHealthChecks().Add(new HealthCheckRegistration(PostgresMessageStoreHealthCheck.Name,
            sp => new PostgresMessageStoreHealthCheck(sp.GetRequiredService<PostgresMessageStore>()), HealthStatus.Unhealthy, new[] { "ready" }));
        return options;
    }

    /// <summary>
    /// Opens a <see cref="PostgresOutboxTransaction"/> on the message store's database and enlists it as the bus's
    /// outbox: until it commits, messages published on <paramref name="bus"/> are written in the same PostgreSQL
    /// transaction as the application's writes. Use it in a handler (take <c>IMessageContext</c> as a parameter) or
    /// outside one (an <c>IMessageBus</c> from a DI scope).
    /// </summary>
    public static async Task<PostgresOutboxTransaction> BeginPostgresTransactionAsync(this IMessageBus bus, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (bus is not MessageContext context)
        {
            throw new InvalidOperationException(
                $"BeginPostgresTransactionAsync needs Wolverine's MessageContext (an IMessageContext or an IMessageBus resolved from the container), not {bus.GetType().FullName}.");
        }

        return await BeginAsync(FindStore(context.Runtime), context, cancellation).ConfigureAwait(false);
    }

    internal static async Task<PostgresOutboxTransaction> BeginAsync(PostgresMessageStore store, MessageContext context, CancellationToken cancellation)
    {
        var connection = await store.Database.OpenAsync("beginning an outbox transaction", cancellation).ConfigureAwait(false);
        NpgsqlTransaction transaction;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or System.IO.IOException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw store.Database.Translate(e, "beginning an outbox transaction");
        }

        var envelopes = new PostgresEnvelopeTransaction(store, connection, transaction);
        await context.EnlistInOutboxAsync(envelopes).ConfigureAwait(false);
        return new PostgresOutboxTransaction(context, connection, transaction, envelopes);
    }

    internal static PostgresMessageStore FindStore(IWolverineRuntime runtime)
    {
        if (runtime.Storage is PostgresMessageStore store)
        {
            return store;
        }

        return runtime.Services.GetServices<IMessageStore>().OfType<PostgresMessageStore>().FirstOrDefault()
               ?? throw new InvalidOperationException(
                   "No PostgreSQL message store is configured. Call opts.PersistMessagesWithPostgres(\"Host=…;Database=…\") in UseWolverine.");
    }
}
