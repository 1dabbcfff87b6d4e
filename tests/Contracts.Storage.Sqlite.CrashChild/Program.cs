using System;
using System.Globalization;
using System.IO;
using JasperFx;
using JasperFx.CodeGeneration;
using System.Threading.Tasks;
using Contracts.Storage.Sqlite;
using Contracts.Storage.Sqlite.CrashChild;
using JasperFx.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Transports.Tcp;

// Usage: Contracts.Storage.Sqlite.CrashChild <database file> <message count>
//   Publishes messages 1..count in outbox transactions of 50 (recording each number in `published`), and handles each
//   by inserting its number into `applied` in the handler's outbox transaction. Prints "started" once the host runs
//   and "done" when every message has been applied; a restart after SIGKILL resumes from what was committed.
//   (Message 0 is a warm-up, handled inline at every start; the test ignores it.)
// Usage: Contracts.Storage.Sqlite.CrashChild receive <database file> <tcp port> <message count>
//   Listens on the port with a durable inbox, records each TcpWork in `received`, prints "done" after count of them.
// Usage: Contracts.Storage.Sqlite.CrashChild migrate <database file> <go file>
//   Prints "ready", waits until the go file exists (so that several processes start together), migrates, prints "migrated".
// Usage: Contracts.Storage.Sqlite.CrashChild codegen write   (refreshes Internal/Generated)
if (args[0] == "migrate")
{
    using var migrator = Host.CreateDefaultBuilder()
        .ConfigureLogging(logging => logging.ClearProviders())
        .UseWolverine(options =>
        {
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.Discovery.DisableConventionalDiscovery();
            options.PersistMessagesWithSqlite($"Data Source={args[1]}");
        })
        .Build();
    var store = migrator.Services.GetRequiredService<Wolverine.Persistence.Durability.IMessageStore>();
    Console.WriteLine("ready");
    while (!File.Exists(args[2]))
    {
        await Task.Delay(5);
    }

    await store.Admin.MigrateAsync();
    Console.WriteLine("migrated");
    return 0;
}

var codegen = args[0] == "codegen";
var receive = args[0] == "receive";
var databasePath = codegen ? Path.Combine(Path.GetTempPath(), "crash-child-codegen.db") : receive ? args[1] : args[0];
var port = receive ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
var count = codegen ? 0 : int.Parse(receive ? args[3] : args[1], CultureInfo.InvariantCulture);
var connectionString = $"Data Source={databasePath}";

using (var setup = new SqliteConnection(connectionString))
{
    setup.Open();
    using var command = setup.CreateCommand();
    command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; " +
                          "CREATE TABLE IF NOT EXISTS published (n INTEGER NOT NULL PRIMARY KEY); " +
                          "CREATE TABLE IF NOT EXISTS applied (n INTEGER NOT NULL, message_id TEXT NOT NULL); " +
                          "CREATE TABLE IF NOT EXISTS received (n INTEGER NOT NULL, message_id TEXT NOT NULL);";
    command.ExecuteNonQuery();
}

var builder = Host.CreateDefaultBuilder()
    .ConfigureLogging(logging => logging.ClearProviders())
    .UseWolverine(options =>
    {
        // The handler code is generated ahead of time (Internal/Generated, refreshed with
        // `dotnet run --project tests/Contracts.Storage.Sqlite.CrashChild -- codegen write`), so each restart skips Roslyn.
        options.CodeGeneration.TypeLoadMode = codegen ? TypeLoadMode.Dynamic : TypeLoadMode.Static;
        options.UseRuntimeCompilation();
        options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(WorkHandler)).IncludeType(typeof(TcpWorkHandler));
        if (receive)
        {
            options.ListenAtPort(port).UseDurableInbox();
        }

        options.Policies.UseDurableLocalQueues();
        options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
        options.Durability.ScheduledJobPollingTime = 200.Milliseconds();
        options.Durability.RecoveryBatchSize = 500;
        options.PersistMessagesWithSqlite(connectionString, store => store.Synchronous = SqliteSynchronous.Normal);
    });
if (codegen)
{
    return await builder.RunJasperFxCommands(args);
}

using var host = await builder.StartAsync();
if (receive)
{
    Console.WriteLine("listening");
    await WaitForRowsAsync("SELECT count(DISTINCT n) FROM received;");
    Console.WriteLine("done");
    await host.StopAsync();
    return 0;
}


// Wolverine generates and compiles a handler's code at its first message (about 2 s); doing it here, on message 0
// (which the test ignores), makes every moment after "started" one where handlers really run.
using (var warmUp = host.Services.CreateScope())
{
    await warmUp.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new Work(0));
}

Console.WriteLine("started");

long next;
using (var read = new SqliteConnection(connectionString))
{
    read.Open();
    using var command = read.CreateCommand();
    command.CommandText = "SELECT coalesce(max(n), 0) + 1 FROM published;";
    next = (long)command.ExecuteScalar()!;
}

while (next <= count)
{
    using var scope = host.Services.CreateScope();
    var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
    await using var transaction = await bus.BeginSqliteTransactionAsync();
    var last = Math.Min(count, next + 49);
    for (var n = next; n <= last; n++)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO published (n) VALUES (@n);");
        insert.Parameters.AddWithValue("@n", n);
        await insert.ExecuteNonQueryAsync();
        await bus.PublishAsync(new Work(n));
    }

    await transaction.CommitAsync();
    next = last + 1;
}

Console.WriteLine("published");
await WaitForRowsAsync("SELECT count(DISTINCT n) FROM applied WHERE n > 0;");
Console.WriteLine("done");
await host.StopAsync();
return 0;

async Task WaitForRowsAsync(string countSql)
{
    while (true)
    {
        using var read = new SqliteConnection(connectionString);
        read.Open();
        using var command = read.CreateCommand();
        command.CommandText = countSql;
        if ((long)command.ExecuteScalar()! >= count)
        {
            return;
        }

        // Polling the business table for completion: this process's only job left is to wait for its handlers.
        await Task.Delay(50);
    }
}
