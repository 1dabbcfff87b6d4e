using System.Collections.Generic;
using Contracts.Avro;

namespace Contracts.Benchmarks.Codecs;

/// <summary>What the generator is expected to emit for OrderPlaced: straight-line calls on AvroWriter/AvroReader.</summary>
public static class OrderPlacedAvroCodec
{
    /// <summary>Writes the body.</summary>
    public static void Write(ref AvroWriter writer, OrderPlaced value)
    {
        writer.WriteUuidAsString(value.OrderId);
        writer.WriteUuidAsString(value.CustomerId);
        writer.WriteTimestampMicros(value.PlacedAt);
        writer.WriteDecimal(value.Total, 18, 2);
        List<LineItem> lines = value.Lines;
        writer.WriteCollectionStart(lines.Count);
        foreach (LineItem line in lines)
        {
            writer.WriteString(line.Sku);
            writer.WriteInt(line.Quantity);
            writer.WriteDecimal(line.UnitPrice, 18, 2);
        }

        writer.WriteCollectionEnd();
        Address address = value.ShippingAddress;
        writer.WriteString(address.Street);
        writer.WriteString(address.City);
        writer.WriteString(address.PostalCode);
        writer.WriteString(address.Country);
        if (value.Note is null)
        {
            writer.WriteUnionIndex(0);
        }
        else
        {
            writer.WriteUnionIndex(1);
            writer.WriteString(value.Note);
        }
    }

    /// <summary>Reads the body.</summary>
    public static OrderPlaced Read(ref AvroReader reader)
    {
        var value = new OrderPlaced
        {
            OrderId = reader.ReadUuidFromString(),
            CustomerId = reader.ReadUuidFromString(),
            PlacedAt = reader.ReadTimestampMicros(),
            Total = reader.ReadDecimal(2),
        };

        var lines = new List<LineItem>();
        long seen = 0;
        for (int count = reader.ReadBlockCount(ref seen, 3); count != 0; count = reader.ReadBlockCount(ref seen, 3))
        {
            lines.EnsureCapacity(lines.Count + count);
            for (int i = 0; i < count; i++)
            {
                lines.Add(new LineItem { Sku = reader.ReadString(), Quantity = reader.ReadInt(), UnitPrice = reader.ReadDecimal(2) });
            }
        }

        value.Lines = lines;
        value.ShippingAddress = new Address
        {
            Street = reader.ReadString(),
            City = reader.ReadString(),
            PostalCode = reader.ReadString(),
            Country = reader.ReadString(),
        };
        value.Note = reader.ReadUnionIndex(2) == 0 ? null : reader.ReadString();
        return value;
    }
}
