using System;
using System.Threading;

namespace Acme.Shop.Contracts;

/// <summary>
/// The hand-written v1 → v2 step of the test schemas' OrderPlaced: v2 adds <c>placedAt</c>, <c>lines</c> and
/// <c>shippingAddress</c> without defaults, so the generator declares the step and this project must write it.
/// </summary>
public static partial class OrderPlacedUpcasters
{
    private static int _calls;

    /// <summary>How many times the hand-written step ran (the tests prove the generated chain calls it).</summary>
    internal static int Calls => Volatile.Read(ref _calls);

    static partial void UpcastFromV1(OrderPlacedV1 value, ref OrderPlaced? result)
    {
        Interlocked.Increment(ref _calls);
        result = new OrderPlaced
        {
            OrderId = value.OrderId,
            CustomerId = value.CustomerId,
            PlacedAt = DateTimeOffset.UnixEpoch,
            Total = value.Total,
            Lines = [],
            ShippingAddress = new OrderPlaced.Address { Street = "unknown", City = "unknown" },
        };
    }
}
