using System;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Sagas;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// The Wolverine and container wiring that every Contracts database store (SQLite, PostgreSQL) makes the same way:
/// saga code generation and retries, and the event log, its reader and the subscription store.
/// </summary>
internal static class StoreFeatures
{
    /// <summary>
    /// Saga handlers: Wolverine's lightweight saga frames call the store's <see cref="ISagaSupport"/>
    /// (docs/sagas.md); a saga changed since it was loaded is retried from a fresh load.
    /// </summary>
    public static void AddSagas(global::Wolverine.WolverineOptions options)
    {
        options.CodeGeneration.AddPersistenceStrategy<LightweightSagaPersistenceFrameProvider>();
        options.CodeGeneration.Sources.Add(new SagaStorageVariableSource());
        options.Policies.OnException<global::Wolverine.SagaConcurrencyException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250));
    }

    /// <summary>The event log, its decoding reader and the subscriptions, on the store (docs/event-log.md).</summary>
    public static void AddEventLog(IServiceCollection services, Func<IServiceProvider, IEventLogStore> log, Func<IServiceProvider, ISubscriptionStore> subscriptions)
    {
        services.AddSingleton(log);
        services.AddSingleton(subscriptions);
        services.AddSingleton(sp => new EventLogReader(sp.GetRequiredService<IEventLogStore>(), sp.GetService<ContractCatalog>()
            ?? throw new InvalidOperationException("Reading the event log needs a ContractCatalog in the service container (UseContracts registers one).")));
    }
}
