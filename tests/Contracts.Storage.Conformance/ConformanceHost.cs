using System;
using System.Threading.Tasks;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;

namespace Contracts.Storage.Conformance;

/// <summary>Starts a real Wolverine host on the target's store, with durable local queues and the suite's handlers.</summary>
public static class ConformanceHost
{
    public static async Task<IHost> StartAsync(MessageStoreTarget target, HandlerProbe probe, Action<WolverineOptions>? configure = null)
    {
        var host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning))
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(ConformanceHandlers));
                options.Policies.UseDurableLocalQueues();
                options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
                options.Durability.ScheduledJobPollingTime = 100.Milliseconds();
                options.Services.AddSingleton(target);
                options.Services.AddSingleton(probe);
                target.PersistMessages(options);
                configure?.Invoke(options);
            })
            .StartAsync();
        return host;
    }

    public static IMessageStore Store(this IHost host) => host.Services.GetRequiredService<IWolverineRuntime>().Storage;

    public static IMessageBus Bus(this IHost host) => host.Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
}
