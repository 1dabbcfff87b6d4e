using System;
using Contracts.Wolverine.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Contracts.Wolverine;

/// <summary>Registers named subscriptions to the event log (docs/event-log.md).</summary>
public static class SubscriptionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TProjection"/> (resolved from the container) as a subscription in this service: it catches
    /// up from its checkpoint at startup, follows the log live, and executes replay requests. Needs a store with an
    /// event log (e.g. <c>PersistMessagesWithSqlite</c>) and a <c>ContractCatalog</c> in the container.
    /// </summary>
    public static WolverineOptions AddSubscription<TProjection>(this WolverineOptions options, Action<SubscriptionOptions>? configure = null)
        where TProjection : class, IProjection
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Services.AddSingleton<TProjection>();
        return Add(options, sp => sp.GetRequiredService<TProjection>(), configure);
    }

    /// <summary>Runs the given projection instance as a subscription in this service.</summary>
    public static WolverineOptions AddSubscription(this WolverineOptions options, IProjection projection, Action<SubscriptionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(projection);
        return Add(options, _ => projection, configure);
    }

    private static WolverineOptions Add(WolverineOptions options, Func<IServiceProvider, IProjection> projection, Action<SubscriptionOptions>? configure)
    {
        var settings = new SubscriptionOptions();
        configure?.Invoke(settings);
        options.Services.AddSingleton<IHostedService>(sp => new SubscriptionAgent(sp, projection, settings));
        return options;
    }
}
