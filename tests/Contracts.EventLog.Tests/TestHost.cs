using System;
using System.Threading.Tasks;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>A real Wolverine host on the test's store, with the test contracts' catalog registered.</summary>
public static class TestHost
{
    public static Task<IHost> StartAsync(StoreTarget store, Action<WolverineOptions> configure) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery();
                options.Policies.UseDurableLocalQueues();
                options.Durability.ScheduledJobPollingTime = 100.Milliseconds();
                options.Services.AddSingleton(TestContracts.Catalog);
                store.Persist(options);
                configure(options);
            })
            .StartAsync();
}
