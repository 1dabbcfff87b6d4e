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

// Usage: Contracts.Storage.Postgres.NodeChild <connection string> <first n> <last n> [handle delay ms, default 3]
//   One node (DurabilityMode.Balanced) of a service whose nodes share the database. Publishes messages first..last in
//   outbox transactions of 50, recording each number in `published` in the same transaction; every 10th message is
//   scheduled 300 ms ahead instead (any node may fire it). Handles every Work by inserting (n, message id, node number)
//   into `applied` in the handler's outbox transaction. Prints "node <number>" once registered, "published" when its
//   range is committed, and keeps running (handling, recovering other nodes' envelopes) until killed.
//   A restart resumes from what was committed. Database outages are ridden out: the store retries, and the
//   publishing loop starts again from the committed state.
var connectionString = args[0];
var first = long.Parse(args[1], CultureInfo.InvariantCulture);
var last = long.Parse(args[2], CultureInfo.InvariantCulture);
if (args.Length > 3)
{
    WorkHandler.HandleDelayMilliseconds = int.Parse(args[3], CultureInfo.InvariantCulture);
}

await RetryAsync(async () =>
{
    await using var setup = new NpgsqlConnection(connectionString);
    await setup.OpenAsync();
    await using var command = new NpgsqlCommand(
        "CREATE TABLE IF NOT EXISTS published (n bigint NOT NULL PRIMARY KEY); " +
        "CREATE TABLE IF NOT EXISTS applied (n bigint NOT NULL, message_id uuid NOT NULL, node integer NOT NULL);", setup);
    try
    {
        await command.ExecuteNonQueryAsync();
    }
    catch (PostgresException e) when (e.SqlState is "23505" or "42P07")
    {
        // Another node created them at the same moment.
    }
});

using var host = await Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging.ClearProviders().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning))
    .UseWolverine(options =>
    {
        options.UseRuntimeCompilation();
        options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(WorkHandler));
        options.Durability.Mode = DurabilityMode.Balanced;
        options.Policies.UseDurableLocalQueues();
        options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
        options.Durability.ScheduledJobPollingTime = 250.Milliseconds();
        options.Durability.HealthCheckPollingTime = 1.Seconds();
        options.Durability.StaleNodeTimeout = 5.Seconds();
        options.Durability.RecoveryBatchSize = 200;
        // A failure while the database is away (commit lost, connection broken): try again, later and later.
        options.Policies.OnException<NpgsqlException>().Or<PostgresStoreException>()
            .RetryWithCooldown(250.Milliseconds(), 500.Milliseconds(), 1.Seconds(), 2.Seconds(), 4.Seconds(), 4.Seconds()).Then.Requeue();
        options.PersistMessagesWithPostgres(connectionString);
    })
    .StartAsync();

var runtime = host.Services.GetRequiredService<IWolverineRuntime>();
while (runtime.Options.Durability.AssignedNodeNumber <= 0 || runtime.Options.Durability.AssignedNodeNumber > 100_000)
{
    // Balanced mode numbers the node when it registers, just after start.
    await Task.Delay(20);
}

// Wolverine compiles a handler at its first message: do it now, on a message outside every range.
using (var warmUp = host.Services.CreateScope())
{
    await warmUp.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new Work(-1));
}

Console.WriteLine("node " + runtime.Options.Durability.AssignedNodeNumber.ToString(CultureInfo.InvariantCulture));

while (true)
{
    try
    {
        long next;
        await using (var read = new NpgsqlConnection(connectionString))
        {
            await read.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT coalesce(max(n), @first - 1) + 1 FROM published WHERE n BETWEEN @first AND @last;", read);
            command.Parameters.AddWithValue("first", first);
            command.Parameters.AddWithValue("last", last);
            next = (long)(await command.ExecuteScalarAsync())!;
        }

        if (next > last)
        {
            break;
        }

        using var scope = host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var transaction = await bus.BeginPostgresTransactionAsync();
        var end = Math.Min(last, next + 49);
        for (var n = next; n <= end; n++)
        {
            await using var insert = transaction.CreateCommand("INSERT INTO published (n) VALUES (@n);");
            insert.Parameters.AddWithValue("n", n);
            await insert.ExecuteNonQueryAsync();
            if (n % 10 == 0)
            {
                await bus.ScheduleAsync(new Work(n), 300.Milliseconds());
            }
            else
            {
                await bus.PublishAsync(new Work(n));
            }
        }

        await transaction.CommitAsync();
    }
    catch (Exception e)
    {
        // Whatever an outage throws (the store retries first), the loop starts again from the committed state.
        Console.Error.WriteLine($"publishing paused: {e.GetType().Name}: {e.Message}");
        await Task.Delay(500);
    }
}

Console.WriteLine("published");
await Task.Delay(System.Threading.Timeout.Infinite);
return 0;

static async Task RetryAsync(Func<Task> action)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await action();
            return;
        }
        catch (Exception e) when (attempt < 30 && e is NpgsqlException)
        {
            await Task.Delay(500);
        }
    }
}
