using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using Contracts.Wolverine.EventLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orders.Contracts;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>An orchestrated saga with compensation and timeouts, persisted in the store.</summary>
public abstract class SagaTests<TStore> : IAsyncLifetime where TStore : StoreTarget, new()
{
    private readonly TStore _database = new();
    private readonly ShopLedger _ledger = new();
    private IHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(_database, options =>
        {
            options.Discovery.IncludeType(typeof(OrderSaga)).IncludeType(typeof(ShopServices));
            options.Services.AddSingleton(_ledger);
        });

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task the_happy_path_confirms_the_order_deletes_the_saga_and_logs_the_event()
    {
        await PlaceAsync("o-1", "ok");

        await Eventually.UntilAsync(() => _ledger.Has("o-1: confirmed"), "the order to be confirmed");
        await Eventually.UntilAsync(async () => await SagaRowsAsync("o-1") == 0, "the completed saga to be deleted");
        var logged = await ReadLogAsync("o-1");
        Assert.Equal(new[] { "orders.OrderConfirmed" }, logged.Select(e => e.Record.Subject));
        Assert.Equal("o-1", Assert.IsType<OrderConfirmed>(logged[0].Event).OrderId);
        Assert.False(_ledger.Has("o-1: released"));

        // The payment timeout still fires after completion: Wolverine drops a timeout whose saga is gone, so it
        // neither recreates the saga nor compensates.
        await Eventually.UntilAsync(async () => await _database.ScalarAsync(
            "SELECT count(*) FROM wolverine_incoming WHERE status = 'Scheduled'") == 0, "the scheduled timeout to fire");
        await Eventually.UntilAsync(async () => await _database.ScalarAsync(
            "SELECT count(*) FROM wolverine_incoming WHERE status <> 'Handled'") == 0, "the timeout to be handled");
        Assert.False(_ledger.Has("o-1: released"));
        Assert.DoesNotContain(_ledger.Entries, e => e.Contains("cancelled", StringComparison.Ordinal));
        Assert.Equal(0, await SagaRowsAsync("o-1"));
    }

    [Fact]
    public async Task a_declined_payment_releases_the_inventory_and_cancels_the_order()
    {
        await PlaceAsync("o-2", "declined");

        await Eventually.UntilAsync(() => _ledger.Has("o-2: cancelled (payment failed: card declined)"), "the order to be cancelled");
        await Eventually.UntilAsync(() => _ledger.Has("o-2: released"), "the inventory to be released");
        Assert.False(_ledger.Has("o-2: confirmed"));
        await Eventually.UntilAsync(async () => await SagaRowsAsync("o-2") == 0, "the saga to be deleted");
        var cancelled = Assert.Single(await ReadLogAsync("o-2"));
        Assert.Equal("payment failed: card declined", Assert.IsType<OrderCancelled>(cancelled.Event).Reason);
    }

    [Fact]
    public async Task a_payment_that_never_answers_times_out_and_compensates()
    {
        await PlaceAsync("o-3", "silent");

        // While waiting for payment the saga is stored, at the stage it reached.
        await Eventually.UntilAsync(() => _ledger.Has("o-3: charge silent"), "the charge to be attempted");
        await Eventually.UntilAsync(async () => await _database.ScalarAsync(
            $"SELECT count(*) FROM contracts_sagas WHERE id = 'o-3' AND {_database.JsonField("state", "Stage")} = 'reserved'") == 1, "the saga to record the reservation");

        await Eventually.UntilAsync(() => _ledger.Has("o-3: cancelled (payment timed out)"), "the timeout to cancel the order");
        // ReleaseInventory and OrderCancelled are handled independently: either may be recorded first.
        await Eventually.UntilAsync(() => _ledger.Has("o-3: released"), "the inventory to be released");
        Assert.Equal(0, await SagaRowsAsync("o-3"));

        // The payment answers after all: the saga is gone, so NotFound handles it (a refund, not a confirmation).
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new PaymentCharged("o-3"));
        }

        await Eventually.UntilAsync(() => _ledger.Has("o-3: late payment needs a refund"), "the late payment to reach NotFound");
        Assert.False(_ledger.Has("o-3: confirmed"));
    }

    private async Task PlaceAsync(string orderId, string payment)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new PlaceOrder(orderId, payment));
    }

    private Task<long> SagaRowsAsync(string id) =>
        _database.ScalarAsync("SELECT count(*) FROM contracts_sagas WHERE saga_type = @type AND id = @id;", ("@type", typeof(OrderSaga).FullName!), ("@id", id));

    private async Task<List<LoggedEvent>> ReadLogAsync(string streamKey)
    {
        var list = new List<LoggedEvent>();
        await foreach (var logged in _host.Services.GetRequiredService<EventLogReader>().ReadStreamAsync(streamKey))
        {
            list.Add(logged);
        }

        return list;
    }
}

public sealed class SqliteSagaTests : SagaTests<SqliteStore>;

public sealed class PostgresSagaTests : SagaTests<PostgresStore>;
