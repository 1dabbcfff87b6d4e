using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Avro;
using Avro.Generic;
using Contracts.Avro;

namespace Contracts.Abstractions.Tests;

/// <summary>
/// A hand-written codec shaped like generated code, compared byte for byte with Apache.Avro's
/// GenericDatumWriter over the same schema (records, nested records, arrays, maps, unions, enums).
/// </summary>
public class AvroRecordInteropTests
{
    internal const string SchemaJson = """
        {"type":"record","name":"Sample","namespace":"test","fields":[
          {"name":"id","type":{"type":"string","logicalType":"uuid"}},
          {"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}},
          {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","SHIPPED"]}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
            {"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}},
          {"name":"attributes","type":{"type":"map","values":"long"}},
          {"name":"note","type":["null","string"]},
          {"name":"address","type":["null",{"type":"record","name":"Address","fields":[
            {"name":"city","type":"string"},{"name":"zip","type":"string"}]}]},
          {"name":"flag","type":"boolean"},
          {"name":"ratio","type":"double"},
          {"name":"empty","type":{"type":"array","items":"int"}}
        ]}
        """;

    private static readonly string[] StatusSymbols = ["NEW", "PAID", "SHIPPED"];

    internal sealed record Line(string Sku, int Qty);

    internal sealed record Address(string City, string Zip);

    internal sealed record Sample(
        Guid Id, DateTimeOffset At, decimal Amount, int Status, List<string> Tags, List<Line> Lines,
        Dictionary<string, long> Attributes, string? Note, Address? Address, bool Flag, double Ratio, List<int> Empty);

    internal static Sample CreateSample(string? note = "leave at the door", bool withAddress = true) => new(
        Guid.Parse("6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab"),
        new DateTimeOffset(2024, 5, 1, 12, 34, 56, TimeSpan.Zero).AddTicks(7_891_230),
        -1234.5m,
        1,
        ["a", "bé", "🎉"],
        [new Line("SKU-1", 2), new Line("SKU-22", -3)],
        new Dictionary<string, long> { ["x"] = 1, ["y€"] = long.MinValue },
        note,
        withAddress ? new Address("Zürich", "8000") : null,
        true,
        0.25,
        []);

    internal static void Write(ref AvroWriter w, Sample s)
    {
        w.WriteUuidAsString(s.Id);
        w.WriteTimestampMicros(s.At);
        w.WriteDecimal(s.Amount, 18, 2);
        w.WriteEnum(s.Status);
        w.WriteCollectionStart(s.Tags.Count);
        foreach (string tag in s.Tags)
        {
            w.WriteString(tag);
        }

        w.WriteCollectionEnd();
        w.WriteCollectionStart(s.Lines.Count);
        foreach (Line line in s.Lines)
        {
            w.WriteString(line.Sku);
            w.WriteInt(line.Qty);
        }

        w.WriteCollectionEnd();
        w.WriteCollectionStart(s.Attributes.Count);
        foreach (KeyValuePair<string, long> entry in s.Attributes)
        {
            w.WriteString(entry.Key);
            w.WriteLong(entry.Value);
        }

        w.WriteCollectionEnd();
        if (s.Note is null)
        {
            w.WriteUnionIndex(0);
        }
        else
        {
            w.WriteUnionIndex(1);
            w.WriteString(s.Note);
        }

        if (s.Address is null)
        {
            w.WriteUnionIndex(0);
        }
        else
        {
            w.WriteUnionIndex(1);
            w.WriteString(s.Address.City);
            w.WriteString(s.Address.Zip);
        }

        w.WriteBoolean(s.Flag);
        w.WriteDouble(s.Ratio);
        w.WriteCollectionStart(s.Empty.Count);
        foreach (int item in s.Empty)
        {
            w.WriteInt(item);
        }

        w.WriteCollectionEnd();
    }

    internal static Sample ReadSample(ref AvroReader r)
    {
        Guid id = r.ReadUuidFromString();
        DateTimeOffset at = r.ReadTimestampMicros();
        decimal amount = r.ReadDecimal(2);
        int status = r.ReadEnum(3);
        var tags = new List<string>();
        long seen = 0;
        for (int n = r.ReadBlockCount(ref seen, 1); n != 0; n = r.ReadBlockCount(ref seen, 1))
        {
            for (int i = 0; i < n; i++)
            {
                tags.Add(r.ReadString());
            }
        }

        var lines = new List<Line>();
        seen = 0;
        for (int n = r.ReadBlockCount(ref seen, 2); n != 0; n = r.ReadBlockCount(ref seen, 2))
        {
            lines.EnsureCapacity(lines.Count + n);
            for (int i = 0; i < n; i++)
            {
                r.EnterNested();
                lines.Add(new Line(r.ReadString(), r.ReadInt()));
                r.ExitNested();
            }
        }

        var attributes = new Dictionary<string, long>();
        seen = 0;
        for (int n = r.ReadBlockCount(ref seen, 2); n != 0; n = r.ReadBlockCount(ref seen, 2))
        {
            for (int i = 0; i < n; i++)
            {
                attributes[r.ReadString()] = r.ReadLong();
            }
        }

        string? note = r.ReadUnionIndex(2) == 0 ? null : r.ReadString();
        Address? address = r.ReadUnionIndex(2) == 0 ? null : new Address(r.ReadString(), r.ReadString());
        bool flag = r.ReadBoolean();
        double ratio = r.ReadDouble();
        var empty = new List<int>();
        seen = 0;
        for (int n = r.ReadBlockCount(ref seen, 1); n != 0; n = r.ReadBlockCount(ref seen, 1))
        {
            for (int i = 0; i < n; i++)
            {
                empty.Add(r.ReadInt());
            }
        }

        return new Sample(id, at, amount, status, tags, lines, attributes, note, address, flag, ratio, empty);
    }

    internal static byte[] WriteOursSample() => Oracle.Ours((ref AvroWriter w) => Write(ref w, CreateSample()));

    private static GenericRecord ToGeneric(Sample s)
    {
        var schema = (RecordSchema)Schema.Parse(SchemaJson);
        var lineSchema = (RecordSchema)((ArraySchema)schema["lines"].Schema).ItemSchema;
        var addressSchema = (RecordSchema)((UnionSchema)schema["address"].Schema).Schemas[1];
        var record = new GenericRecord(schema);
        record.Add("id", s.Id);
        record.Add("at", s.At.UtcDateTime);
        record.Add("amount", new AvroDecimal(new BigInteger(decimal.Round(s.Amount * 100m)), 2));
        record.Add("status", new GenericEnum((EnumSchema)schema["status"].Schema, StatusSymbols[s.Status]));
        record.Add("tags", s.Tags.Cast<object>().ToArray());
        record.Add("lines", s.Lines.Select(l =>
        {
            var line = new GenericRecord(lineSchema);
            line.Add("sku", l.Sku);
            line.Add("qty", l.Qty);
            return (object)line;
        }).ToArray());
        record.Add("attributes", s.Attributes.ToDictionary(e => e.Key, e => (object)e.Value));
        record.Add("note", s.Note);
        GenericRecord? address = null;
        if (s.Address is not null)
        {
            address = new GenericRecord(addressSchema);
            address.Add("city", s.Address.City);
            address.Add("zip", s.Address.Zip);
        }

        record.Add("address", address);
        record.Add("flag", s.Flag);
        record.Add("ratio", s.Ratio);
        record.Add("empty", Array.Empty<object>());
        return record;
    }

    public static TheoryData<string?, bool> Variants => new() { { "leave at the door", true }, { null, false }, { "", true } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void record_bytes_equal_apache_generic_datum_writer(string? note, bool withAddress)
    {
        Sample sample = CreateSample(note, withAddress);
        byte[] ours = Oracle.Ours((ref AvroWriter w) => Write(ref w, sample));
        byte[] apache = Oracle.ApacheGeneric(SchemaJson, ToGeneric(sample));
        Assert.Equal(apache, ours);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void apache_generic_datum_reader_reads_what_we_write(string? note, bool withAddress)
    {
        Sample sample = CreateSample(note, withAddress);
        byte[] ours = Oracle.Ours((ref AvroWriter w) => Write(ref w, sample));
        var read = (GenericRecord)Oracle.ApacheGenericRead(SchemaJson, ours)!;
        Assert.Equal(sample.Id, read["id"]);
        Assert.Equal(sample.At.UtcDateTime, read["at"]);
        Assert.Equal("PAID", ((GenericEnum)read["status"]).Value);
        Assert.Equal(note, read["note"]);
        Assert.Equal(withAddress, read["address"] is GenericRecord);
        Assert.Equal("SKU-22", ((GenericRecord)((object[])read["lines"])[1])["sku"]);

        // And Apache writes back exactly what it read.
        Assert.Equal(ours, Oracle.ApacheGeneric(SchemaJson, read));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void we_read_what_apache_writes(string? note, bool withAddress)
    {
        Sample sample = CreateSample(note, withAddress);
        byte[] apache = Oracle.ApacheGeneric(SchemaJson, ToGeneric(sample));
        Sample read = Oracle.ReadOurs(apache, ReadSample);
        Assert.Equal(sample.Id, read.Id);
        Assert.Equal(sample.At, read.At);
        Assert.Equal(sample.Amount, read.Amount);
        Assert.Equal(sample.Tags, read.Tags);
        Assert.Equal(sample.Lines, read.Lines);
        Assert.Equal(sample.Attributes, read.Attributes);
        Assert.Equal(sample.Note, read.Note);
        Assert.Equal(sample.Address, read.Address);
        Assert.Equal(sample.Ratio, read.Ratio);
        Assert.Empty(read.Empty);
    }

    [Fact]
    public void writing_into_a_reused_buffer_allocates_nothing()
    {
        Sample sample = CreateSample();
        var output = new System.Buffers.ArrayBufferWriter<byte>(4096);
        for (int i = 0; i < 3; i++)
        {
            WriteInto(output, sample);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            WriteInto(output, sample);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void WriteInto(System.Buffers.ArrayBufferWriter<byte> output, Sample sample)
        {
            output.ResetWrittenCount();
            var writer = new AvroWriter(output);
            Write(ref writer, sample);
            writer.Flush();
        }
    }

    [Fact]
    public void writer_output_is_the_same_through_tiny_buffers()
    {
        Sample sample = CreateSample();
        Assert.Equal(Oracle.Ours((ref AvroWriter w) => Write(ref w, sample)), Oracle.OursChunked((ref AvroWriter w) => Write(ref w, sample)));
    }
}
