using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Contracts.Storage.Postgres.Tests;

/// <summary>
/// Several node processes (tests/Contracts.Storage.Postgres.NodeChild) of one service share a database in
/// DurabilityMode.Balanced, each publishing its own range of numbered messages (every 10th scheduled, fired by
/// whichever node claims it) and handling them. Effects are rows in `applied`; `published` commits with the messages.
/// </summary>
public sealed class postgres_multi_node_tests : IAsyncLifetime
{
    private const string Child = "Contracts.Storage.Postgres.NodeChild";
    private readonly ITestOutputHelper _output;
    private readonly List<ChildProcess> _children = new();
    private string _database = string.Empty;

    public postgres_multi_node_tests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _database = await TestServer.CreateDatabaseAsync("nodes");

    public async Task DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.KillAsync();
            child.Dispose();
        }

        await TestServer.DropDatabaseAsync(_database);
    }

    private ChildProcess StartNode(long first, long last, int handleDelayMilliseconds = 3)
    {
        var child = ChildProcess.Start(Child, _database, first.ToString(CultureInfo.InvariantCulture), last.ToString(CultureInfo.InvariantCulture),
            handleDelayMilliseconds.ToString(CultureInfo.InvariantCulture));
        _children.Add(child);
        return child;
    }

    private static int NodeNumber(string line) => int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);

    private Task<long> CountAsync(string sql) => TestServer.CountAsync(_database, sql);

    [Fact]
    public async Task a_node_killed_mid_load_leaves_its_envelopes_to_the_survivors_and_every_effect_applies_once()
    {
        // Three nodes start at once on a new database: they also race to create the schema (advisory-locked migration).
        var a = StartNode(1, 2000);
        var b = StartNode(2001, 4000);
        // C handles slowly (50 ms a message), so it is sure to own a backlog of unhandled envelopes when it dies: with the
        // default 3 ms, a fast machine kept up with its own publishing and C owned nothing by the time it was killed.
        var c = StartNode(4001, 6000, handleDelayMilliseconds: 50);
        var cNode = NodeNumber(await c.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true));
        await a.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true);
        await b.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM wolverine.wolverine_nodes"));
        Assert.Equal(3, await CountAsync("SELECT count(DISTINCT node_number) FROM wolverine.wolverine_nodes"));

        await WaitForAsync(async () => await CountAsync("SELECT count(*) FROM published WHERE n BETWEEN 4001 AND 6000") >= 400, "node C to publish 400 messages", TimeSpan.FromMinutes(2));
        await c.KillAsync();
        _killed.Add(c);
        var orphaned = await ReadIdsAsync($"SELECT id FROM wolverine.wolverine_incoming WHERE owner_id = {cNode} AND status = 'Incoming'");
        var cPublished = await CountAsync("SELECT count(*) FROM published WHERE n BETWEEN 4001 AND 6000");
        _output.WriteLine($"killed node {cNode} after it published {cPublished}; it owned {orphaned.Count} unhandled incoming envelopes");
        Assert.True(cPublished < 2000, "node C finished its range before it was killed; the test proves nothing");
        Assert.NotEmpty(orphaned);

        await WaitForAsync(async () =>
                await CountAsync("SELECT count(*) FROM published WHERE n <= 4000") == 4000
                && await CountAsync("SELECT count(DISTINCT n) FROM applied WHERE n > 0") == await CountAsync("SELECT count(*) FROM published"),
            "the survivors to publish their ranges and apply every published message", TimeSpan.FromMinutes(4));

        var published = await CountAsync("SELECT count(*) FROM published");
        Assert.Equal(4000 + cPublished, published);
        Assert.Equal(published, await CountAsync("SELECT count(*) FROM applied WHERE n > 0"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM (SELECT n FROM applied WHERE n > 0 GROUP BY n HAVING count(*) > 1) twice"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM published p WHERE NOT EXISTS (SELECT 1 FROM applied a WHERE a.n = p.n)"));
        // The envelopes C owned when it died were applied by the survivors.
        var takenOver = await CountAsync($"SELECT count(*) FROM applied WHERE node <> {cNode} AND message_id = ANY(ARRAY[{string.Join(",", orphaned.Select(id => $"'{id}'::uuid"))}])");
        Assert.Equal(orphaned.Count, takenOver);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM wolverine.wolverine_incoming WHERE status <> 'Handled'"));
        AssertNoDeadLetters(await DeadLettersAsync());
        // Scheduled messages (every 10th) were fired once each, by more than one node.
        Assert.True(await CountAsync("SELECT count(DISTINCT node) FROM applied WHERE n % 10 = 0 AND n > 0") >= 2);
    }

    [Fact]
    public async Task a_database_restart_mid_load_loses_nothing_and_applies_every_effect_once()
    {
        var a = StartNode(1, 1500);
        var b = StartNode(1501, 3000);
        await a.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true);
        await b.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true);
        await WaitForAsync(async () => await CountAsync("SELECT count(*) FROM published") >= 400, "400 messages published", TimeSpan.FromMinutes(2));

        var clock = Stopwatch.StartNew();
        TestServer.Cluster.Restart(TimeSpan.FromSeconds(2));
        _output.WriteLine($"server down and up again in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(await CountAsync("SELECT count(*) FROM published") < 3000, "the nodes finished before the restart; the test proves nothing");

        await WaitForAsync(async () =>
                await CountAsync("SELECT count(*) FROM published") == 3000
                && await CountAsync("SELECT count(DISTINCT n) FROM applied WHERE n > 0") == 3000,
            "every message published and applied after the restart", TimeSpan.FromMinutes(4));

        Assert.Equal(3000, await CountAsync("SELECT count(*) FROM applied WHERE n > 0"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM (SELECT n FROM applied WHERE n > 0 GROUP BY n HAVING count(*) > 1) twice"));
        await WaitForAsync(async () => await CountAsync("SELECT count(*) FROM wolverine.wolverine_incoming WHERE status <> 'Handled'") == 0,
            "no unhandled incoming envelope left", TimeSpan.FromSeconds(30));
        AssertNoDeadLetters(await DeadLettersAsync());
        _output.WriteLine(a.Errors.Split('\n').FirstOrDefault(l => l.Contains("paused", StringComparison.Ordinal)) ?? "(node A never paused publishing)");
    }

    /// <summary>Fails with every dead letter's type, exception type and whole message (an equality diff truncates them).</summary>
    private static void AssertNoDeadLetters(string deadLetters) => Assert.True(deadLetters.Length == 0, "dead letters:" + Environment.NewLine + deadLetters);

    /// <summary>The dead letters with their exceptions, one per line (empty when there are none).</summary>
    private async Task<string> DeadLettersAsync()
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message_type || ': ' || exception_type || ': ' || exception_message FROM wolverine.wolverine_dead_letters;", connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private async Task<List<Guid>> ReadIdsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            foreach (var child in _children.Where(c => c.HasExited && c.Errors.Length > 0 && !_killed.Contains(c)))
            {
                throw new InvalidOperationException($"A node exited while waiting for {what}; the end of its errors:{Environment.NewLine}{(child.Errors.Length > 3000 ? child.Errors[^3000..] : child.Errors)}");
            }

            if (clock.Elapsed > timeout)
            {
                var errors = string.Join(Environment.NewLine + "---" + Environment.NewLine, _children.Select(c => c.Errors.Length > 4000 ? c.Errors[^4000..] : c.Errors));
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. The nodes' errors:{Environment.NewLine}{errors}");
            }

            await Task.Delay(200);
        }
    }

    private readonly HashSet<ChildProcess> _killed = new();
}
