using System;
using System.Collections.Generic;

namespace Contracts.Benchmarks.Codecs;

// The CLR shape a generated OrderPlaced contract would have.

/// <summary>An order was placed.</summary>
public sealed class OrderPlaced
{
    /// <summary>Order id (uuid).</summary>
    public Guid OrderId { get; set; }

    /// <summary>Customer id (uuid).</summary>
    public Guid CustomerId { get; set; }

    /// <summary>When the order was placed (timestamp-micros).</summary>
    public DateTimeOffset PlacedAt { get; set; }

    /// <summary>Order total, decimal(18,2).</summary>
    public decimal Total { get; set; }

    /// <summary>Line items.</summary>
    public List<LineItem> Lines { get; set; } = [];

    /// <summary>Where to ship.</summary>
    public Address ShippingAddress { get; set; } = new();

    /// <summary>Optional note.</summary>
    public string? Note { get; set; }

    /// <summary>The sample used by the benchmarks.</summary>
    public static OrderPlaced CreateSample()
    {
        var lines = new List<LineItem>();
        for (int i = 0; i < 5; i++)
        {
            lines.Add(new LineItem { Sku = $"SKU-{1000 + i}-BLUE-XL", Quantity = i + 1, UnitPrice = 19.99m + i });
        }

        return new OrderPlaced
        {
            OrderId = Guid.Parse("6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab"),
            CustomerId = Guid.Parse("0b8e2f7a-91d4-4c55-8a3e-3c2d1e0f9a87"),
            PlacedAt = new DateTimeOffset(2026, 11, 22, 18, 30, 15, TimeSpan.Zero).AddTicks(1_234_560),
            Total = 339.85m,
            Lines = lines,
            ShippingAddress = new Address { Street = "Bahnhofstrasse 1", City = "Zürich", PostalCode = "8001", Country = "CH" },
            Note = "Please leave the parcel at the door.",
        };
    }
}

/// <summary>One order line.</summary>
public sealed class LineItem
{
    /// <summary>Stock keeping unit.</summary>
    public string Sku { get; set; } = "";

    /// <summary>Quantity.</summary>
    public int Quantity { get; set; }

    /// <summary>Unit price, decimal(18,2).</summary>
    public decimal UnitPrice { get; set; }
}

/// <summary>A postal address.</summary>
public sealed class Address
{
    /// <summary>Street and number.</summary>
    public string Street { get; set; } = "";

    /// <summary>City.</summary>
    public string City { get; set; } = "";

    /// <summary>Postal code.</summary>
    public string PostalCode { get; set; } = "";

    /// <summary>ISO country code.</summary>
    public string Country { get; set; } = "";
}
