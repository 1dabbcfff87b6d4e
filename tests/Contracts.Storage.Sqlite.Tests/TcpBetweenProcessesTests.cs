using System;
using System.IO;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using JasperFx.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Transports.Tcp;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>Sent to the child process over TCP; the child has its own type with the same wire name.</summary>
[MessageIdentity("contracts.tests.tcp-work")]
public sealed record TcpWork(long N);

/// <summary>Two processes on one machine, each with its own SQLite file, talking over Wolverine's TCP transport.</summary>
public sealed class TcpBetweenProcessesTests : IAsyncLifetime
{
    private const int Messages = 200;
    private readonly SqliteTarget _sender = new();
    private readonly string _receiverDirectory = TestFiles.NewDirectory();

    public Task InitializeAsync() => _sender.EnsureBusinessTableAsync();

    [Fact]
    public async Task messages_committed_to_the_outbox_reach_a_receiver_process_that_starts_later_exactly_once()
    {
        var port = DurableMessagingConformance.FreePort();
        using var host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery();
                options.Durability.ScheduledJobPollingTime = 200.Milliseconds();
                _sender.PersistMessages(options);
                options.PublishMessage<TcpWork>().ToPort(port).UseDurableOutbox();
            })
            .StartAsync();

        // The receiver is not running: the messages are committed to the sender's outbox and wait there.
        for (var batch = 0; batch < Messages / 20; batch++)
        {
            var bus = host.Bus();
            await using var transaction = await _sender.BeginBusinessTransactionAsync(bus);
            for (var i = 1; i <= 20; i++)
            {
                var n = (batch * 20) + i;
                await transaction.InsertBusinessRowAsync("tcp-" + n, "sent");
                await bus.PublishAsync(new TcpWork(n));
            }

            await transaction.CommitAsync();
        }

        Assert.Equal(Messages, (await host.Store().Admin.FetchCountsAsync()).Outgoing);

        var receiverDatabase = Path.Combine(_receiverDirectory, "receiver.db");
        using var receiver = ChildProcess.Start("receive", receiverDatabase, port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Messages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await receiver.WaitForLineAsync("done", TimeSpan.FromMinutes(2));
        Assert.Equal(0, await receiver.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).Outgoing == 0,
            "the sender's outbox emptied once the receiver acknowledged");
        Assert.Equal(Messages, Count(receiverDatabase, "SELECT count(*) FROM received"));
        Assert.Equal(Messages, Count(receiverDatabase, "SELECT count(DISTINCT n) FROM received"));
        await host.StopAsync();
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        TestFiles.Delete(_receiverDirectory);
    }
}
