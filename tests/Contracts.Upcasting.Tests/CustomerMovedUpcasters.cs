using System.Threading;

namespace Upcasting.Contracts.Customers;

/// <summary>The hand-written v2 → v3 step of CustomerMoved: splits "street, city".</summary>
public static partial class CustomerMovedUpcasters
{
    private static int _calls;

    /// <summary>How many times the hand-written step ran.</summary>
    public static int Calls => Volatile.Read(ref _calls);

    static partial void UpcastFromV2(CustomerMovedV2 value, ref CustomerMoved? result)
    {
        Interlocked.Increment(ref _calls);
        var comma = value.Address.IndexOf(',');
        result = new CustomerMoved
        {
            CustomerId = value.CustomerId,
            Street = comma < 0 ? value.Address : value.Address[..comma].Trim(),
            City = comma < 0 ? "" : value.Address[(comma + 1)..].Trim(),
            MovedAt = value.MovedAt,
        };
    }
}
