using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bank.Contracts;
using Contracts.Storage.Conformance;
using Contracts.Storage.Postgres;
using Contracts.Storage.Postgres.Internal;
using Contracts.Testing;
using Contracts.Wolverine;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>
/// What only PostgreSQL has to get right: several writers and several nodes at once. Event-log positions must never
/// become visible out of order, one node at a time advances a subscription, and one of two concurrent claims of an
/// idempotency key wins.
/// </summary>
public sealed class PostgresConcurrencyTests : PostgresStoresTest
{
    [Fact]
    public async Task a_reader_never_sees_a_later_position_while_an_earlier_append_is_still_open()
    {
        var store = await StoreAsync();
        await using var first = await OpenAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        await store.EventLog.AppendAsync(first, firstTx, new[] { LogRows.Credit("held-open") }, CancellationToken.None);

        // A second writer appends while the first is still open: it must not get a position that becomes visible first.
        var second = Task.Run(async () =>
        {
            await using var connection = await OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await store.EventLog.AppendAsync(connection, tx, new[] { LogRows.Credit("second") }, CancellationToken.None);
            await tx.CommitAsync();
        });
        await Eventually.UntilAsync(async () => second.IsCompleted || await WaitingOnAdvisoryLockAsync() > 0,
            "the second append to finish or to wait for the first");

        Assert.Empty(await store.EventLog.ReadPageAsync(new EventLogQuery()));

        await firstTx.CommitAsync();
        await second;
        var rows = await store.EventLog.ReadPageAsync(new EventLogQuery());
        Assert.Equal(new long[] { 1, 2 }, rows.Select(r => r.Position));
        Assert.Equal(new[] { "held-open", "second" }, rows.Select(r => r.StreamKey));
        Assert.Equal(new long?[] { 1, 1 }, rows.Select(r => r.StreamSequence));
    }

    [Fact]
    public async Task concurrent_appenders_never_make_a_reader_skip_a_position()
    {
        const int writers = 8, appendsEach = 40;
        var store = await StoreAsync();
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                await using var connection = await OpenAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await store.EventLog.AppendAsync(connection, tx, new[] { LogRows.Credit("w" + w), LogRows.Credit("shared") }, CancellationToken.None);
                await Task.Yield(); // let others try to append between this append and its commit
                await tx.CommitAsync();
            }
        })).ToArray();

        // A subscription's reader: read after the checkpoint, move the checkpoint to the last row seen.
        long checkpoint = 0;
        var seen = new List<long>();
        while (checkpoint < writers * appendsEach * 2)
        {
            // Whether every writer had committed before this read: only then does an empty page mean the end.
            var writersDone = writing.All(t => t.IsCompleted);
            var page = await store.EventLog.ReadPageAsync(new EventLogQuery { AfterPosition = checkpoint, PageSize = 7 });
            foreach (var row in page)
            {
                seen.Add(row.Position);
                checkpoint = row.Position;
            }

            if (page.Count == 0)
            {
                if (writersDone)
                {
                    break;
                }

                await Task.Delay(1);
            }
        }

        await Task.WhenAll(writing);
        Assert.Equal(Enumerable.Range(1, writers * appendsEach * 2).Select(p => (long)p), seen);
        var shared = await store.EventLog.ReadPageAsync(new EventLogQuery { StreamKey = "shared", PageSize = 10_000 });
        Assert.Equal(Enumerable.Range(1, writers * appendsEach).Select(s => (long?)s), shared.Select(r => r.StreamSequence));
    }

    [Fact]
    public async Task of_two_nodes_claiming_one_idempotency_key_at_once_exactly_one_wins()
    {
        var nodeA = await StoreAsync();
        var nodeB = await StoreAsync();
        for (var round = 0; round < 50; round++)
        {
            var key = "order-" + round;
            Guid a = Guid.NewGuid(), b = Guid.NewGuid();
            var claims = await Task.WhenAll(
                Task.Run(() => nodeA.TryClaimIdempotencyKeyAsync("orders.PlaceOrder", key, a, CancellationToken.None)),
                Task.Run(() => nodeB.TryClaimIdempotencyKeyAsync("orders.PlaceOrder", key, b, CancellationToken.None)));
            Assert.Equal(1, claims.Count(c => c));
            // The winner's retry (a redelivery of the same message) still holds it; the loser's does not.
            var winner = claims[0] ? (nodeA, a) : (nodeB, b);
            var loser = claims[0] ? (nodeB, b) : (nodeA, a);
            Assert.True(await winner.Item1.TryClaimIdempotencyKeyAsync("orders.PlaceOrder", key, winner.Item2, CancellationToken.None));
            Assert.False(await loser.Item1.TryClaimIdempotencyKeyAsync("orders.PlaceOrder", key, loser.Item2, CancellationToken.None));
        }

        // A claim that runs into one not yet committed waits for it and sees its outcome.
        await using var connection = await OpenAsync();
        await using (var open = await connection.BeginTransactionAsync())
        {
            await using (var insert = new NpgsqlCommand(
                             "INSERT INTO wolverine.contract_idempotency_keys (subject, key, message_id) VALUES ('orders.PlaceOrder', 'pending', @id);", connection, open))
            {
                insert.Parameters.AddWithValue("id", Guid.NewGuid());
                await insert.ExecuteNonQueryAsync();
            }

            var blocked = nodeB.TryClaimIdempotencyKeyAsync("orders.PlaceOrder", "pending", Guid.NewGuid(), CancellationToken.None);
            await Eventually.UntilAsync(async () => blocked.IsCompleted || await WaitingOnLocksAsync() > 0, "the claim to wait for the open insert");
            await open.CommitAsync();
            Assert.False(await blocked);
        }

        Assert.Equal(51, await Database.ScalarAsync("SELECT count(*) FROM contract_idempotency_keys;"));
    }

    [Fact]
    public async Task one_subscription_is_advanced_by_one_node_at_a_time_and_another_takes_over_when_it_stops()
    {
        await Database.ExecuteAsync("SELECT 1;"); // the database exists before two hosts race to migrate it
        var onA = new CountingProjection("shared-counter");
        var onB = new CountingProjection("shared-counter");
        var hostA = await StartNodeAsync(onA);
        IHost? hostB = null;
        try
        {
            var store = hostA.Services.GetRequiredService<ISubscriptionStore>();
            await SubscriptionTests<PostgresStore>.WaitForRegistrationAsync(store, "shared-counter");
            hostB = await StartNodeAsync(onB);

            // Published through both nodes, so both are woken by their own commits and both poll.
            for (var batch = 0; batch < 20; batch++)
            {
                await PublishCreditsAsync(batch % 2 == 0 ? hostA : hostB, 50);
            }

            await SubscriptionTests<PostgresStore>.WaitForCheckpointAsync(hostA, "shared-counter", 1000);
            Assert.Equal(1000, onA.Applied);
            Assert.Equal(0, onB.Applied);

            await hostA.StopAsync();
            hostA.Dispose();
            hostA = null!;
            for (var batch = 0; batch < 10; batch++)
            {
                await PublishCreditsAsync(hostB, 50);
            }

            await SubscriptionTests<PostgresStore>.WaitForCheckpointAsync(hostB, "shared-counter", 1500);
            Assert.Equal(1000, onA.Applied);
            Assert.Equal(500, onB.Applied); // resumed at the checkpoint: nothing applied twice, nothing missed
            Assert.Equal(Enumerable.Range(1001, 500).Select(p => (long)p), onB.Positions);
        }
        finally
        {
            foreach (var host in new[] { hostA, hostB })
            {
                if (host is not null)
                {
                    await host.StopAsync();
                    host.Dispose();
                }
            }
        }
    }

    private Task<IHost> StartNodeAsync(IProjection projection) =>
        TestHost.StartAsync(Database, options =>
        {
            options.Discovery.IncludeType(typeof(BankHandlers));
            options.AddSubscription(projection, s => s.PollingInterval = TimeSpan.FromMilliseconds(100));
        });

    private async Task PublishCreditsAsync(IHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var tx = await Database.BeginAsync(bus);
        for (var i = 0; i < count; i++)
        {
            await bus.PublishAsync(new AccountCredited { AccountId = "acct-" + (i % 10), Amount = 1 });
        }

        await tx.CommitAsync();
    }

    private async Task<PostgresMessageStore> StoreAsync()
    {
        var store = new PostgresMessageStore(new PostgresMessageStoreOptions { ConnectionString = Database.ConnectionString }, new global::Wolverine.DurabilitySettings());
        Track(store);
        await store.EnsureSchemaAsync();
        return store;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private Task<long> WaitingOnAdvisoryLockAsync() => Database.ScalarAsync(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory';");

    private Task<long> WaitingOnLocksAsync() => Database.ScalarAsync(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';");
}
