using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Storage.Postgres;
using Contracts.Storage.Postgres.NodeChild;
using Contracts.Storage.Postgres.Transport;
using Contracts.Testing;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;
using Wolverine.Util;

namespace Contracts.Benchmarks.Postgres;

/// <summary>
/// Scaling from 1 to 3 nodes (issue #10): throughput from queued to durably handled (the consumers' side of publish →
/// handle) on the PostgreSQL queue transport with 1 and with 3 competing consumer processes (tests/Contracts.Storage.Postgres.QueueChild: DurabilityMode.Balanced,
/// durable inbox, 4 messages in parallel per process), side by side in one run on one throwaway PostgreSQL cluster.
/// <para>
/// Not BenchmarkDotNet: an operation takes seconds and needs child processes that must not be restarted between the
/// cases, and BenchmarkDotNet runs all iterations of one case before the next. On a shared, noisy machine the two
/// cases are only comparable when they alternate, so this runner alternates them (1, 3, 3, 1, …) and reports medians.
/// </para>
/// <para>
/// Each case is a deployment of its own: a database (so that the two never share a queue or a node table), the
/// `applied` business table, a producer host in this process (only for the transport's notification channel and the
/// serializer) and N consumer processes, all started, registered as nodes and warmed up (every consumer has handled
/// a message, so its handler is compiled) before anything is measured; both deployments stay up for the whole run, so
/// the idle one's background polling weighs on both cases alike. A measurement: empty `applied`, build the queue rows
/// (serialized envelopes, as the transport's sender writes them), start the clock, insert them into the queue in one
/// transaction with the sender's NOTIFY, stop the clock when `applied` holds a row for every message (polled every
/// 20 ms). So the interval is the consumers' side: claim, store in the durable inbox, handle, mark handled, delete the
/// queue row. The producer's outbox is left out on purpose: there is one producer in both cases, and it would be the
/// bottleneck (its cost is in PostgresTransportBenchmarks). The handler inserts its row in the inbox's transaction and
/// then waits the handle delay (a stand-in for the database or HTTP call a real handler waits on) before it commits.
/// Afterwards the runner checks that each message was applied exactly once.
/// </para>
/// Run: <c>dotnet run -c Release --project tests/Contracts.Benchmarks -- scaling [messages] [repetitions] [delays ms, comma separated]</c>
/// (defaults 3000, 5, "0,5").
/// </summary>
public static class ScalingRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
        var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var delays = args.Length > 2 ? args[2].Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray() : new[] { 0, 5 };
        Console.WriteLine($"scaling: {messages} messages, {repetitions} repetitions per case, handle delays {string.Join(", ", delays)} ms, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        using var cluster = PostgresCluster.Start();
        var summary = new List<string>();
        foreach (var delay in delays)
        {
            await using var one = await Deployment.StartAsync(cluster, $"scaling_d{delay}_n1", 1, delay);
            await using var three = await Deployment.StartAsync(cluster, $"scaling_d{delay}_n3", 3, delay);
            // One unrecorded round each at full size: the first bulk claims warm paths the warm-up messages did not.
            await one.MeasureAsync(messages);
            await three.MeasureAsync(messages);
            var times = new Dictionary<int, List<double>> { [1] = new(), [3] = new() };
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                foreach (var deployment in repetition % 2 == 0 ? new[] { one, three } : new[] { three, one })
                {
                    var (enqueued, applied, cpu, shares) = await deployment.MeasureAsync(messages);
                    times[deployment.Nodes].Add(applied.TotalSeconds);
                    Console.WriteLine(FormattableString.Invariant(
                        $"  delay {delay} ms, {deployment.Nodes} node(s), run {repetition + 1}: all applied after {applied.TotalSeconds:0.000} s ({messages / applied.TotalSeconds:0} msg/s; enqueued after {enqueued.TotalSeconds:0.000} s; per node {shares}; consumers' CPU {cpu:0.00} s = {cpu / applied.TotalSeconds:0.00} cores); load {LoadAverage()}"));
                }
            }

            var m1 = Median(times[1]);
            var m3 = Median(times[3]);
            var line = FormattableString.Invariant(
                $"delay {delay} ms: median 1 node {m1:0.000} s ({messages / m1:0} msg/s), 3 nodes {m3:0.000} s ({messages / m3:0} msg/s); 3 nodes / 1 node throughput {m1 / m3:0.00}x; per-run ratios (pairs) {string.Join(" ", times[1].Zip(times[3], (a, b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture)))}");
            Console.WriteLine(line);
            summary.Add(line);
        }

        Console.WriteLine();
        Console.WriteLine($"summary (load average at the end {LoadAverage()}):");
        summary.ForEach(Console.WriteLine);
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>One case: a database, a producer host in this process and N warm consumer processes.</summary>
    private sealed class Deployment : IAsyncDisposable
    {
        private readonly string _connectionString;
        private readonly List<ChildProcess> _consumers = new();
        private IHost? _producer;
        private long _warmUp;

        private Deployment(string connectionString, int nodes)
        {
            _connectionString = connectionString;
            Nodes = nodes;
        }

        public int Nodes { get; }

        public static async Task<Deployment> StartAsync(PostgresCluster cluster, string database, int nodes, int delay)
        {
            await ExecuteAsync(cluster.ConnectionString(), $"CREATE DATABASE {database};");
            var deployment = new Deployment(cluster.ConnectionString(database), nodes);
            try
            {
                await deployment.StartAsync(delay);
                return deployment;
            }
            catch
            {
                await deployment.DisposeAsync();
                throw;
            }
        }

        private async Task StartAsync(int delay)
        {
            await ExecuteAsync(_connectionString, "CREATE TABLE applied (n bigint NOT NULL, message_id uuid NOT NULL, node integer NOT NULL);");
            _producer = await Host.CreateDefaultBuilder()
                .ConfigureLogging(logging => logging.ClearProviders())
                .UseWolverine(options =>
                {
                    options.UseRuntimeCompilation();
                    options.Discovery.DisableConventionalDiscovery();
                    options.Durability.Mode = DurabilityMode.Solo;
                    options.PersistMessagesWithPostgres(_connectionString, pg => pg.SchemaName = "publisher");
                    options.UsePostgresTransport(_connectionString, queues => queues.PollingInterval = 250.Milliseconds());
                    options.PublishMessage<Work>().ToPostgresQueue("work");
                })
                .StartAsync();

            for (var i = 0; i < Nodes; i++)
            {
                _consumers.Add(ChildProcess.Start("Contracts.Storage.Postgres.QueueChild", _connectionString, delay.ToString(CultureInfo.InvariantCulture), "durable"));
            }

            foreach (var consumer in _consumers)
            {
                await consumer.WaitForLineAsync("node ", TimeSpan.FromMinutes(3), prefix: true);
            }

            // Warm-up (negative numbers): until every consumer has handled a message, so each has compiled its handler.
            var clock = Stopwatch.StartNew();
            while (await CountAsync(_connectionString, "SELECT count(DISTINCT node) FROM applied") < Nodes)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(3))
                {
                    throw new TimeoutException($"Not every one of the {Nodes} consumers handled a warm-up message within 3 minutes. Errors: " +
                                               string.Join(Environment.NewLine, _consumers.Select(c => c.Errors)));
                }

                var first = _warmUp + 1;
                _warmUp += 8 * Nodes;
                await EnqueueAsync(Prepare(-_warmUp, -first));
                await WaitForAppliedAsync("SELECT count(*) FROM applied WHERE n < 0", _warmUp);
            }
        }

        /// <summary>
        /// Queue rows for <c>Work(n)</c>, n in [first, last], as the transport's sender writes them (envelope serialized with
        /// the producer's serializer), built before the clock starts.
        /// </summary>
        private (Guid[] Ids, string[] Types, byte[][] Bodies) Prepare(long first, long last)
        {
            var serializer = _producer!.Services.GetRequiredService<IWolverineRuntime>().Options.DefaultSerializer;
            var type = typeof(Work).ToMessageTypeName();
            var count = (int)(last - first + 1);
            var rows = (Ids: new Guid[count], Types: new string[count], Bodies: new byte[count][]);
            for (var i = 0; i < count; i++)
            {
                var envelope = new Envelope(new Work(first + i)) { Id = Guid.NewGuid(), MessageType = type, ContentType = serializer.ContentType };
                envelope.Data = serializer.Write(envelope);
                rows.Ids[i] = envelope.Id;
                rows.Types[i] = type;
                rows.Bodies[i] = EnvelopeSerializer.Serialize(envelope);
            }

            return rows;
        }

        /// <summary>Inserts the rows into the queue in one transaction and wakes the listeners, as a sender does (one round trip).</summary>
        private async Task EnqueueAsync((Guid[] Ids, string[] Types, byte[][] Bodies) rows)
        {
            var transport = _producer!.Services.GetRequiredService<IWolverineRuntime>().Options.Transports.GetOrCreate<PostgresTransport>();
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "INSERT INTO contracts_queues.queue_work (id, message_type, body) SELECT * FROM unnest(@ids, @types, @bodies); SELECT pg_notify(@channel, 'work');",
                connection);
            command.Parameters.AddWithValue("ids", rows.Ids);
            command.Parameters.AddWithValue("types", rows.Types);
            command.Parameters.AddWithValue("bodies", rows.Bodies);
            command.Parameters.AddWithValue("channel", transport.Channel);
            await command.ExecuteNonQueryAsync();
        }

        private async Task WaitForAppliedAsync(string sql, long expected)
        {
            var clock = Stopwatch.StartNew();
            while (await CountAsync(_connectionString, sql) < expected)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"{sql} did not reach {expected} within 5 minutes. Errors: " +
                                               string.Join(Environment.NewLine, _consumers.Select(c => c.Errors)));
                }

                await Task.Delay(20);
            }
        }

        /// <summary>One measurement: publish <paramref name="messages"/> and wait until each is applied; checks exactly once.</summary>
        public async Task<(TimeSpan Enqueued, TimeSpan Applied, double CpuSeconds, string Shares)> MeasureAsync(int messages)
        {
            await WaitForAppliedAsync("SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM contracts_queues.queue_work", 1);
            await ExecuteAsync(_connectionString, "TRUNCATE applied;");
            var rows = Prepare(1, messages);
            var cpuBefore = ConsumerCpuSeconds();
            var clock = Stopwatch.StartNew();
            await EnqueueAsync(rows);
            var enqueued = clock.Elapsed;
            await WaitForAppliedAsync("SELECT count(*) FROM applied", messages);
            var applied = clock.Elapsed;
            var cpu = ConsumerCpuSeconds() - cpuBefore;

            var distinct = await CountAsync(_connectionString, "SELECT count(DISTINCT n) FROM applied");
            var total = await CountAsync(_connectionString, "SELECT count(*) FROM applied");
            if (distinct != messages || total != messages)
            {
                throw new InvalidOperationException($"Expected each of {messages} messages applied once; {distinct} distinct, {total} rows.");
            }

            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM applied GROUP BY node ORDER BY node;", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var shares = new List<long>();
            while (await reader.ReadAsync())
            {
                shares.Add(reader.GetInt64(0));
            }

            return (enqueued, applied, cpu, string.Join("/", shares));
        }

        /// <summary>User and system CPU time of the consumer processes so far (/proc/&lt;pid&gt;/stat, 100 ticks a second); NaN elsewhere.</summary>
        private double ConsumerCpuSeconds() => _consumers.Sum(consumer =>
        {
            var path = $"/proc/{consumer.Id}/stat";
            if (!File.Exists(path))
            {
                return double.NaN;
            }

            // Fields after the parenthesized command name: state is field 3, utime 14 and stime 15.
            var stat = File.ReadAllText(path);
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        });

        public async ValueTask DisposeAsync()
        {
            _consumers.ForEach(consumer => consumer.Dispose()); // SIGKILL: nothing of theirs is needed afterwards
            if (_producer is not null)
            {
                await _producer.StopAsync();
                _producer.Dispose();
            }
        }
    }
}
