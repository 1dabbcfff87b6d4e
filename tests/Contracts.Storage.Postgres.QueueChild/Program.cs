using System;
using System.Globalization;
using System.Threading.Tasks;
using Contracts.Storage.Postgres;
using Contracts.Storage.Postgres.NodeChild;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;

// Usage: Contracts.Storage.Postgres.QueueChild <connection string> <handle delay ms> <durable|inline>
//   One node (DurabilityMode.Balanced, store schema "workers") of a service that listens to the PostgreSQL queue "work"
//   through its durable inbox (durable) or handling each message before it is deleted (inline), with a 3 s lease. Handles every Work (the multi-node nodes' handler) by inserting (n, message id, node number) into
//   `applied` in the handler's outbox transaction, so effects apply once. Prints "node <number>" once it listens, and
//   keeps running until killed. The test creates `applied` and publishes the work.
var connectionString = args[0];
WorkHandler.HandleDelayMilliseconds = int.Parse(args[1], CultureInfo.InvariantCulture);
var inline = args[2] == "inline";

using var host = await Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning))
    .UseWolverine(options =>
    {
        options.UseRuntimeCompilation();
        options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(WorkHandler));
        options.Durability.Mode = DurabilityMode.Balanced;
        options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
        options.Durability.ScheduledJobPollingTime = 250.Milliseconds();
        options.Durability.HealthCheckPollingTime = 1.Seconds();
        options.Durability.StaleNodeTimeout = 5.Seconds();
        options.Policies.OnException<NpgsqlException>().Or<PostgresStoreException>()
            .RetryWithCooldown(250.Milliseconds(), 500.Milliseconds(), 1.Seconds()).Then.Requeue();
        options.PersistMessagesWithPostgres(connectionString, pg => pg.SchemaName = "workers");
        options.UsePostgresTransport(connectionString, queues =>
        {
            queues.LeaseDuration = 3.Seconds();
            queues.PollingInterval = 250.Milliseconds();
        });
        var listener = options.ListenToPostgresQueue("work");
        if (inline)
        {
            listener.ProcessInline().ListenerCount(2);
        }
        else
        {
            listener.UseDurableInbox().MaximumParallelMessages(4);
        }
    })
    .StartAsync();

var runtime = host.Services.GetRequiredService<IWolverineRuntime>();
while (runtime.Options.Durability.AssignedNodeNumber <= 0 || runtime.Options.Durability.AssignedNodeNumber > 100_000)
{
    await Task.Delay(20);
}

Console.WriteLine("node " + runtime.Options.Durability.AssignedNodeNumber.ToString(CultureInfo.InvariantCulture));
await Task.Delay(System.Threading.Timeout.Infinite);
return 0;
