using System.Collections.Concurrent;
using Contracts.Wolverine.Replay;
using Shop.Contracts.Orders;

namespace Shop.Services;

/// <summary>Analytics' read model: orders and revenue per currency.</summary>
public sealed class RevenueReadModel
{
    private readonly ConcurrentDictionary<Guid, (string Currency, decimal Total)> _orders = new();

    /// <summary>Applies an order once, whatever the number of deliveries (keyed by the idempotency key).</summary>
    public bool Apply(Guid orderId, string currency, decimal total) => _orders.TryAdd(orderId, (currency, total));

    public IReadOnlyDictionary<string, (int Orders, decimal Revenue)> ByCurrency
        => _orders.Values.GroupBy(o => o.Currency).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(o => o.Total)));

    public string Describe() => string.Join(", ", ByCurrency.Select(c => $"{c.Value.Orders} orders, {c.Value.Revenue} {c.Key}"));
}

/// <summary>
/// Analytics: a choreographed subscriber of the fat OrderPlaced event, as a named subscription to the event log. The
/// event carries the order's state (event-carried state transfer), so Analytics never calls Orders back. The same
/// projection runs live (registered at startup) and late (registered after the orders were placed: it catches up by
/// replaying the log, v1 rows upcast on read).
/// </summary>
public sealed class RevenueProjection : Projection
{
    public const string LiveName = "analytics-revenue";
    public const string LateName = "analytics-revenue-late";

    public RevenueProjection(string name, Timeline? timeline = null) : base(name)
    {
        On<OrderPlaced>((placed, logged) =>
        {
            var applied = Revenue.Apply(placed.OrderId, placed.Currency, placed.Total);
            if (applied) ReadVersions.Add(logged.Record.Version);
            timeline?.Record("Analytics", OrderPlaced.ContractInfo.Subject, logged.Record.Version,
                applied ? $"revenue += {placed.Total} {placed.Currency} (order {OrdersHandlers.Short(placed.OrderId)}, log position {logged.Record.Position})"
                        : $"order {OrdersHandlers.Short(placed.OrderId)} already counted (log position {logged.Record.Position})");
        });
    }

    public RevenueReadModel Revenue { get; } = new();

    public ConcurrentBag<int> ReadVersions { get; } = new();
}
