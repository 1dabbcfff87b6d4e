using System;
using System.Buffers;
using System.Linq;
using Upcasting.Contracts.Customers;
using Upcasting.Contracts.Orders;
using Upcasting.Generated;

namespace Contracts.Upcasting.Tests;

/// <summary>Generated upcasters of a project that consumes the generator: a four-version chain and a hand-written step.</summary>
public class UpcastChainTests
{
    private static OrderPlacedV1 V1(OrderPlacedV1.StatusType status = OrderPlacedV1.StatusType.Shipped) => new()
    {
        OrderId = new Guid("6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"),
        Customer = "customer-42",
        Quantity = 3,
        Status = status,
        Lines = [new() { Sku = "A", Qty = 1 }, new() { Sku = "B", Qty = 2 }],
    };

    [Fact]
    public void a_v1_event_becomes_v4_through_every_step()
    {
        OrderPlaced latest = V1().ToLatest();

        Assert.Equal(new Guid("6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"), latest.OrderId);
        Assert.Equal("customer-42", latest.CustomerId);                      // renamed through the alias (v2)
        Assert.Equal(3d, latest.Quantity);                                   // int → long (v2) → double (v3)
        Assert.Equal(OrderPlaced.StatusType.Unknown, latest.Status);         // SHIPPED is read as the enum default (v3)
        Assert.Equal("EUR", latest.Currency);                                // added with a default (v2)
        Assert.Null(latest.ShipTo);                                          // added nullable (v3)
        Assert.Equal("web", latest.Channel);                                 // added with a default (v4); note removed (v4)
        Assert.Equal(["A", "B"], latest.Lines.Select(l => l.Sku));
        Assert.Equal([1L, 2L], latest.Lines.Select(l => l.Qty));             // nested records in an array, promoted (v2)
        Assert.All(latest.Lines, l => Assert.Null(l.Price));                 // nested field added (v3)
        Assert.All(latest.Lines, l => Assert.Equal(0f, l.Discount));         // nested field added (v4)
    }

    [Fact]
    public void each_step_is_public_and_composes_to_to_latest()
    {
        var v1 = V1(OrderPlacedV1.StatusType.Paid);
        OrderPlacedV2 v2 = OrderPlacedUpcasters.Upcast(v1);
        OrderPlacedV3 v3 = OrderPlacedUpcasters.Upcast(v2 with { Note = "ring twice" });
        OrderPlaced v4 = OrderPlacedUpcasters.Upcast(v3 with { ShipTo = new OrderPlacedV3.Address { Street = "1 Main St", City = "Springfield" } });

        Assert.Equal(OrderPlacedV2.StatusType.Paid, v2.Status);
        Assert.Equal("ring twice", v3.Note);
        Assert.Equal(new OrderPlaced.Address { Street = "1 Main St", City = "Springfield" }, v4.ShipTo);
        Assert.Equal(OrderPlaced.StatusType.Paid, v4.Status);
        Assert.Equal(OrderPlacedUpcasters.ToLatest(v1) with { Lines = [] }, v1.ToLatest() with { Lines = [] });
        Assert.Equal(v2.ToLatest() with { Lines = [] }, OrderPlacedUpcasters.ToLatest(v1) with { Lines = [] });
    }

    [Fact]
    public void unchanged_collections_are_passed_on_and_changed_ones_are_new()
    {
        var v2 = OrderPlacedUpcasters.Upcast(V1());
        var v3 = OrderPlacedUpcasters.Upcast(v2);
        Assert.NotSame(v2.Lines, v3.Lines); // the item type changed: a new list of new items
        var v4 = OrderPlacedUpcasters.Upcast(v3);
        Assert.Equal(v3.Lines.Count, v4.Lines.Count);
    }

    [Fact]
    public void the_registry_upcasts_an_older_version_it_decoded()
    {
        var v1 = ContractRegistry.Find("tests.upcasting.orders.OrderPlaced", 1)!;
        Assert.False(v1.IsLatest);
        Assert.Equal(typeof(OrderPlaced), v1.LatestType);
        var bytes = new ArrayBufferWriter<byte>();
        v1.WriteAvro(bytes, V1());
        var decoded = v1.ReadAvro(bytes.WrittenSpan);
        var latest = Assert.IsType<OrderPlaced>(v1.UpcastToLatest(decoded));
        Assert.Equal("customer-42", latest.CustomerId);
        Assert.True(ContractRegistry.Find("tests.upcasting.orders.OrderPlaced", 4)!.IsLatest);
    }

    [Fact]
    public void the_hand_written_step_is_called_between_automatic_ones()
    {
        var before = CustomerMovedUpcasters.Calls;
        CustomerMoved latest = new CustomerMovedV1 { CustomerId = "c-7", Address = "1 Main St, Springfield" }.ToLatest();

        Assert.Equal(before + 1, CustomerMovedUpcasters.Calls);
        Assert.Equal(new CustomerMoved { CustomerId = "c-7", Street = "1 Main St", City = "Springfield", MovedAt = null }, latest);
        var viaRegistry = (CustomerMoved)ContractRegistry.Find("tests.upcasting.customers.CustomerMoved", 2)!
            .UpcastToLatest(new CustomerMovedV2 { CustomerId = "c-8", Address = "2 High St, Shelbyville", MovedAt = 1700000000 });
        Assert.Equal(new CustomerMoved { CustomerId = "c-8", Street = "2 High St", City = "Shelbyville", MovedAt = 1700000000 }, viaRegistry);
        Assert.Equal(before + 2, CustomerMovedUpcasters.Calls);
    }
}
