using Contracts.Storage.Sqlite;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Wolverine;

namespace Shop.Services;

/// <summary>
/// Orders: records placed orders and coordinates the order flow (reserve stock, charge, confirm; on a failed
/// payment, release the stock and cancel). Each step is one local transaction whose business write and outgoing
/// messages commit together.
/// </summary>
public static class OrdersHandlers
{
    public static async Task Handle(OrderPlaced placed, IMessageContext context, Timeline timeline)
    {
        await using var tx = await context.BeginSqliteTransactionAsync();
        await using (var insert = tx.CreateCommand("INSERT OR IGNORE INTO orders (id, customer, total, currency, status, version) VALUES (@id, @customer, @total, @currency, 'placed', 2)"))
        {
            insert.Parameters.AddWithValue("@id", placed.OrderId.ToString());
            insert.Parameters.AddWithValue("@customer", placed.CustomerId.ToString());
            insert.Parameters.AddWithValue("@total", placed.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("@currency", placed.Currency);
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                // The idempotency key (orderId) was seen before: at-least-once delivery, applied once.
                await tx.RollbackAsync();
                timeline.Record<OrderPlaced>("Orders", $"order {Short(placed.OrderId)} already recorded: duplicate ignored");
                return;
            }
        }
        foreach (var line in placed.Lines)
        {
            await using var insertLine = tx.CreateCommand("INSERT INTO order_lines (order_id, sku, quantity) VALUES (@id, @sku, @quantity)");
            insertLine.Parameters.AddWithValue("@id", placed.OrderId.ToString());
            insertLine.Parameters.AddWithValue("@sku", line.Sku);
            insertLine.Parameters.AddWithValue("@quantity", line.Quantity);
            await insertLine.ExecuteNonQueryAsync();
        }
        await context.SendAsync(new ReserveInventory
        {
            OrderId = placed.OrderId,
            Items = placed.Lines.Select(l => new ReserveInventory.StockItem { Sku = l.Sku, Quantity = l.Quantity }).ToList(),
        });
        await tx.CommitAsync();
        timeline.Record<OrderPlaced>("Orders", $"order {Short(placed.OrderId)} recorded ({placed.Total} {placed.Currency}); ReserveInventory sent");
    }

    public static async Task Handle(InventoryReserved reserved, IMessageContext context, ShopDatabase db, Timeline timeline)
    {
        var (customer, total, currency) = await db.QueryAsync(
            "SELECT customer, total, currency FROM orders WHERE id = @id",
            r => r.Read() ? (Guid.Parse(r.GetString(0)), decimal.Parse(r.GetString(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2)) : default,
            ("@id", reserved.OrderId.ToString()));
        await using var tx = await context.BeginSqliteTransactionAsync();
        await Status(tx, reserved.OrderId, "reserved");
        await context.SendAsync(new ChargePayment
        {
            PaymentId = DeterministicGuid(reserved.OrderId, "payment"),
            OrderId = reserved.OrderId,
            CustomerId = customer,
            Amount = total,
            Currency = currency,
        });
        await tx.CommitAsync();
        timeline.Record<InventoryReserved>("Orders", $"order {Short(reserved.OrderId)} stock held; ChargePayment sent");
    }

    public static async Task Handle(PaymentCharged charged, IMessageContext context, Timeline timeline)
    {
        await using var tx = await context.BeginSqliteTransactionAsync();
        await Status(tx, charged.OrderId, "confirmed");
        await context.PublishAsync(new OrderConfirmed { OrderId = charged.OrderId, ConfirmedAt = DateTimeOffset.UtcNow });
        await tx.CommitAsync();
        timeline.Record<PaymentCharged>("Orders", $"order {Short(charged.OrderId)} confirmed");
    }

    public static async Task Handle(PaymentFailed failed, IMessageContext context, Timeline timeline)
    {
        await using var tx = await context.BeginSqliteTransactionAsync();
        await Status(tx, failed.OrderId, "cancelled");
        // Compensation: undo the earlier step (the stock hold) and tell everyone the order is off.
        await context.SendAsync(new ReleaseInventory { OrderId = failed.OrderId });
        await context.PublishAsync(new OrderCancelled { OrderId = failed.OrderId, Reason = OrderCancelled.CancellationReason.PaymentFailed, CancelledAt = DateTimeOffset.UtcNow });
        await tx.CommitAsync();
        timeline.Record<PaymentFailed>("Orders", $"order {Short(failed.OrderId)} payment failed ({failed.Reason}): compensating, ReleaseInventory sent");
    }

    private static async Task Status(SqliteOutboxTransaction tx, Guid orderId, string status)
    {
        await using var update = tx.CreateCommand("UPDATE orders SET status = @status WHERE id = @id");
        update.Parameters.AddWithValue("@status", status);
        update.Parameters.AddWithValue("@id", orderId.ToString());
        await update.ExecuteNonQueryAsync();
    }

    internal static string Short(Guid id) => id.ToString("N")[..8];

    internal static Guid DeterministicGuid(Guid seed, string purpose)
    {
        var bytes = seed.ToByteArray();
        var hash = System.Security.Cryptography.SHA256.HashData([.. bytes, .. System.Text.Encoding.UTF8.GetBytes(purpose)]);
        return new Guid(hash.AsSpan(0, 16));
    }
}
