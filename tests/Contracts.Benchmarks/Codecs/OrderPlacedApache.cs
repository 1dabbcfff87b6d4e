using System;
using System.Collections.Generic;
using Avro;
using Avro.Generic;
using Avro.Specific;

namespace Contracts.Benchmarks.Codecs.ApacheSpecific;

// Inside namespace Contracts.*, "Schema" would name the Contracts.Schema namespace and "Avro" Contracts.Avro.
using Schema = global::Avro.Schema;

/// <summary>The OrderPlaced schema, with the namespace of the ISpecificRecord classes below.</summary>
public static class OrderPlacedSchema
{
    /// <summary>Schema text.</summary>
    public const string Json = """
        {"type":"record","name":"OrderPlaced","namespace":"Contracts.Benchmarks.Codecs.ApacheSpecific","fields":[
          {"name":"orderId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"customerId","type":{"type":"string","logicalType":"uuid"}},
          {"name":"placedAt","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}},
          {"name":"lines","type":{"type":"array","items":{"type":"record","name":"LineItem","fields":[
            {"name":"sku","type":"string"},
            {"name":"quantity","type":"int"},
            {"name":"unitPrice","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}}]}}},
          {"name":"shippingAddress","type":{"type":"record","name":"Address","fields":[
            {"name":"street","type":"string"},{"name":"city","type":"string"},
            {"name":"postalCode","type":"string"},{"name":"country","type":"string"}]}},
          {"name":"note","type":["null","string"]}
        ]}
        """;

    /// <summary>Parsed schema.</summary>
    public static readonly RecordSchema Schema = (RecordSchema)global::Avro.Schema.Parse(Json);

    /// <summary>Converts the CLR model to Apache.Avro's specific classes (done once, outside the measurement).</summary>
    public static OrderPlaced ToSpecific(Codecs.OrderPlaced value)
    {
        var lines = new List<LineItem>();
        foreach (Codecs.LineItem line in value.Lines)
        {
            lines.Add(new LineItem { sku = line.Sku, quantity = line.Quantity, unitPrice = new AvroDecimal(line.UnitPrice) });
        }

        return new OrderPlaced
        {
            orderId = value.OrderId,
            customerId = value.CustomerId,
            placedAt = value.PlacedAt.UtcDateTime,
            total = new AvroDecimal(value.Total),
            lines = lines,
            shippingAddress = new Address
            {
                street = value.ShippingAddress.Street,
                city = value.ShippingAddress.City,
                postalCode = value.ShippingAddress.PostalCode,
                country = value.ShippingAddress.Country,
            },
            note = value.Note,
        };
    }

    /// <summary>Converts the CLR model to a GenericRecord (done once, outside the measurement).</summary>
    public static GenericRecord ToGeneric(Codecs.OrderPlaced value)
    {
        var lineSchema = (RecordSchema)((ArraySchema)Schema["lines"].Schema).ItemSchema;
        var addressSchema = (RecordSchema)Schema["shippingAddress"].Schema;
        var record = new GenericRecord(Schema);
        record.Add("orderId", value.OrderId);
        record.Add("customerId", value.CustomerId);
        record.Add("placedAt", value.PlacedAt.UtcDateTime);
        record.Add("total", new AvroDecimal(value.Total));
        var lines = new object[value.Lines.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            var line = new GenericRecord(lineSchema);
            line.Add("sku", value.Lines[i].Sku);
            line.Add("quantity", value.Lines[i].Quantity);
            line.Add("unitPrice", new AvroDecimal(value.Lines[i].UnitPrice));
            lines[i] = line;
        }

        record.Add("lines", lines);
        var address = new GenericRecord(addressSchema);
        address.Add("street", value.ShippingAddress.Street);
        address.Add("city", value.ShippingAddress.City);
        address.Add("postalCode", value.ShippingAddress.PostalCode);
        address.Add("country", value.ShippingAddress.Country);
        record.Add("shippingAddress", address);
        record.Add("note", value.Note);
        return record;
    }
}

#pragma warning disable SA1300, IDE1006 // avrogen-style lower-case members, as Apache.Avro's generator emits them

/// <summary>Apache.Avro specific record, written as avrogen would generate it.</summary>
public sealed class OrderPlaced : ISpecificRecord
{
    /// <summary>Order id.</summary>
    public Guid orderId { get; set; }

    /// <summary>Customer id.</summary>
    public Guid customerId { get; set; }

    /// <summary>Placed at (UTC).</summary>
    public DateTime placedAt { get; set; }

    /// <summary>Total.</summary>
    public AvroDecimal total { get; set; }

    /// <summary>Lines.</summary>
    public IList<LineItem> lines { get; set; } = [];

    /// <summary>Address.</summary>
    public Address shippingAddress { get; set; } = new();

    /// <summary>Note.</summary>
    public string? note { get; set; }

    /// <inheritdoc/>
    public global::Avro.Schema Schema => OrderPlacedSchema.Schema;

    /// <inheritdoc/>
    public object? Get(int fieldPos) => fieldPos switch
    {
        0 => orderId,
        1 => customerId,
        2 => placedAt,
        3 => total,
        4 => lines,
        5 => shippingAddress,
        6 => note,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos),
    };

    /// <inheritdoc/>
    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: orderId = (Guid)fieldValue; break;
            case 1: customerId = (Guid)fieldValue; break;
            case 2: placedAt = (DateTime)fieldValue; break;
            case 3: total = (AvroDecimal)fieldValue; break;
            case 4: lines = (IList<LineItem>)fieldValue; break;
            case 5: shippingAddress = (Address)fieldValue; break;
            case 6: note = (string?)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos);
        }
    }
}

/// <summary>Apache.Avro specific record for a line.</summary>
public sealed class LineItem : ISpecificRecord
{
    private static readonly global::Avro.Schema LineSchema = ((ArraySchema)OrderPlacedSchema.Schema["lines"].Schema).ItemSchema;

    /// <summary>SKU.</summary>
    public string sku { get; set; } = "";

    /// <summary>Quantity.</summary>
    public int quantity { get; set; }

    /// <summary>Unit price.</summary>
    public AvroDecimal unitPrice { get; set; }

    /// <inheritdoc/>
    public global::Avro.Schema Schema => LineSchema;

    /// <inheritdoc/>
    public object Get(int fieldPos) => fieldPos switch
    {
        0 => sku,
        1 => quantity,
        2 => unitPrice,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos),
    };

    /// <inheritdoc/>
    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: sku = (string)fieldValue; break;
            case 1: quantity = (int)fieldValue; break;
            case 2: unitPrice = (AvroDecimal)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos);
        }
    }
}

/// <summary>Apache.Avro specific record for an address.</summary>
public sealed class Address : ISpecificRecord
{
    private static readonly global::Avro.Schema AddressSchema = OrderPlacedSchema.Schema["shippingAddress"].Schema;

    /// <summary>Street.</summary>
    public string street { get; set; } = "";

    /// <summary>City.</summary>
    public string city { get; set; } = "";

    /// <summary>Postal code.</summary>
    public string postalCode { get; set; } = "";

    /// <summary>Country.</summary>
    public string country { get; set; } = "";

    /// <inheritdoc/>
    public global::Avro.Schema Schema => AddressSchema;

    /// <inheritdoc/>
    public object Get(int fieldPos) => fieldPos switch
    {
        0 => street,
        1 => city,
        2 => postalCode,
        3 => country,
        _ => throw new AvroRuntimeException("Bad index " + fieldPos),
    };

    /// <inheritdoc/>
    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: street = (string)fieldValue; break;
            case 1: city = (string)fieldValue; break;
            case 2: postalCode = (string)fieldValue; break;
            case 3: country = (string)fieldValue; break;
            default: throw new AvroRuntimeException("Bad index " + fieldPos);
        }
    }
}
