using Contracts.Wolverine;
using Shop.Contracts.Inventory;
using Wolverine;

namespace Shop.Services;

/// <summary>Inventory: holds and releases stock on command, and says so with events.</summary>
public static class InventoryHandlers
{
    public static async Task Handle(ReserveInventory command, IMessageContext context, Timeline timeline)
    {
        await using var tx = await context.BeginOutboxTransactionAsync();
        await using (var hold = tx.CreateCommand("INSERT INTO holds (order_id) VALUES (@id) ON CONFLICT DO NOTHING", ("@id", command.OrderId.ToString())))
        {
            if (await hold.ExecuteNonQueryAsync() == 0)
            {
                await tx.RollbackAsync();
                timeline.Record<ReserveInventory>("Inventory", $"order {OrdersHandlers.Short(command.OrderId)} already held: duplicate command ignored");
                return;
            }
        }
        foreach (var item in command.Items)
        {
            await using (var line = tx.CreateCommand("INSERT INTO order_lines (order_id, sku, quantity) VALUES (@id, @sku, @q)",
                ("@id", command.OrderId.ToString()), ("@sku", item.Sku), ("@q", (long)item.Quantity)))
            {
                await line.ExecuteNonQueryAsync();
            }
            await using var update = tx.CreateCommand("UPDATE stock SET available = available - @q, held = held + @q WHERE sku = @sku",
                ("@q", (long)item.Quantity), ("@sku", item.Sku));
            await update.ExecuteNonQueryAsync();
        }
        await context.PublishAsync(new InventoryReserved { OrderId = command.OrderId, ReservedAt = DateTimeOffset.UtcNow });
        await tx.CommitAsync();
        timeline.Record<ReserveInventory>("Inventory", $"held {string.Join(", ", command.Items.Select(i => $"{i.Quantity} {i.Sku}"))} for order {OrdersHandlers.Short(command.OrderId)}");
    }

    public static async Task Handle(ReleaseInventory command, IMessageContext context, ShopDatabase db, Timeline timeline)
    {
        var lines = await db.QueryAsync("SELECT sku, quantity FROM order_lines WHERE order_id = @id", r =>
        {
            var list = new List<(string Sku, long Quantity)>();
            while (r.Read()) list.Add((r.GetString(0), r.GetInt64(1)));
            return list;
        }, ("@id", command.OrderId.ToString()));
        await using var tx = await context.BeginOutboxTransactionAsync();
        await using (var release = tx.CreateCommand("DELETE FROM holds WHERE order_id = @id", ("@id", command.OrderId.ToString())))
        {
            if (await release.ExecuteNonQueryAsync() == 0)
            {
                await tx.RollbackAsync();
                timeline.Record<ReleaseInventory>("Inventory", $"order {OrdersHandlers.Short(command.OrderId)} held nothing: nothing to release");
                return;
            }
        }
        foreach (var (sku, quantity) in lines)
        {
            await using var update = tx.CreateCommand("UPDATE stock SET available = available + @q, held = held - @q WHERE sku = @sku", ("@q", quantity), ("@sku", sku));
            await update.ExecuteNonQueryAsync();
        }
        await context.PublishAsync(new InventoryReleased { OrderId = command.OrderId });
        await tx.CommitAsync();
        timeline.Record<ReleaseInventory>("Inventory", $"released the stock of order {OrdersHandlers.Short(command.OrderId)}");
    }
}
