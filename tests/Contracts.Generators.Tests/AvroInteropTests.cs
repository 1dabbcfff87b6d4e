using System;
using System.Buffers;
using System.IO;
using System.Linq;
using Acme.Shop.Contracts;
using Avro;
using AvroSchema = Avro.Schema;
using RecordSchema = Avro.RecordSchema;
using Avro.Generic;
using Avro.IO;
using Com.Acme.Kitchen;
using Contracts.Avro;

namespace Contracts.Generators.Tests;

/// <summary>The generated Avro codecs against Apache.Avro 1.12.2's generic reader and writer.</summary>
public class AvroInteropTests
{
    internal static byte[] Ours<T>(IAvroCodec<T> codec, T value)
    {
        var output = new ArrayBufferWriter<byte>();
        codec.Write(output, value);
        return output.WrittenSpan.ToArray();
    }

    internal static GenericRecord ApacheRead(string schemaText, byte[] bytes)
    {
        var schema = AvroSchema.Parse(schemaText);
        using var stream = new MemoryStream(bytes);
        var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));
        Assert.Equal(bytes.Length, stream.Position);
        return record;
    }

    internal static byte[] ApacheWrite(string schemaText, GenericRecord record)
    {
        var schema = AvroSchema.Parse(schemaText);
        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        new GenericDatumWriter<GenericRecord>(schema).Write(record, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    [Fact]
    public void order_placed_bytes_equal_apache_generic_writer_for_the_same_data()
    {
        var order = Samples.Order();
        var schema = (RecordSchema)AvroSchema.Parse(OrderPlaced.ContractInfo.Schema);
        var record = new GenericRecord(schema);
        record.Add("orderId", order.OrderId);
        record.Add("customerId", order.CustomerId);
        record.Add("placedAt", order.PlacedAt.UtcDateTime);
        record.Add("total", new AvroDecimal(1234.50m));
        record.Add("currency", "EUR");
        record.Add("status", new GenericEnum((EnumSchema)schema["status"].Schema, "CONFIRMED"));
        var lineSchema = (RecordSchema)((ArraySchema)schema["lines"].Schema).ItemSchema;
        record.Add("lines", order.Lines.Select(l =>
        {
            var line = new GenericRecord(lineSchema);
            line.Add("sku", l.Sku);
            line.Add("quantity", l.Quantity);
            line.Add("unitPrice", new AvroDecimal(decimal.Round(l.UnitPrice, 2) + 0.00m));
            return line;
        }).ToArray());
        var address = new GenericRecord((RecordSchema)schema["shippingAddress"].Schema);
        address.Add("street", "1 Main St");
        address.Add("city", "Springfield");
        address.Add("postalCode", "12345");
        record.Add("shippingAddress", address);
        record.Add("billingAddress", null);
        record.Add("note", order.Note);
        record.Add("tags", new System.Collections.Generic.Dictionary<string, object> { ["channel"] = "web", ["promo"] = "spring" });

        Assert.Equal(ApacheWrite(OrderPlaced.ContractInfo.Schema, record), Ours(OrderPlacedAvroCodec.Instance, order));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a note")]
    public void apache_reads_order_placed_and_writes_the_same_bytes(string? note)
    {
        var order = Samples.Order(note);
        var ours = Ours(OrderPlacedAvroCodec.Instance, order);
        var record = ApacheRead(OrderPlaced.ContractInfo.Schema, ours);
        Assert.Equal(order.OrderId, record["orderId"]);
        Assert.Equal(order.PlacedAt.UtcDateTime, record["placedAt"]);
        Assert.Equal(1234.50m, (decimal)(AvroDecimal)record["total"]);
        Assert.Equal("CONFIRMED", ((GenericEnum)record["status"]).Value);
        Assert.Equal(5, ((object[])record["lines"]).Length);
        Assert.Equal(note, record["note"]);
        Assert.Equal(ours, ApacheWrite(OrderPlaced.ContractInfo.Schema, record));

        var back = OrderPlacedAvroCodec.Instance.Read(ours);
        Assert.Equal(ours, Ours(OrderPlacedAvroCodec.Instance, back));
        Assert.Equal(order.Lines.Select(l => l.UnitPrice), back.Lines.Select(l => l.UnitPrice));
        Assert.Equal(order.Tags, back.Tags);
    }

    public static TheoryData<int> ChoiceIndexes() => [0, 1, 2, 3];

    [Theory]
    [MemberData(nameof(ChoiceIndexes))]
    public void every_supported_type_round_trips_through_apache_byte_for_byte(int choice)
    {
        var value = Samples.All(Samples.Choices().ElementAt(choice));
        var ours = Ours(AllTypesAvroCodec.Instance, value);
        var record = ApacheRead(AllTypes.ContractInfo.Schema, ours);

        // What Apache.Avro decoded is the data we meant (units and encodings, not just symmetry).
        Assert.Equal(true, record["flag"]);
        Assert.Equal(value.Count, record["count"]);
        Assert.Equal(value.Big, record["big"]);
        Assert.Equal(value.Ratio, record["ratio"]);
        Assert.Equal(value.Precise, record["precise"]);
        Assert.Equal(value.Blob, (byte[])record["blob"]);
        Assert.Equal(value.Text, record["text"]);
        Assert.Equal(value.Id, record["id"]);
        Assert.Equal(value.Day.ToDateTime(TimeOnly.MinValue), record["day"]);
        Assert.Equal(value.TimeMs.ToTimeSpan(), record["timeMs"]);
        Assert.Equal(value.TimeUs.ToTimeSpan(), record["timeUs"]);
        Assert.Equal(value.TsMs.UtcDateTime, record["tsMs"]);
        Assert.Equal(value.TsUs.UtcDateTime, record["tsUs"]);
        Assert.Equal(value.LocalMs, (DateTime)record["localMs"]);
        Assert.Equal(value.LocalUs, (DateTime)record["localUs"]);
        Assert.Equal(value.Amount, (decimal)(AvroDecimal)record["amount"]);
        Assert.Equal(value.FixedAmount, (decimal)(AvroDecimal)record["fixedAmount"]);
        Assert.Equal(value.Hash, ((GenericFixed)record["hash"]).Value);
        Assert.Equal("BLUE", ((GenericEnum)record["color"]).Value);
        Assert.Equal(value.Numbers, ((object[])record["numbers"]).Cast<long>());
        Assert.Equal(7, record["maybeCount"]);
        Assert.Null(record["maybeDay"]);
        Assert.Null(record["textOrNull"]);
        switch (value.Choice)
        {
            case null: Assert.Null(record["choice"]); break;
            case AllTypes.ChoiceUnion.String s: Assert.Equal(s.Value, record["choice"]); break;
            case AllTypes.ChoiceUnion.Long l: Assert.Equal(l.Value, record["choice"]); break;
            case AllTypes.ChoiceUnion.Point p: Assert.Equal(p.Value.Y, ((GenericRecord)record["choice"])["y"]); break;
        }
        Assert.Equal("leaf", ((GenericRecord)((object[])((GenericRecord)record["tree"])["children"])[0])["label"]);

        // Apache.Avro writes the same bytes for what it read, and we read what it wrote.
        var apache = ApacheWrite(AllTypes.ContractInfo.Schema, record);
        Assert.Equal(ours, apache);
        var back = AllTypesAvroCodec.Instance.Read(apache);
        Assert.Equal(ours, Ours(AllTypesAvroCodec.Instance, back));
        Assert.Equal(value.Choice, back.Choice);
        Assert.Equal(value.Period, back.Period);
        Assert.Equal(value.TsUs, back.TsUs);
        Assert.Equal(value.LocalUs, back.LocalUs);
    }

    [Fact]
    public void single_object_encoding_carries_the_apache_fingerprint()
    {
        var output = new ArrayBufferWriter<byte>();
        OrderPlacedAvroCodec.Instance.WriteSingleObject(output, Samples.Order());
        var message = output.WrittenSpan.ToArray();
        Assert.Equal(0xC3, message[0]);
        Assert.Equal(0x01, message[1]);
        var fingerprint = SchemaNormalization.ParsingFingerprint64(AvroSchema.Parse(OrderPlaced.ContractInfo.Schema));
        Assert.Equal(fingerprint, BitConverter.ToInt64(message, 2));
        Assert.Equal(Ours(OrderPlacedAvroCodec.Instance, Samples.Order()), message[10..]);
        Assert.Equal(Samples.Order().OrderId, OrderPlacedAvroCodec.Instance.ReadSingleObject(message).OrderId);
        Assert.Throws<Contracts.Exceptions.AvroFingerprintMismatchException>(() => OrderPlacedV1AvroCodec.Instance.ReadSingleObject(message));
    }
}
