using System;
using System.Linq;
using System.Threading.Tasks;
using Bank.Contracts;
using Contracts.Storage.Conformance;
using Contracts.Wolverine;
using Contracts.Wolverine.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>Named subscriptions with durable checkpoints: catch-up, live, replay.</summary>
public abstract class SubscriptionTests<TStore> : IAsyncLifetime where TStore : StoreTarget, new()
{
    private readonly TStore _database = new();

    public Task InitializeAsync() => _database.ExecuteAsync("CREATE TABLE balances (account TEXT PRIMARY KEY, balance BIGINT NOT NULL);");

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task a_projection_added_after_10000_events_catches_up_to_the_same_state_as_one_that_ran_live()
    {
        var live = new BalancesProjection("live-balances");
        using (var host = await TestHost.StartAsync(_database, options =>
               {
                   options.Discovery.IncludeType(typeof(BankHandlers));
                   options.AddSubscription(live);
               }))
        {
            await PublishHistoryAsync(_database, host, 10_000);
            await WaitForCheckpointAsync(host, "live-balances", 10_000);
            await host.StopAsync();
        }

        var late = new BalancesProjection("late-balances");
        using (var host = await TestHost.StartAsync(_database, options =>
               {
                   options.Discovery.IncludeType(typeof(BankHandlers));
                   options.AddSubscription(late);
               }))
        {
            await WaitForCheckpointAsync(host, "late-balances", 10_000);
            await host.StopAsync();
        }

        Assert.Equal(50, live.Balances.Count);
        Assert.Equal(Folds.Snapshot(live).OrderBy(p => p.Key), Folds.Snapshot(late).OrderBy(p => p.Key));
        Assert.Equal(Expected(10_000), live.Balances.Values.Sum());
    }

    [Fact]
    public async Task replay_rebuilds_the_read_model_once_and_sends_nothing_while_side_effects_are_suppressed()
    {
        using var host = await TestHost.StartAsync(_database, options =>
        {
            options.Discovery.IncludeType(typeof(BankHandlers));
            options.Services.AddSingleton<StoreTarget>(_database);
            options.AddSubscription<BalanceTableProjection>(s => s.SideEffectsDuringCatchUp = true);
        });
        var store = host.Services.GetRequiredService<ISubscriptionStore>();
        await WaitForRegistrationAsync(store, "balance-table");
        var auditsBefore = BankHandlers.Audits;
        await PublishHistoryAsync(_database, host, 500);
        await WaitForCheckpointAsync(host, "balance-table", 500);
        var large = Enumerable.Range(0, 500).Count(i => i % 5 != 4 && Amount(i) >= 1000);
        await Eventually.UntilAsync(() => BankHandlers.Audits - auditsBefore == large, "live side effects to be sent");
        Assert.Equal(large, await AuditRowsAsync());
        var balances = await TableSumAsync();
        Assert.Equal(Enumerable.Range(0, 500).Where(i => i % 5 != 4).Sum(Amount), balances); // credits only

        for (var round = 1; round <= 2; round++)
        {
            var audits = BankHandlers.Audits;
            await store.RequestReplayAsync("balance-table", new ReplayRequest(From: 1));
            var state = await WaitForReplayAsync(store, "balance-table");

            Assert.Equal(500, state.Position);
            Assert.Equal(500, state.Replay!.Read);
            Assert.Equal(400, state.Replay.Applied);
            Assert.Equal(100, state.Replay.Skipped); // the debits: this projection has no handler for them
            Assert.Equal(balances, await TableSumAsync()); // rebuilt once: not doubled by the second replay
            await Task.Delay(300);
            Assert.Equal(audits, BankHandlers.Audits);
            // A send would have been written to the inbox in the batch's transaction: there is no new row.
            Assert.Equal(large, await AuditRowsAsync());
        }

        // After the replay, new events have side effects again.
        var before = BankHandlers.Audits;
        await PublishAsync(_database, host, new AccountCredited { AccountId = "acct-1", Amount = 5000 });
        await Eventually.UntilAsync(() => BankHandlers.Audits == before + 1, "a new event's side effect");
        await host.StopAsync();
    }

    [Fact]
    public async Task a_replay_with_an_end_stops_there_and_pauses_the_subscription()
    {
        var projection = new BalancesProjection("bounded");
        using var host = await TestHost.StartAsync(_database, options =>
        {
            options.Discovery.IncludeType(typeof(BankHandlers));
            options.AddSubscription(projection);
        });
        var store = host.Services.GetRequiredService<ISubscriptionStore>();
        await PublishHistoryAsync(_database, host, 300);
        await WaitForCheckpointAsync(host, "bounded", 300);

        projection.Balances.Clear();
        await store.RequestReplayAsync("bounded", new ReplayRequest(From: 1, To: 100));
        var state = await WaitForReplayAsync(store, "bounded");

        Assert.Equal(SubscriptionStatus.Paused, state.Status);
        Assert.Equal(100, state.Position);
        Assert.Equal(Expected(100), projection.Balances.Values.Sum());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RequestReplayAsync("no-such-subscription", new ReplayRequest(1)));
        await host.StopAsync();
    }

    [Fact]
    public async Task contracts_replay_on_the_command_line_is_executed_by_the_running_service_and_summarized()
    {
        var projection = new BalancesProjection("cli-balances");
        using var host = await TestHost.StartAsync(_database, options =>
        {
            options.Discovery.IncludeType(typeof(BankHandlers));
            options.AddSubscription(projection, s => s.PollingInterval = TimeSpan.FromMilliseconds(100));
        });
        await PublishHistoryAsync(_database, host, 1000);
        await WaitForCheckpointAsync(host, "cli-balances", 1000);
        var live = Folds.Snapshot(projection);
        projection.Balances.Clear(); // the replay must rebuild it

        var output = new System.IO.StringWriter();
        var error = new System.IO.StringWriter();
        var code = await Task.Run(() => Contracts.Cli.ContractsCli.Run(
            new[] { "replay", "--subscription", "cli-balances", "--connection", _database.ConnectionString, "--timeout", "30" }, output, error));

        Assert.True(code == 0, output + "\n" + error);
        Assert.Contains("Replayed 'cli-balances': read 1000, applied 1000, skipped 0", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(live.OrderBy(p => p.Key), Folds.Snapshot(projection).OrderBy(p => p.Key));
        await host.StopAsync();
    }

    internal static long Amount(int i) => i % 7 == 0 ? 1000 + i : 1 + (i % 13);

    internal static long Expected(int count) => Enumerable.Range(0, count).Sum(i => i % 5 == 4 ? -3 : Amount(i));

    /// <summary>Credits in three schema versions and some debits, over 50 accounts, 500 events per transaction.</summary>
    internal static async Task PublishHistoryAsync(StoreTarget store, IHost host, int count)
    {
        for (var start = 0; start < count; start += 500)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await using var tx = await store.BeginAsync(bus);
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                var account = "acct-" + (i % 50);
                object e = (i % 5) switch
                {
                    4 => new AccountDebited { AccountId = account, Amount = 3 },
                    0 => new AccountCreditedV1 { AccountId = account, Amount = Amount(i) },
                    1 => new AccountCreditedV2 { AccountId = account, Amount = Amount(i), Currency = "USD" },
                    _ => new AccountCredited { AccountId = account, Amount = Amount(i) },
                };
                await bus.PublishAsync(e);
            }

            await tx.CommitAsync();
        }
    }

    internal static async Task PublishAsync(StoreTarget store, IHost host, object message)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var tx = await store.BeginAsync(bus);
        await bus.PublishAsync(message);
        await tx.CommitAsync();
    }

    internal static Task WaitForRegistrationAsync(ISubscriptionStore store, string name) =>
        Eventually.UntilAsync(async () => await store.LoadAsync(name) is not null, $"subscription {name} to register");

    internal static Task WaitForCheckpointAsync(IHost host, string name, long position) =>
        Eventually.UntilAsync(async () => (await host.Services.GetRequiredService<ISubscriptionStore>().LoadAsync(name))?.Position == position,
            $"subscription {name} to reach position {position}", TimeSpan.FromSeconds(90));

    private static async Task<SubscriptionState> WaitForReplayAsync(ISubscriptionStore store, string name)
    {
        SubscriptionState? state = null;
        await Eventually.UntilAsync(async () =>
        {
            state = await store.LoadAsync(name);
            return state?.Replay?.State is ReplayState.Done or ReplayState.Failed;
        }, $"the replay of {name} to finish", TimeSpan.FromSeconds(60));
        Assert.Equal(ReplayState.Done, state!.Replay!.State);
        return state;
    }

    private Task<long> AuditRowsAsync() => _database.ScalarAsync("SELECT count(*) FROM wolverine_incoming WHERE message_type LIKE '%AuditAccount%';");

    private Task<long> TableSumAsync() => _database.ScalarAsync("SELECT coalesce(sum(balance), 0) FROM balances;");
}

[Collection("audits")] // BankHandlers.Audits is process-wide
public sealed class SqliteSubscriptionTests : SubscriptionTests<SqliteStore>;

[Collection("audits")]
public sealed class PostgresSubscriptionTests : SubscriptionTests<PostgresStore>;
