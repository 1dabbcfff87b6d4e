using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Bench.Replay;
using Contracts.Storage.Sqlite;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;

namespace Contracts.Benchmarks.Replay;

/// <summary>
/// Replay throughput from the SQLite event log: 1,000,000 rows (two thirds written as v1, one third as v3), read raw
/// vs read, decoded and upcast v1→v3 into an in-memory projection, in the same run on the same file; and the catch-up
/// of a subscription over all of them through the real runner (batches of 5,000, checkpoint committed per batch).
/// </summary>
[Config(typeof(Config))]
public class ReplayBenchmarks
{
    public const int Events = 1_000_000;
    private const int Page = 5000;

    private string _directory = null!;
    private string _connectionString = null!;
    private SqliteStoreOperations _store = null!;
    private EventDecoder _decoder = null!;
    private Microsoft.Extensions.Hosting.IHost _host = null!;
    private SubscriptionRunner _runner = null!;
    private ISubscriptionStore _subscriptions = null!;

    public static ContractCatalog Catalog { get; } = new(
        ContractRegistry.All.Where(r => r.Info.Subject != "bench.replay.Credited" || r.Info.Version == 3).Concat(new[]
        {
            ContractRegistration.Create<CreditedV1, Credited>(CreditedV1AvroCodec.Instance, null,
                v => new Credited { AccountId = v.AccountId, Amount = v.Amount, Currency = "EUR", Note = null }),
            ContractRegistration.Create<CreditedV2, Credited>(CreditedV2AvroCodec.Instance, null,
                v => new Credited { AccountId = v.AccountId, Amount = v.Amount, Currency = v.Currency, Note = null }),
        }));

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "contracts-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _connectionString = $"Data Source={Path.Combine(_directory, "log.db")}";
        _store = SqliteStoreOperations.Open(_connectionString, create: true);
        Fill(_connectionString);
        _decoder = new EventDecoder(Catalog);

        _host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery();
                options.Services.AddSingleton(Catalog);
                options.PersistMessagesWithSqlite(_connectionString);
            })
            .StartAsync();
        var runtime = _host.Services.GetRequiredService<IWolverineRuntime>();
        _subscriptions = _host.Services.GetRequiredService<ISubscriptionStore>();
        _runner = new SubscriptionRunner(_subscriptions, new SumProjection(), Catalog, _host.Services, () => new MessageContext(runtime),
            new SubscriptionOptions { BatchSize = Page });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "raw rows (no decode)")]
    public Task<long> RawRows() => SumPayloadsAsync(StorePageAsync);

    [Benchmark(OperationsPerInvoke = Events, Description = "decode + upcast v1→v3 + in-memory projection")]
    public Task<long> DecodeUpcastProject() => ProjectAsync(StorePageAsync);

    /// <summary>The page reader before the lean row path: <see cref="SqliteDataReader"/>, every column through its getters.</summary>
    [Benchmark(OperationsPerInvoke = Events, Description = "raw rows, SqliteDataReader (previous reader)")]
    public Task<long> RawRowsPreviousReader() => SumPayloadsAsync(PreviousReaderPageAsync);

    [Benchmark(OperationsPerInvoke = Events, Description = "decode + upcast v1→v3 + projection, SqliteDataReader (previous reader)")]
    public Task<long> DecodeUpcastProjectPreviousReader() => ProjectAsync(PreviousReaderPageAsync);

    private Task<IReadOnlyList<EventLogRecord>> StorePageAsync(long after) =>
        _store.EventLog.ReadPageAsync(new EventLogQuery { AfterPosition = after, PageSize = Page });

    private Task<IReadOnlyList<EventLogRecord>> PreviousReaderPageAsync(long after) =>
        Task.FromResult<IReadOnlyList<EventLogRecord>>(ReadPageWithDataReader(after));

    private static async Task<long> SumPayloadsAsync(Func<long, Task<IReadOnlyList<EventLogRecord>>> readPage)
    {
        long sum = 0;
        long after = 0;
        while (true)
        {
            var page = await readPage(after);
            foreach (var row in page)
            {
                sum += row.Payload.Length;
            }

            if (page.Count < Page)
            {
                return sum;
            }

            after = page[^1].Position;
        }
    }

    private async Task<long> ProjectAsync(Func<long, Task<IReadOnlyList<EventLogRecord>>> readPage)
    {
        var balances = new Dictionary<string, long>();
        long after = 0;
        while (true)
        {
            var page = await readPage(after);
            foreach (var row in page)
            {
                var credited = (Credited)_decoder.TryDecode(row)!.Event;
                balances[credited.AccountId] = balances.GetValueOrDefault(credited.AccountId) + credited.Amount;
            }

            if (page.Count < Page)
            {
                return balances.Count;
            }

            after = page[^1].Position;
        }
    }

    /// <summary>What <c>SqliteEventLog.ReadPage</c> did before the lean row reader, kept here as the side-by-side baseline.</summary>
    private List<EventLogRecord> ReadPageWithDataReader(long after)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText =
            "SELECT position, stream_key, stream_seq, subject, version, fingerprint, format, payload, message_id, causation_id, correlation_id, " +
            "traceparent, headers, recorded_at FROM contracts_event_log WHERE position > @after AND (@to IS NULL OR position <= @to) " +
            "AND (@key IS NULL OR stream_key = @key) AND (@seq IS NULL OR stream_seq > @seq) AND (@until IS NULL OR recorded_at <= @until) " +
            "ORDER BY position LIMIT @limit;";
        select.Parameters.AddWithValue("@after", after);
        select.Parameters.AddWithValue("@to", DBNull.Value);
        select.Parameters.AddWithValue("@key", DBNull.Value);
        select.Parameters.AddWithValue("@seq", DBNull.Value);
        select.Parameters.AddWithValue("@until", DBNull.Value);
        select.Parameters.AddWithValue("@limit", Page);
        var rows = new List<EventLogRecord>(Page);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new EventLogRecord(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3),
                reader.GetInt32(4),
                unchecked((ulong)reader.GetInt64(5)),
                reader.GetString(6),
                (byte[])reader.GetValue(7),
                Guid.Parse(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13))));
        }

        return rows;
    }

    [IterationSetup(Target = nameof(SubscriptionCatchUp))]
    public void ResetCheckpoint()
    {
        _runner.RegisterAsync().GetAwaiter().GetResult();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE contracts_subscriptions SET position = 0;";
        command.ExecuteNonQuery();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "subscription catch-up (runner, checkpoint per 5,000)")]
    public Task<long> SubscriptionCatchUp() => _runner.CatchUpAsync();

    private static void Fill(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO contracts_event_log (stream_key, stream_seq, subject, version, fingerprint, format, payload, message_id, recorded_at) " +
                             "VALUES (@key, @seq, 'bench.replay.Credited', @version, @fp, 'avro', @payload, @id, @at);";
        var key = insert.Parameters.Add("@key", SqliteType.Text);
        var seq = insert.Parameters.Add("@seq", SqliteType.Integer);
        var version = insert.Parameters.Add("@version", SqliteType.Integer);
        var fingerprint = insert.Parameters.Add("@fp", SqliteType.Integer);
        var payload = insert.Parameters.Add("@payload", SqliteType.Blob);
        var id = insert.Parameters.Add("@id", SqliteType.Text);
        var at = insert.Parameters.Add("@at", SqliteType.Integer);
        var sequences = new long[1000];
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < Events; i++)
        {
            var account = i % 1000;
            buffer.Clear();
            if (i % 3 == 2)
            {
                CreditedAvroCodec.Instance.Write(buffer, new Credited { AccountId = "acct-" + account, Amount = i % 97, Currency = "USD", Note = "n" });
                version.Value = 3;
                fingerprint.Value = unchecked((long)Credited.ContractInfo.Fingerprint);
            }
            else
            {
                CreditedV1AvroCodec.Instance.Write(buffer, new CreditedV1 { AccountId = "acct-" + account, Amount = i % 97 });
                version.Value = 1;
                fingerprint.Value = unchecked((long)CreditedV1.ContractInfo.Fingerprint);
            }

            key.Value = "acct-" + account;
            seq.Value = ++sequences[account];
            payload.Value = buffer.WrittenSpan.ToArray();
            id.Value = Guid.NewGuid().ToString("D");
            at.Value = 1_700_000_000_000L + i;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private sealed class SumProjection : Projection
    {
        private readonly Dictionary<string, long> _balances = new();

        public SumProjection() : base("bench-sum") =>
            On<Credited>((e, _) => _balances[e.AccountId] = _balances.GetValueOrDefault(e.AccountId) + e.Amount);
    }

    private sealed class Config : ManualConfig
    {
        public Config() =>
            // In process: the separate benchmark build exceeds BenchmarkDotNet's two-minute build timeout on a busy 2-core machine.
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                // An iteration reads 1,000,000 rows: on a loaded machine that outlasts the in-process default time limit.
                .WithToolchain(new BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)));
    }
}
