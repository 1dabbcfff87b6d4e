using System;
using System.Collections.Concurrent;
using System.Linq;
using Orders.Contracts;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Contracts.EventLog.Tests;

public sealed record PlaceOrder(string OrderId, string Payment);
public sealed record ReserveInventory([property: SagaIdentity] string OrderId);
public sealed record InventoryReserved([property: SagaIdentity] string OrderId);
public sealed record ReleaseInventory([property: SagaIdentity] string OrderId);
public sealed record ChargePayment([property: SagaIdentity] string OrderId, string Payment);
public sealed record PaymentCharged([property: SagaIdentity] string OrderId);
public sealed record PaymentFailed([property: SagaIdentity] string OrderId, string Reason);

/// <summary>Fires when payment has not answered in time.</summary>
public sealed record PaymentTimeout([property: SagaIdentity] string OrderId) : TimeoutMessage(TimeSpan.FromSeconds(4));

/// <summary>What the other "services" saw, per order.</summary>
public sealed class ShopLedger
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public void Add(string entry) => Entries.Enqueue(entry);

    public bool Has(string entry) => Entries.Contains(entry);
}

/// <summary>
/// place order → reserve inventory → charge payment → confirm; payment failure or timeout → release inventory →
/// cancel order. A late message after completion lands in NotFound.
/// </summary>
public sealed class OrderSaga : Saga
{
    public string Id { get; set; } = "";

    public string Payment { get; set; } = "";

    public string Stage { get; set; } = "placed";

    public static (OrderSaga, ReserveInventory, PaymentTimeout) Start(PlaceOrder command) =>
        (new OrderSaga { Id = command.OrderId, Payment = command.Payment }, new ReserveInventory(command.OrderId), new PaymentTimeout(command.OrderId));

    public ChargePayment Handle(InventoryReserved reserved)
    {
        Stage = "reserved";
        return new ChargePayment(Id, Payment);
    }

    public OrderConfirmed Handle(PaymentCharged charged)
    {
        Stage = "confirmed";
        MarkCompleted();
        return new OrderConfirmed { OrderId = Id };
    }

    public (ReleaseInventory, OrderCancelled) Handle(PaymentFailed failed) => Compensate("payment failed: " + failed.Reason);

    public (ReleaseInventory, OrderCancelled) Handle(PaymentTimeout timeout) => Compensate("payment timed out");

    public static void NotFound(PaymentCharged charged, ShopLedger ledger) => ledger.Add($"{charged.OrderId}: late payment needs a refund");

    private (ReleaseInventory, OrderCancelled) Compensate(string reason)
    {
        Stage = "cancelled";
        MarkCompleted();
        return (new ReleaseInventory(Id), new OrderCancelled { OrderId = Id, Reason = reason });
    }
}

/// <summary>Inventory, payments and notifications: plain handlers around the saga.</summary>
public static class ShopServices
{
    public static InventoryReserved Handle(ReserveInventory command, ShopLedger ledger)
    {
        ledger.Add($"{command.OrderId}: reserved");
        return new InventoryReserved(command.OrderId);
    }

    public static void Handle(ReleaseInventory command, ShopLedger ledger) => ledger.Add($"{command.OrderId}: released");

    public static object? Handle(ChargePayment command, ShopLedger ledger)
    {
        ledger.Add($"{command.OrderId}: charge {command.Payment}");
        return command.Payment switch
        {
            "ok" => new PaymentCharged(command.OrderId),
            "declined" => new PaymentFailed(command.OrderId, "card declined"),
            _ => null, // the payment provider never answers
        };
    }

    public static void Handle(OrderConfirmed confirmed, ShopLedger ledger) => ledger.Add($"{confirmed.OrderId}: confirmed");

    public static void Handle(OrderCancelled cancelled, ShopLedger ledger) => ledger.Add($"{cancelled.OrderId}: cancelled ({cancelled.Reason})");
}
