using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Bank.Contracts;
using Contracts.Wolverine.EventLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>The event log: appended with the outbox, read by position, stream and time, upcast on read, folded.</summary>
public abstract class EventLogTests<TStore> : IAsyncLifetime where TStore : StoreTarget, new()
{
    private readonly TStore _database = new();
    private IHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(_database, options => options.Discovery.IncludeType(typeof(BankHandlers)));

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _database.DisposeAsync();
    }

    private EventLogReader Log => _host.Services.GetRequiredService<EventLogReader>();

    [Fact]
    public async Task a_rolled_back_unit_of_work_leaves_no_log_row_and_a_committed_one_leaves_one_per_event()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await using var tx = await _database.BeginAsync(bus);
            await bus.PublishAsync(new AccountCredited { AccountId = "a-1", Amount = 10 });
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await _database.ScalarAsync("SELECT count(*) FROM contracts_event_log;"));

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await using var tx = await _database.BeginAsync(bus);
            await bus.PublishAsync(new AccountCredited { AccountId = "a-1", Amount = 10 });
            await bus.PublishAsync(new AccountCredited { AccountId = "a-1", Amount = 5 });
            await bus.SendAsync(new AuditAccount { AccountId = "a-1" }); // a command: not logged by default
            await tx.CommitAsync();
        }

        var rows = await ReadAllAsync(new EventLogQuery());
        Assert.Equal(new long?[] { 1, 2 }, rows.Select(r => r.Record.StreamSequence));
        Assert.All(rows, r =>
        {
            Assert.Equal("a-1", r.Record.StreamKey);
            Assert.Equal("bank.AccountCredited", r.Record.Subject);
            Assert.Equal(3, r.Record.Version);
            Assert.Equal(AccountCredited.ContractInfo.Fingerprint, r.Record.Fingerprint);
            Assert.Equal(EventPayloadFormat.Avro, r.Record.Format);
        });
        Assert.Equal(new long[] { 10, 5 }, rows.Select(r => ((AccountCredited)r.Event).Amount));
    }

    [Fact]
    public async Task rows_written_as_v1_and_v2_are_read_as_the_latest_version()
    {
        await PublishAsync(new AccountCreditedV1 { AccountId = "a-2", Amount = 1 });
        await PublishAsync(new AccountCreditedV2 { AccountId = "a-2", Amount = 2, Currency = "USD" });
        await PublishAsync(new AccountCredited { AccountId = "a-2", Amount = 3, Currency = "GBP", Note = "three" });

        var events = await ReadAllAsync(new EventLogQuery { StreamKey = "a-2" });

        Assert.Equal(new[] { 1, 2, 3 }, events.Select(e => e.Record.Version));
        var latest = events.Select(e => Assert.IsType<AccountCredited>(e.Event)).ToList();
        Assert.Equal(new[] { "EUR", "USD", "GBP" }, latest.Select(e => e.Currency));
        Assert.Equal(new string?[] { null, null, "three" }, latest.Select(e => e.Note));
    }

    [Fact]
    public async Task point_in_time_reads_return_the_state_at_that_moment()
    {
        await PublishAsync(new AccountCredited { AccountId = "a-3", Amount = 100 });
        await PublishAsync(new AccountDebited { AccountId = "a-3", Amount = 30 });
        await Task.Delay(20);
        var tuesday = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await PublishAsync(new AccountCredited { AccountId = "a-3", Amount = 1000 });
        await PublishAsync(new AccountCredited { AccountId = "a-4", Amount = 7 }); // another stream

        var then = await Log.FoldAsync("a-3", 0L, Folds.Balance, asOf: tuesday);
        var now = await Log.FoldAsync("a-3", 0L, Folds.Balance);

        Assert.Equal(70, then.State);
        Assert.Equal(2, then.EventsApplied);
        Assert.Equal(1070, now.State);
        Assert.Equal(3, now.StreamSequence);

        // Folding on from a snapshot reads only the later events and reaches the same state.
        var resumed = await Log.FoldAsync("a-3", 0L, Folds.Balance, snapshot: then.ToSnapshot());
        Assert.Equal(1070, resumed.State);
        Assert.Equal(1, resumed.EventsApplied);

        var positionThen = await Log.Store.PositionAtAsync(tuesday);
        Assert.Equal(2, positionThen);
        var stats = await Log.Store.StatsAsync();
        Assert.Equal(4, stats.Events);
        Assert.Equal(2, stats.Streams);
    }

    private async Task PublishAsync(object message)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var tx = await _database.BeginAsync(bus);
        await bus.PublishAsync(message);
        await tx.CommitAsync();
    }

    private async Task<List<LoggedEvent>> ReadAllAsync(EventLogQuery query)
    {
        var list = new List<LoggedEvent>();
        await foreach (var logged in Log.ReadAsync(query))
        {
            list.Add(logged);
        }

        return list;
    }
}

// These send an AuditAccount, which BankHandlers counts in the process-wide BankHandlers.Audits: they must not run while
// a subscription test compares that counter (collection "audits"; a CI run saw a count one too high).
[Collection("audits")]
public sealed class SqliteEventLogTests : EventLogTests<SqliteStore>;

[Collection("audits")]
public sealed class PostgresEventLogTests : EventLogTests<PostgresStore>;
