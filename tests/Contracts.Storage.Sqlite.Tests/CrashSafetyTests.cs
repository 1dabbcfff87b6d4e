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
    // At least RequiredKills kills must land while work remains; the loop may kill up to MaxKills times, and the
    // kill window is steered to spread the work over a few more kills than required, so a fast machine that finishes
    // sooner than steered still gets its 20.
    private const int RequiredKills = 20;
    private const int PlannedKills = RequiredKills + 5;
    private const int MaxKills = 40;
    private readonly string _directory = TestFiles.NewDirectory();
    private readonly ITestOutputHelper _output;

    public CrashSafetyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task every_message_is_applied_exactly_once_across_sigkill_restarts()
    {
        var database = Path.Combine(_directory, "crash.db");
        var random = new Random();
        var killedWhileWorking = 0;
        // One kill in five lands at a random moment of the child's start-up (recovery, warm-up); the others at a random
        // moment within a window after it started. The window follows the child's progress (published + applied) so
        // that the kills are spread over publishing and handling on a fast or a slow machine.
        var startup = 1000.0;
        var window = 800.0;
        long progress = 0;
        for (var kill = 0; kill < MaxKills; kill++)
        {
            using var child = ChildProcess.Start(database, MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The kill moment is the random part of the test, not a synchronisation: any moment must be safe.
            var duringStartup = random.NextDouble() < 0.2;
            if (duringStartup)
            {
                await Task.Delay(random.Next(0, (int)startup + 1));
            }
            else
            {
                await child.WaitForLineAsync("started", TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(0, (int)window + 1));
            }

            if (child.Printed("done"))
            {
                break;
            }

            await child.KillAsync();
            killedWhileWorking++;
            startup = child.PrintedAfter("started")?.TotalMilliseconds ?? startup;
            var published = Count(database, "SELECT count(*) FROM published");
            var applied = Count(database, "SELECT count(*) FROM applied WHERE n > 0");
            _output.WriteLine($"kill {kill + 1} {(duringStartup ? "during start-up" : $"after start-up (window {window:0} ms)")}: published {published}, applied {applied}");

            var made = published + applied - progress;
            progress = published + applied;
            if (made > 0)
            {
                // Steer gently: a kill during start-up makes no progress, and recovery makes bursts.
                var wanted = Math.Max(1, (2 * MessageCount) - progress) / (double)Math.Max(2, PlannedKills - kill + 1);
                window = Math.Clamp(window * Math.Clamp(wanted / made, 0.25, 2), 50, 3000);
            }
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
        Assert.True(killedWhileWorking >= RequiredKills, $"only {killedWhileWorking} kills happened before the work finished");
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // A kill in the first milliseconds of the first start-up lands before the child created its tables.
            return 0;
        }
    }

    public void Dispose() => TestFiles.Delete(_directory);
}
