using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;

namespace Contracts.Wolverine.Replay;

/// <summary>
/// Runs one subscription inside the service: catches up from its checkpoint once the host has started, then follows
/// the log live (woken by this process's commits, polling for other writers), and executes replay requests recorded
/// by <c>contracts replay</c> or <see cref="ISubscriptionStore.RequestReplayAsync"/>. It advances the checkpoint only
/// while it holds the subscription's lease (<see cref="ISubscriptionStore.TryAcquireLeaseAsync"/>), so with several
/// processes on one store one of them runs the subscription and another takes over when it stops.
/// </summary>
internal sealed class SubscriptionAgent : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly Func<IServiceProvider, IProjection> _projection;
    private readonly SubscriptionOptions _options;

    public SubscriptionAgent(IServiceProvider services, Func<IServiceProvider, IProjection> projection, SubscriptionOptions options)
    {
        _services = services;
        _projection = projection;
        _options = options;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lifetime = _services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var store = _services.GetRequiredService<ISubscriptionStore>();
        var runtime = _services.GetRequiredService<IWolverineRuntime>();
        var projection = _projection(_services);
        var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("Contracts.Subscriptions." + projection.Name);
        var runner = new SubscriptionRunner(store, projection, _services.GetRequiredService<ContractCatalog>(), _services,
            () => new MessageContext(runtime), _options);
        ISubscriptionLease? lease = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (lease is not null && !await lease.IsHeldAsync(stoppingToken).ConfigureAwait(false))
                    {
                        logger.LogWarning("Subscription {Subscription} lost its lease on {Location}; taking it again", projection.Name, store.Location);
                        await lease.DisposeAsync().ConfigureAwait(false);
                        lease = null;
                    }

                    // Another process runs it: wait, and take over when that one stops (it resumes from the checkpoint).
                    lease ??= await store.TryAcquireLeaseAsync(projection.Name, stoppingToken).ConfigureAwait(false);
                    if (lease is null)
                    {
                        await Task.Delay(_options.PollingInterval, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    if (await runner.RunOnceAsync(stoppingToken).ConfigureAwait(false) == 0)
                    {
                        await store.Notifier.WaitAsync(_options.PollingInterval, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Subscription {Subscription} failed on {Location}; retrying in {Delay}", projection.Name, store.Location, _options.PollingInterval);
                    if (lease is not null)
                    {
                        await runner.FailReplayAsync(e, stoppingToken).ConfigureAwait(false);
                    }

                    await Task.Delay(_options.PollingInterval, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
