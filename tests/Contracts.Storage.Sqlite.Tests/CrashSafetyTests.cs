using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>
/// A child process publishes and handles 10,000 messages through the SQLite outbox and inbox and is killed with
/// SIGKILL at random moments; after the restarts every message's effect is applied exactly once and none is lost.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int MessageCount = 10_000;
    private const int Kills = 21;
    private readonly string _directory = TestFiles.NewDirectory();
    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task every_message_is_applied_exactly_once_across_sigkill_restarts()
    {
        var database = Path.Combine(_directory, "crash.db");
        var random = new Random();
        var killedWhileWorking = 0;
        // Kill moments are random, spread so that the kills cover the whole run on a fast or a slow machine: the
        // window adapts to the progress (published + applied) the child made per millisecond so far.
        var window = 1000.0;
        long progress = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            using var child = ChildProcess.Start(database, MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await child.WaitForLineAsync("started", TimeSpan.FromSeconds(60));
            // The kill moment is the random part of the test, not a synchronisation: any moment must be safe.
            var delay = random.Next(0, (int)window + 1);
            await Task.Delay(delay);
            if (child.Printed("done"))
            {
                break;
            }

            await child.KillAsync();
            killedWhileWorking++;
            var published = Count(database, "SELECT count(*) FROM published");
            var applied = Count(database, "SELECT count(*) FROM applied WHERE n > 0");
            _output.WriteLine($"kill {kill + 1} after {delay} ms: published {published}, applied {applied}");

            var rate = Math.Max(0.05, (published + applied - progress) / Math.Max(1.0, delay));
            progress = published + applied;
            var perCycle = Math.Max(1, (2 * MessageCount) - progress) / (double)(Kills - kill + 1);
            window = Math.Clamp(2 * perCycle / rate, 50, 2000);
        }

        using (var last = ChildProcess.Start(database, MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await last.WaitForLineAsync("done", TimeSpan.FromMinutes(3));
            Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(MessageCount, Count(database, "SELECT count(*) FROM published"));
        Assert.Equal(MessageCount, Count(database, "SELECT count(DISTINCT n) FROM applied WHERE n BETWEEN 1 AND " + MessageCount));
        Assert.Equal(0, Count(database, "SELECT count(*) FROM (SELECT n FROM applied WHERE n > 0 GROUP BY n HAVING count(*) > 1)"));
        Assert.Equal(MessageCount, Count(database, "SELECT count(*) FROM applied WHERE n > 0"));
        Assert.Equal(0, Count(database, "SELECT count(*) FROM wolverine_incoming WHERE status <> 'Handled'"));
        Assert.Equal(0, Count(database, "SELECT count(*) FROM wolverine_dead_letters"));
        Assert.True(killedWhileWorking >= 20, $"only {killedWhileWorking} kills happened before the work finished");
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => TestFiles.Delete(_directory);
}
