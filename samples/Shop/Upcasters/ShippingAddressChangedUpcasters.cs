namespace Shop.Contracts.Orders;

/// <summary>
/// The hand-written step of <c>shop.orders.ShippingAddressChanged</c> v1 → v2: v1 carried the address on one line,
/// v2 in parts. No schema rule derives that split, so the generator declares the step and the build fails (CTR5001)
/// until it is written here.
/// </summary>
public static partial class ShippingAddressChangedUpcasters
{
    /// <summary>Splits "street, postal code city, country" into parts; a part that is missing stays empty.</summary>
    static partial void UpcastFromV1(ShippingAddressChangedV1 value, ref ShippingAddressChanged? result)
    {
        var parts = value.Address.Split(',', 3, StringSplitOptions.TrimEntries);
        var street = parts[0];
        var place = parts.Length > 1 ? parts[1] : "";
        var country = parts.Length > 2 ? parts[2] : "";
        var space = place.IndexOf(' ');
        result = new ShippingAddressChanged
        {
            OrderId = value.OrderId,
            Street = street,
            PostalCode = space < 0 ? place : place[..space],
            City = space < 0 ? "" : place[(space + 1)..],
            Country = country,
        };
    }
}
