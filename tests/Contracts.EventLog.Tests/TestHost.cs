using System;
using System.Threading.Tasks;
using Contracts.Storage.Sqlite;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>A real Wolverine host on a SQLite file, with the test contracts' catalog registered.</summary>
public static class TestHost
{
    public static Task<IHost> StartAsync(TestDatabase database, Action<WolverineOptions> configure, Action<SqliteMessageStoreOptions>? store = null) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery();
                options.Policies.UseDurableLocalQueues();
                options.Durability.ScheduledJobPollingTime = 100.Milliseconds();
                options.Services.AddSingleton(TestContracts.Catalog);
                options.PersistMessagesWithSqlite(database.ConnectionString, store);
                configure(options);
            })
            .StartAsync();
}
