using Contracts.Wolverine;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Shop.Services;

/// <summary>Fires when Payments has not answered in time: a scheduled message kept in the store.</summary>
public sealed record PaymentTimeout(Guid OrderSagaId) : TimeoutMessage(OrderSaga.PaymentTimeLimit);

/// <summary>
/// Orders' orchestrated saga, persisted by the message store (SQLite or PostgreSQL): OrderPlaced → ReserveInventory → InventoryReserved →
/// ChargePayment → PaymentCharged → OrderConfirmed; PaymentFailed or the payment timeout → ReleaseInventory →
/// OrderCancelled (compensation). Each step (saga row, outgoing messages, event-log append) is one transaction.
/// </summary>
public sealed class OrderSaga : Saga
{
    public static TimeSpan PaymentTimeLimit { get; set; } = TimeSpan.FromSeconds(10);

    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public decimal Total { get; set; }
    public string Currency { get; set; } = "EUR";
    public string Stage { get; set; } = "placed";

    public static (OrderSaga, ReserveInventory, PaymentTimeout) Start(OrderPlaced placed, Envelope envelope, Timeline timeline)
    {
        var written = Written(envelope, OrderPlaced.ContractInfo.Version);
        var upcast = written == OrderPlaced.ContractInfo.Version ? "" : $" — written v{written}, handled v{OrderPlaced.ContractInfo.Version} (generated upcaster: currency {placed.Currency} by default)";
        timeline.Record("Orders saga", OrderPlaced.ContractInfo.Subject, written,
            $"order {OrdersHandlers.Short(placed.OrderId)} ({placed.Total} {placed.Currency}) saga started; ReserveInventory sent, payment timeout scheduled{upcast}");
        return (new OrderSaga { Id = placed.OrderId, CustomerId = placed.CustomerId, Total = placed.Total, Currency = placed.Currency },
            new ReserveInventory { OrderId = placed.OrderId, Items = placed.Lines.Select(l => new ReserveInventory.StockItem { Sku = l.Sku, Quantity = l.Quantity }).ToList() },
            new PaymentTimeout(placed.OrderId));
    }

    public ChargePayment Handle([SagaIdentityFrom(nameof(InventoryReserved.OrderId))] InventoryReserved reserved, Timeline timeline)
    {
        Stage = "reserved";
        timeline.Record<InventoryReserved>("Orders saga", $"order {OrdersHandlers.Short(Id)} stock held; ChargePayment sent");
        return new ChargePayment { PaymentId = OrdersHandlers.DeterministicGuid(Id, "payment"), OrderId = Id, CustomerId = CustomerId, Amount = Total, Currency = Currency };
    }

    public OrderConfirmed Handle([SagaIdentityFrom(nameof(PaymentCharged.OrderId))] PaymentCharged charged, Timeline timeline)
    {
        Stage = "confirmed";
        MarkCompleted();
        timeline.Record<PaymentCharged>("Orders saga", $"order {OrdersHandlers.Short(Id)} confirmed; saga completed");
        return new OrderConfirmed { OrderId = Id, ConfirmedAt = DateTimeOffset.UtcNow };
    }

    public (ReleaseInventory, OrderCancelled) Handle([SagaIdentityFrom(nameof(PaymentFailed.OrderId))] PaymentFailed failed, Timeline timeline)
    {
        timeline.Record<PaymentFailed>("Orders saga", $"order {OrdersHandlers.Short(Id)} payment failed ({failed.Reason}): compensating, ReleaseInventory sent");
        return Compensate(OrderCancelled.CancellationReason.PaymentFailed);
    }

    public (ReleaseInventory, OrderCancelled) Handle(PaymentTimeout timeout, Timeline timeline)
    {
        timeline.Record("Orders saga", "PaymentTimeout (scheduled)", 0, $"order {OrdersHandlers.Short(Id)} payment timed out: compensating, ReleaseInventory sent");
        return Compensate(OrderCancelled.CancellationReason.PaymentTimedOut);
    }

    /// <summary>The timeout of an order whose saga already completed: ignored, it does not recreate the saga.</summary>
    public static void NotFound(PaymentTimeout timeout) { }

    private (ReleaseInventory, OrderCancelled) Compensate(OrderCancelled.CancellationReason reason)
    {
        Stage = "cancelled";
        MarkCompleted();
        return (new ReleaseInventory { OrderId = Id }, new OrderCancelled { OrderId = Id, Reason = reason, CancelledAt = DateTimeOffset.UtcNow });
    }

    /// <summary>The version the producer wrote, from the CloudEvents header UseContracts set on the envelope.</summary>
    internal static int Written(Envelope? envelope, int fallback)
        => envelope is not null && envelope.Headers.TryGetValue(global::Contracts.Wolverine.ContractHeaders.SchemaVersion, out var v) && int.TryParse(v, out var n) ? n : fallback;
}

/// <summary>Orders' other handlers: address changes. The order flow itself is the saga above.</summary>
public static class OrdersHandlers
{
    public static async Task Handle(ShippingAddressChanged changed, IMessageContext context, Timeline timeline)
    {
        var written = OrderSaga.Written(context.Envelope, ShippingAddressChanged.ContractInfo.Version);
        await using (var tx = await context.BeginOutboxTransactionAsync())
        {
            await using var upsert = tx.CreateCommand("""
                INSERT INTO shipping_addresses (order_id, street, postal_code, city, country) VALUES (@id, @street, @postal, @city, @country)
                ON CONFLICT (order_id) DO UPDATE SET street = excluded.street, postal_code = excluded.postal_code, city = excluded.city, country = excluded.country
                """, ("@id", changed.OrderId.ToString()), ("@street", changed.Street), ("@postal", changed.PostalCode), ("@city", changed.City), ("@country", changed.Country));
            await upsert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        timeline.Record("Orders", ShippingAddressChanged.ContractInfo.Subject, written,
            $"order {Short(changed.OrderId)} ships to street \"{changed.Street}\", postal code \"{changed.PostalCode}\", city \"{changed.City}\", country \"{changed.Country}\" — written v{written}, handled v{ShippingAddressChanged.ContractInfo.Version}{(written == 1 ? " (hand-written upcaster)" : "")}");
    }

    internal static string Short(Guid id) => id.ToString("N")[..8];

    internal static Guid DeterministicGuid(Guid seed, string purpose)
    {
        var bytes = seed.ToByteArray();
        var hash = System.Security.Cryptography.SHA256.HashData([.. bytes, .. System.Text.Encoding.UTF8.GetBytes(purpose)]);
        return new Guid(hash.AsSpan(0, 16));
    }
}
