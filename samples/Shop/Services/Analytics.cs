using System.Collections.Concurrent;
using Shop.Contracts.Orders;

namespace Shop.Services;

/// <summary>Analytics' read model: orders and revenue per currency.</summary>
public sealed class RevenueReadModel
{
    private readonly ConcurrentDictionary<Guid, (string Currency, decimal Total)> _orders = new();

    /// <summary>Applies an order once, whatever the number of deliveries (keyed by the idempotency key).</summary>
    public bool Apply(Guid orderId, string currency, decimal total) => _orders.TryAdd(orderId, (currency, total));

    public IReadOnlyDictionary<string, (int Orders, decimal Revenue)> ByCurrency
        => _orders.Values.GroupBy(o => o.Currency).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(o => o.Total)));
}

/// <summary>
/// Analytics: a choreographed subscriber of the fat OrderPlaced event. The event carries the order's state
/// (event-carried state transfer), so Analytics never calls Orders back.
/// </summary>
public static class AnalyticsHandlers
{
    public static void Handle(OrderPlaced placed, RevenueReadModel revenue, Timeline timeline)
    {
        var applied = revenue.Apply(placed.OrderId, placed.Currency, placed.Total);
        timeline.Record<OrderPlaced>("Analytics", applied ? $"revenue += {placed.Total} {placed.Currency}" : $"order {OrdersHandlers.Short(placed.OrderId)} already counted");
    }
}
