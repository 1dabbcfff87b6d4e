using System.Linq;

namespace Contracts.Benchmarks.Generator;

/// <summary>The benchmark's sample order as the generated contract type (same values as <see cref="Codecs.OrderPlaced.CreateSample"/>).</summary>
internal static class GeneratedSample
{
    public static Bench.Generated.OrderPlaced From(Codecs.OrderPlaced clr) => new()
    {
        OrderId = clr.OrderId,
        CustomerId = clr.CustomerId,
        PlacedAt = clr.PlacedAt,
        Total = clr.Total,
        Lines = clr.Lines.Select(l => new Bench.Generated.OrderPlaced.LineItem { Sku = l.Sku, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToArray(),
        ShippingAddress = new Bench.Generated.OrderPlaced.Address
        {
            Street = clr.ShippingAddress.Street,
            City = clr.ShippingAddress.City,
            PostalCode = clr.ShippingAddress.PostalCode,
            Country = clr.ShippingAddress.Country,
        },
        Note = clr.Note,
    };
}
