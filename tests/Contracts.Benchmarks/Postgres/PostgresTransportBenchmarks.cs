using System;
using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
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
/// The PostgreSQL queue transport, send to handled, beside the ceiling measured in the same run on the same server (a
/// throwaway PostgreSQL 15 cluster): one autocommitted INSERT of a 200-byte row. One host sends to and listens on its
/// queues (store and queues in one database). Time per message (or row).
/// </summary>
[Config(typeof(PostgresMessagingBenchmarks.Config))]
public class PostgresTransportBenchmarks
{
    private const int Rows = 200;
    private const int Messages = 500;

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
                options.Durability.Mode = DurabilityMode.Solo;
                options.PersistMessagesWithPostgres(connectionString);
                options.UsePostgresTransport(null);
                options.PublishMessage<BenchMessage>().ToPostgresQueue("bench_durable");
                options.ListenToPostgresQueue("bench_durable").MaximumParallelMessages(8);
                options.ListenToPostgresQueue("bench_inline").ProcessInline().ListenerCount(4);
            })
            .Start();

        _raw = PostgresBenchmarkSetup.OpenRaw(connectionString, "CREATE TABLE raw_rows (id bigint PRIMARY KEY, payload bytea NOT NULL);");
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

    /// <summary>Ceiling: one 200-byte row per autocommitted INSERT (INSERT + COMMIT in one round trip).</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public void Raw_insert_commit()
    {
        using var insert = new NpgsqlCommand("INSERT INTO raw_rows (id, payload) VALUES ($1, $2);", _raw);
        var id = new NpgsqlParameter<long>();
        insert.Parameters.Add(id);
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = new byte[200] });
        for (var i = 0; i < Rows; i++)
        {
            id.TypedValue = ++_rawKey;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Durable end to end: 500 messages published at once through the outbox, moved to the queue, claimed into the
    /// durable inbox, handled and marked handled, until all are handled.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Durable_queue_send_to_handle() =>
        SendAllAsync(bus => bus.PublishAsync(new BenchMessage(Stopwatch.GetTimestamp())));

    /// <summary>Inline both ways: each send is one INSERT (+ NOTIFY); four inline listeners delete each row after its handler.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Inline_queue_send_to_handle() =>
        SendAllAsync(bus => bus.EndpointFor(new Uri("pgqueue://bench_inline")).SendAsync(new BenchMessage(Stopwatch.GetTimestamp())));

    private async Task SendAllAsync(Func<IMessageBus, ValueTask> send)
    {
        BenchHandler.Expect(Messages);
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        var sends = new Task[Messages];
        for (var i = 0; i < Messages; i++)
        {
            sends[i] = send(bus).AsTask();
        }

        await Task.WhenAll(sends);
        BenchHandler.WaitAll();
    }
}
