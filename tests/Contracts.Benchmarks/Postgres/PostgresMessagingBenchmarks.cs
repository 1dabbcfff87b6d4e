using System;
using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Contracts.Benchmarks.Sqlite;
using Contracts.Storage.Postgres;
using Contracts.Testing;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace Contracts.Benchmarks.Postgres;

/// <summary>
/// Durable messaging on the PostgreSQL store, side by side with the raw ceiling measured in the same run on the same
/// server (a throwaway PostgreSQL 15 cluster): single-row INSERT+COMMIT, and 100-row batches. Time per message (or row).
/// </summary>
[Config(typeof(Config))]
public class PostgresMessagingBenchmarks
{
    private const int RawSingleRows = 200;
    private const int RawBatches = 20;
    private const int PerTransaction = 100;
    private const int Sends = 200;
    private const int BatchedSends = 20;
    private const int Handled = 1000;

    private PostgresCluster _cluster = null!;
    private Microsoft.Extensions.Hosting.IHost _host = null!;
    private NpgsqlConnection _raw = null!;
    private long _rawKey;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = PostgresCluster.Start();
        var connectionString = _cluster.ConnectionString();
        _host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(BenchHandler));
                options.Policies.UseDurableLocalQueues();
                options.Durability.Mode = DurabilityMode.Balanced;
                options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
                options.PersistMessagesWithPostgres(connectionString);
            })
            .Start();

        _raw = PostgresBenchmarkSetup.OpenRaw(connectionString, "CREATE TABLE raw_rows (id bigint PRIMARY KEY, payload bytea NOT NULL); CREATE TABLE bench_rows (id text NOT NULL);");
        PostgresBenchmarkSetup.WarmUp(_host);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        _cluster.Dispose();
    }

    private void InsertRawRows(int transactions, int rowsPerTransaction)
    {
        using var insert = new NpgsqlCommand("INSERT INTO raw_rows (id, payload) VALUES ($1, $2);", _raw);
        var id = new NpgsqlParameter<long>();
        insert.Parameters.Add(id);
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = new byte[200] });
        for (var t = 0; t < transactions; t++)
        {
            using var transaction = _raw.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < rowsPerTransaction; i++)
            {
                id.TypedValue = ++_rawKey;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Ceiling: one 200-byte row per INSERT + COMMIT.</summary>
    [Benchmark(OperationsPerInvoke = RawSingleRows)]
    public void Raw_single_row_commit() => InsertRawRows(RawSingleRows, 1);

    /// <summary>Ceiling: 100 rows per COMMIT (time per row).</summary>
    [Benchmark(OperationsPerInvoke = RawBatches * PerTransaction)]
    public void Raw_rows_in_batches_of_100() => InsertRawRows(RawBatches, PerTransaction);

    /// <summary>A durable send: one outbox transaction (a business row + one message) committed per message.</summary>
    [Benchmark(OperationsPerInvoke = Sends)]
    public Task Durable_send_one_message_per_transaction() => SendAsync(Sends, 1);

    /// <summary>Batched flush: 100 messages per outbox transaction (time per message).</summary>
    [Benchmark(OperationsPerInvoke = BatchedSends * PerTransaction)]
    public Task Durable_send_100_messages_per_transaction() => SendAsync(BatchedSends, PerTransaction);

    /// <summary>The sends are measured up to their commit; their handling finishes outside the measurement.</summary>
    [IterationCleanup(Targets = new[] { nameof(Durable_send_one_message_per_transaction), nameof(Durable_send_100_messages_per_transaction) })]
    public void WaitForSentMessagesToBeHandled() => BenchHandler.WaitAll();

    /// <summary>Durable publish to handled: 1000 messages published at once (inbox write, handler, handled mark), until all are handled.</summary>
    [Benchmark(OperationsPerInvoke = Handled)]
    public async Task Durable_publish_to_handle()
    {
        BenchHandler.Expect(Handled);
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        var publishes = new Task[Handled];
        for (var i = 0; i < Handled; i++)
        {
            publishes[i] = bus.PublishAsync(new BenchMessage(Stopwatch.GetTimestamp())).AsTask();
        }

        await Task.WhenAll(publishes);
        BenchHandler.WaitAll();
    }

    private async Task SendAsync(int transactions, int messagesPerTransaction)
    {
        BenchHandler.Expect(transactions * messagesPerTransaction);
        for (var t = 0; t < transactions; t++)
        {
            using var scope = _host.Services.CreateScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await using var transaction = await bus.BeginPostgresTransactionAsync();
            await using (var insert = transaction.CreateCommand("INSERT INTO bench_rows (id) VALUES ('x');"))
            {
                await insert.ExecuteNonQueryAsync();
            }

            for (var i = 0; i < messagesPerTransaction; i++)
            {
                await bus.PublishAsync(new BenchMessage(Stopwatch.GetTimestamp()));
            }

            await transaction.CommitAsync();
        }
    }

    /// <summary>Also the queue transport benchmarks' job (PostgresTransportBenchmarks).</summary>
    internal sealed class Config : ManualConfig
    {
        // In process: on a loaded 2-core machine BenchmarkDotNet's per-job build of a boilerplate project times out.
        public Config() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8)
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
    }
}
