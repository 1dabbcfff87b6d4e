using System;
using System.Collections.Generic;
using Acme.Shop.Contracts;
using Com.Acme.Kitchen;

namespace Contracts.Generators.Tests;

/// <summary>Values of the generated sample contracts, exercising every branch.</summary>
internal static class Samples
{
    public static OrderPlaced Order(string? note = "leave at the door") => new()
    {
        OrderId = new Guid("6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"),
        CustomerId = "customer-42",
        PlacedAt = new DateTimeOffset(2024, 5, 1, 12, 30, 15, 123, TimeSpan.Zero),
        Total = 1234.50m,
        Status = OrderPlaced.OrderStatus.Confirmed,
        Lines =
        [
            new() { Sku = "SKU-1", Quantity = 1, UnitPrice = 10.00m },
            new() { Sku = "SKU-2", Quantity = 2, UnitPrice = 20.25m },
            new() { Sku = "SKU-3", Quantity = 3, UnitPrice = 0.99m },
            new() { Sku = "SKU-4", Quantity = 4, UnitPrice = 100m },
            new() { Sku = "SKU-ü", Quantity = 5, UnitPrice = -3.5m },
        ],
        ShippingAddress = new() { Street = "1 Main St", City = "Springfield", PostalCode = "12345" },
        BillingAddress = null,
        Note = note,
        Tags = new Dictionary<string, string> { ["channel"] = "web", ["promo"] = "spring" },
    };

    public static AllTypes All(AllTypes.ChoiceUnion? choice) => new()
    {
        Flag = true,
        Count = -123456,
        Big = long.MinValue + 1,
        Ratio = 3.25f,
        Precise = -1.0e-300,
        Blob = [0, 1, 2, 255],
        Text = "héllo \u2603 \U0001F600",
        Id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        Day = new DateOnly(2024, 2, 29),
        TimeMs = new TimeOnly(13, 45, 30, 123),
        TimeUs = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)),
        TsMs = new DateTimeOffset(2020, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        TsUs = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1_234_560),
        LocalMs = new DateTime(2021, 6, 7, 8, 9, 10, 11),
        LocalUs = new DateTime(2021, 6, 7, 8, 9, 10).AddTicks(123_450),
        Amount = -98765.4321m,
        FixedAmount = 1234567.89m,
        Period = new Contracts.Avro.AvroDuration(1, 2, 3),
        Hash = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        Color = AllTypes.ColorType.Blue,
        Numbers = [0, 1, -1, long.MaxValue],
        Scores = new Dictionary<string, double> { ["a"] = 1.5, ["b"] = -2 },
        MaybeCount = 7,
        MaybeDay = null,
        MaybeColor = AllTypes.ColorType.Green,
        TextOrNull = null,
        Choice = choice,
        Shapes = [new AllTypes.ShapesUnion.Point(new AllTypes.Point { X = 1, Y = 2 }), new AllTypes.ShapesUnion.Color(AllTypes.ColorType.Red)],
        Tree = new AllTypes.Node
        {
            Label = "root",
            Children = [new AllTypes.Node { Label = "leaf", Children = [] }],
            Next = new AllTypes.Node { Label = "next", Children = [] },
        },
        Nested = new Dictionary<string, IReadOnlyList<string?>> { ["x"] = ["a", null, "b"], ["empty"] = [] },
    };

    public static IEnumerable<AllTypes.ChoiceUnion?> Choices() =>
    [
        null,
        new AllTypes.ChoiceUnion.String("text"),
        new AllTypes.ChoiceUnion.Long(long.MaxValue),
        new AllTypes.ChoiceUnion.Point(new AllTypes.Point { X = -1, Y = int.MaxValue }),
    ];
}
