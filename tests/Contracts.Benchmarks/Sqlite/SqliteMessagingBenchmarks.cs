using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Contracts.Storage.Sqlite;
using Contracts.Storage.Sqlite.Internal;
using JasperFx.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Contracts.Benchmarks.Sqlite;

/// <summary>
/// Durable messaging on the SQLite store, side by side with the raw SQLite ceiling measured in the same run on the
/// same file: single-row INSERT+COMMIT, and 100-row batches. Every benchmark reports time per message (or per row).
/// </summary>
[Config(typeof(ShortConfig))]
public class SqliteMessagingBenchmarks
{
    private const int RawSingleRows = 200;
    private const int RawBatches = 20;
    private const int SendsPerInvoke = 200;
    private const int BatchedSends = 20;
    private const int PerTransaction = 100;
    private const int Handled = 1000;
    private const int OneAtATime = 100;

    private string _directory = null!;
    private string _connectionString = null!;
    private Microsoft.Extensions.Hosting.IHost _host = null!;
    private SqliteConnection _raw = null!;
    private long _rawKey;
    private long _outboxTransactions;
    private long _handledAtSetup;

    [Params(SqliteSynchronous.Full, SqliteSynchronous.Normal)]
    public SqliteSynchronous Synchronous { get; set; }

    /// <summary>1: every store operation is its own commit (no batching). 256: the batching writer's default.</summary>
    [Params(1, 256)]
    public int MaxBatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "contracts-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _connectionString = $"Data Source={Path.Combine(_directory, "bench.db")}";
        _host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(BenchHandler));
                options.Policies.UseDurableLocalQueues();
                // The floor benchmarks' messages go through a local queue kept in memory only: no store at all.
                options.LocalQueue("floor").BufferedInMemory();
                options.PublishMessage<FloorMessage>().ToLocalQueue("floor");
                options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
                options.PersistMessagesWithSqlite(_connectionString, store =>
                {
                    store.Synchronous = Synchronous;
                    store.MaxBatchSize = MaxBatchSize;
                });
            })
            .Start();

        _raw = new SqliteConnection(_connectionString);
        _raw.Open();
        Execute($"PRAGMA synchronous = {(int)Synchronous}; PRAGMA busy_timeout = 30000; CREATE TABLE IF NOT EXISTS raw_rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);");
        Execute("CREATE TABLE IF NOT EXISTS bench_rows (id TEXT NOT NULL);");

        // First messages: Wolverine compiles the handler code.
        BenchHandler.Expect(2);
        _host.Services.GetRequiredService<IMessageBus>().PublishAsync(new BenchMessage(Stopwatch.GetTimestamp())).AsTask().GetAwaiter().GetResult();
        _host.Services.GetRequiredService<IMessageBus>().PublishAsync(new FloorMessage(Stopwatch.GetTimestamp())).AsTask().GetAwaiter().GetResult();
        BenchHandler.WaitAll();
        _handledAtSetup = Interlocked.Read(ref BenchHandler.DurableHandled);
        var floor = _host.Services.GetRequiredService<global::Wolverine.Runtime.IWolverineRuntime>().Options.Transports.GetOrCreateEndpoint(new Uri("local://floor"));
        if (floor.Mode != global::Wolverine.Configuration.EndpointMode.BufferedInMemory)
        {
            throw new InvalidOperationException($"The floor benchmarks' queue must be in memory, but it is {floor.Mode}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var latencies = BenchHandler.Latencies.ToArray();
        Array.Sort(latencies);
        if (latencies.Length > 0)
        {
            var line = $"publish->handle latency ({BenchHandler.Label}), synchronous={Synchronous}, maxBatch={MaxBatchSize}: n={latencies.Length} " +
                       $"p50={Percentile(latencies, 0.50):0.00} ms p99={Percentile(latencies, 0.99):0.00} ms";
            Report(line);
        }

        // Write transactions per message, which the timings cannot show on a noisy machine: the application's outbox
        // transactions, the batching writer's, and the store operations that rode along with an outbox transaction.
        var writer = ((SqliteMessageStore)_host.Services.GetRequiredService<global::Wolverine.Runtime.IWolverineRuntime>().Storage).Writer;
        var transactions = $"write transactions, synchronous={Synchronous}, maxBatch={MaxBatchSize}: outbox {_outboxTransactions}, " +
                           $"batching writer {writer.Commits}, rode along {writer.Rode}, durable messages handled {Interlocked.Read(ref BenchHandler.DurableHandled) - _handledAtSetup}";
        Report(transactions);

        _raw.Dispose();
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Ceiling: one row per INSERT + COMMIT.</summary>
    [Benchmark(OperationsPerInvoke = RawSingleRows)]
    public void Raw_single_row_commit()
    {
        using var insert = RawInsert();
        var id = insert.Parameters["@id"];
        for (var i = 0; i < RawSingleRows; i++)
        {
            using var transaction = _raw.BeginTransaction();
            insert.Transaction = transaction;
            id.Value = ++_rawKey;
            insert.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>Ceiling: 100 rows per COMMIT (time per row).</summary>
    [Benchmark(OperationsPerInvoke = RawBatches * PerTransaction)]
    public void Raw_rows_in_batches_of_100()
    {
        using var insert = RawInsert();
        var id = insert.Parameters["@id"];
        for (var b = 0; b < RawBatches; b++)
        {
            using var transaction = _raw.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < PerTransaction; i++)
            {
                id.Value = ++_rawKey;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>A durable send: one outbox transaction (a business row + one message) committed per message.</summary>
    [Benchmark(OperationsPerInvoke = SendsPerInvoke)]
    public async Task Durable_send_one_message_per_transaction()
    {
        BenchHandler.Expect(SendsPerInvoke);
        for (var i = 0; i < SendsPerInvoke; i++)
        {
            await SendAsync(1);
        }
    }

    /// <summary>Batched flush: 100 messages per outbox transaction (time per message).</summary>
    [Benchmark(OperationsPerInvoke = BatchedSends * PerTransaction)]
    public async Task Durable_send_100_messages_per_transaction()
    {
        BenchHandler.Expect(BatchedSends * PerTransaction);
        for (var i = 0; i < BatchedSends; i++)
        {
            await SendAsync(PerTransaction);
        }
    }

    /// <summary>
    /// Floor of a durable send on this design, with no message store at all: the raw single-row commit of the business
    /// row, then Wolverine's publish of the message to an in-memory local queue (its handler running concurrently, as
    /// in the durable send). If this is already below 75% of the raw commit rate, no store can reach that target.
    /// </summary>
    [Benchmark(OperationsPerInvoke = SendsPerInvoke)]
    public async Task Floor_raw_commit_then_in_memory_publish()
    {
        BenchHandler.Expect(SendsPerInvoke);
        using var insert = RawInsert();
        var id = insert.Parameters["@id"];
        for (var i = 0; i < SendsPerInvoke; i++)
        {
            using (var transaction = _raw.BeginTransaction())
            {
                insert.Transaction = transaction;
                id.Value = ++_rawKey;
                insert.ExecuteNonQuery();
                transaction.Commit();
            }

            using var scope = _host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new FloorMessage(Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Floor of publish→handle: Wolverine's pipeline through an in-memory local queue, no store (bursts of 1000).</summary>
    [Benchmark(OperationsPerInvoke = Handled)]
    public async Task Floor_in_memory_publish_to_handle()
    {
        BenchHandler.Expect(Handled);
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        var publishes = new Task[Handled];
        for (var i = 0; i < Handled; i++)
        {
            publishes[i] = bus.PublishAsync(new FloorMessage(Stopwatch.GetTimestamp())).AsTask();
        }

        await Task.WhenAll(publishes);
        BenchHandler.WaitAll();
    }

    /// <summary>The sends are measured up to their commit (or publish); their handling finishes outside the measurement.</summary>
    [IterationCleanup(Targets = new[] { nameof(Durable_send_one_message_per_transaction), nameof(Durable_send_100_messages_per_transaction), nameof(Floor_raw_commit_then_in_memory_publish) })]
    public void WaitForSentMessagesToBeHandled() => BenchHandler.WaitAll();

    /// <summary>Durable publish to handled: 1000 messages published on the bus (inbox write, handle, handled mark).</summary>
    [Benchmark(OperationsPerInvoke = Handled)]
    public async Task Durable_publish_to_handle()
    {
        BenchHandler.Expect(Handled);
        BenchHandler.RecordLatency = true;
        BenchHandler.Label = "bursts of 1000";
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        var publishes = new Task[Handled];
        for (var i = 0; i < Handled; i++)
        {
            publishes[i] = bus.PublishAsync(new BenchMessage(Stopwatch.GetTimestamp())).AsTask();
        }

        await Task.WhenAll(publishes);
        BenchHandler.WaitAll();
    }

    /// <summary>Latency without queueing: publish one message, wait until its handler ran, repeat.</summary>
    [Benchmark(OperationsPerInvoke = OneAtATime)]
    public async Task Durable_publish_to_handle_one_at_a_time()
    {
        BenchHandler.RecordLatency = true;
        BenchHandler.Label = "one at a time";
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        for (var i = 0; i < OneAtATime; i++)
        {
            BenchHandler.Expect(1);
            await bus.PublishAsync(new BenchMessage(Stopwatch.GetTimestamp()));
            BenchHandler.WaitAll();
        }
    }

    private async Task SendAsync(int messages)
    {
        using var scope = _host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var transaction = await bus.BeginSqliteTransactionAsync();
        await using (var insert = transaction.CreateCommand("INSERT INTO bench_rows (id) VALUES ('x');"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < messages; i++)
        {
            await bus.PublishAsync(new BenchMessage(Stopwatch.GetTimestamp()));
        }

        await transaction.CommitAsync();
        _outboxTransactions++;
    }

    /// <summary>The raw ceiling's statement: one 200-byte row under an integer key (the same in every raw and floor benchmark).</summary>
    private SqliteCommand RawInsert()
    {
        var insert = _raw.CreateCommand();
        insert.CommandText = "INSERT INTO raw_rows (id, payload) VALUES (@id, zeroblob(200));";
        insert.Parameters.Add("@id", SqliteType.Integer);
        return insert;
    }

    private void Execute(string sql)
    {
        using var command = _raw.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Prints a result line BenchmarkDotNet's table cannot hold, and keeps it in $TMPDIR/contracts-bench-latency.txt.</summary>
    private static void Report(string line)
    {
        Console.WriteLine("// " + line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "contracts-bench-latency.txt"), line + Environment.NewLine);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class ShortConfig : ManualConfig
    {
        public ShortConfig()
        {
            // In process: BenchmarkDotNet's separate per-job build times out on the shared 2-core machine.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8)
                .WithToolchain(new BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
        }
    }
}

public sealed record BenchMessage(long PublishedAt);

/// <summary>The floor benchmarks' message: routed to an in-memory local queue.</summary>
public sealed record FloorMessage(long PublishedAt);

public static class BenchHandler
{
    private static CountdownEvent _remaining = new(0);

    public static ConcurrentQueue<double> Latencies { get; } = new();

    public static void Expect(int count) => _remaining = new CountdownEvent(count);

    public static void WaitAll()
    {
        if (!_remaining.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException($"{_remaining.CurrentCount} benchmark messages were not handled within 2 minutes.");
        }
    }

    /// <summary>Only the publish-to-handle benchmark reports latency.</summary>
    public static bool RecordLatency { get; set; }

    public static string Label { get; set; } = string.Empty;

    /// <summary>Messages handled through the durable store, for the write-transaction counts.</summary>
    public static long DurableHandled;

    public static void Handle(BenchMessage message)
    {
        Interlocked.Increment(ref DurableHandled);
        if (RecordLatency)
        {
            Latencies.Enqueue(Stopwatch.GetElapsedTime(message.PublishedAt).TotalMilliseconds);
        }

        _remaining.Signal();
    }

    public static void Handle(FloorMessage message) => _remaining.Signal();
}
