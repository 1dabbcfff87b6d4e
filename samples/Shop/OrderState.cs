using Contracts.Wolverine.EventLog;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop;

/// <summary>An order's state, folded from its stream in the event log (the stream key is the order id).</summary>
public static class OrderState
{
    public static string Apply(string state, LoggedEvent logged) => logged.Event switch
    {
        OrderPlaced => "placed",
        InventoryReserved => "reserved (awaiting payment)",
        PaymentCharged => "paid",
        PaymentFailed => "payment failed",
        OrderConfirmed => "confirmed",
        OrderCancelled c => $"cancelled ({c.Reason})",
        _ => state,
    };

    /// <summary>The state now, or as of <paramref name="asOf"/>: reads the stream up to that time and folds it.</summary>
    public static async Task<string> OfAsync(EventLogReader log, Guid orderId, DateTimeOffset? asOf = null)
        => (await log.FoldAsync(orderId.ToString(), "unknown", Apply, asOf: asOf)).State;
}
