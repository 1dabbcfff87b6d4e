using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Text.Json;
using Avro.Generic;
using Avro.IO;
using Avro.Specific;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bench.Generated;
using Contracts.Benchmarks.Codecs;

namespace Contracts.Benchmarks.Generator;

/// <summary>
/// The generator's own codecs for OrderPlaced (2 uuids, timestamp-micros, decimal(18,2), 5 line items, nested
/// address, nullable note) against Apache.Avro Specific/Generic and System.Text.Json source generation.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratedCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly MemoryStream _stream = new(4096);
    private Bench.Generated.OrderPlaced _order = null!;
    private Codecs.OrderPlaced _clr = null!;
    private Codecs.ApacheSpecific.OrderPlaced _specific = null!;
    private GenericRecord _generic = null!;
    private byte[] _avro = null!;
    private byte[] _json = null!;
    private byte[] _stjJson = null!;
    private BinaryEncoder _encoder = null!;
    private SpecificDatumWriter<Codecs.ApacheSpecific.OrderPlaced> _specificWriter = null!;
    private SpecificDatumReader<Codecs.ApacheSpecific.OrderPlaced> _specificReader = null!;
    private GenericDatumWriter<GenericRecord> _genericWriter = null!;
    private GenericDatumReader<GenericRecord> _genericReader = null!;
    private Utf8JsonWriter _jsonWriter = null!;
    private Codecs.Proto.OrderPlaced _proto = null!;
    private byte[] _protoBytes = null!;

    /// <summary>Builds the sample in every model and checks the Avro bytes agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _clr = Codecs.OrderPlaced.CreateSample();
        _order = GeneratedSample.From(_clr);
        _specific = Codecs.ApacheSpecific.OrderPlacedSchema.ToSpecific(_clr);
        _generic = Codecs.ApacheSpecific.OrderPlacedSchema.ToGeneric(_clr);
        var schema = Codecs.ApacheSpecific.OrderPlacedSchema.Schema;
        _encoder = new BinaryEncoder(_stream);
        _specificWriter = new SpecificDatumWriter<Codecs.ApacheSpecific.OrderPlaced>(schema);
        _specificReader = new SpecificDatumReader<Codecs.ApacheSpecific.OrderPlaced>(schema, schema);
        _genericWriter = new GenericDatumWriter<GenericRecord>(schema);
        _genericReader = new GenericDatumReader<GenericRecord>(schema, schema);
        _jsonWriter = new Utf8JsonWriter(_buffer);

        AvroSerialize_Generated();
        _avro = _buffer.WrittenSpan.ToArray();
        AvroSerialize_ApacheSpecific();
        Require(_stream.ToArray().AsSpan().SequenceEqual(_avro), "Apache.Avro specific bytes differ from the generated codec's");
        AvroSerialize_ApacheGeneric();
        Require(_stream.ToArray().AsSpan().SequenceEqual(_avro), "Apache.Avro generic bytes differ from the generated codec's");
        AvroSerialize_HandWritten();
        Require(_buffer.WrittenSpan.SequenceEqual(_avro), "hand-written codec bytes differ from the generated codec's");
        JsonSerialize_Generated();
        _json = _buffer.WrittenSpan.ToArray();
        JsonSerialize_SystemTextJson();
        _stjJson = _buffer.WrittenSpan.ToArray();
        _proto = ToProto(_clr);
        ProtobufSerialize();
        _protoBytes = _buffer.WrittenSpan.ToArray();
        Require(ProtobufDeserialize().Lines.Count == _clr.Lines.Count, "protobuf read");
        Require(AvroDeserialize_Generated().Note == _order.Note, "generated Avro read");
        Require(JsonDeserialize_Generated().Total == _order.Total, "generated JSON read");
    }

    /// <summary>Generated Avro codec into a reused buffer.</summary>
    [Benchmark(Baseline = true, Description = "Generated Avro codec")]
    [BenchmarkCategory("Avro serialize")]
    public int AvroSerialize_Generated()
    {
        _buffer.ResetWrittenCount();
        Bench.Generated.OrderPlacedAvroCodec.Instance.Write(_buffer, _order);
        return _buffer.WrittenCount;
    }

    /// <summary>Apache.Avro SpecificDatumWriter.</summary>
    [Benchmark(Description = "Apache.Avro Specific")]
    [BenchmarkCategory("Avro serialize")]
    public long AvroSerialize_ApacheSpecific()
    {
        _stream.SetLength(0);
        _specificWriter.Write(_specific, _encoder);
        _encoder.Flush();
        return _stream.Length;
    }

    /// <summary>Apache.Avro GenericDatumWriter.</summary>
    [Benchmark(Description = "Apache.Avro Generic")]
    [BenchmarkCategory("Avro serialize")]
    public long AvroSerialize_ApacheGeneric()
    {
        _stream.SetLength(0);
        _genericWriter.Write(_generic, _encoder);
        _encoder.Flush();
        return _stream.Length;
    }

    /// <summary>The hand-written straight-line Avro codec (Codecs/OrderPlacedRawCodec): the practical limit.</summary>
    [Benchmark(Description = "Hand-written Avro codec")]
    [BenchmarkCategory("Avro serialize")]
    public int AvroSerialize_HandWritten()
    {
        _buffer.ResetWrittenCount();
        OrderPlacedRawCodec.Write(_buffer, _clr);
        return _buffer.WrittenCount;
    }

    /// <summary>Google.Protobuf generated code (protoc) into the same reused buffer: the binary-format yardstick.</summary>
    [Benchmark(Description = "Google.Protobuf (generated)")]
    [BenchmarkCategory("Avro serialize")]
    public int ProtobufSerialize()
    {
        _buffer.ResetWrittenCount();
        Google.Protobuf.MessageExtensions.WriteTo(_proto, _buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>System.Text.Json source generation (JSON text; for scale).</summary>
    [Benchmark(Description = "System.Text.Json (source gen)")]
    [BenchmarkCategory("Avro serialize")]
    public int AvroSerialize_SystemTextJson() => JsonSerialize_SystemTextJson();

    /// <summary>Generated Avro codec.</summary>
    [Benchmark(Baseline = true, Description = "Generated Avro codec")]
    [BenchmarkCategory("Avro deserialize")]
    public Bench.Generated.OrderPlaced AvroDeserialize_Generated() => Bench.Generated.OrderPlacedAvroCodec.Instance.Read(_avro);

    /// <summary>Apache.Avro SpecificDatumReader.</summary>
    [Benchmark(Description = "Apache.Avro Specific")]
    [BenchmarkCategory("Avro deserialize")]
    public Codecs.ApacheSpecific.OrderPlaced AvroDeserialize_ApacheSpecific() =>
        _specificReader.Read(null!, new BinaryDecoder(new MemoryStream(_avro, writable: false)));

    /// <summary>Apache.Avro GenericDatumReader.</summary>
    [Benchmark(Description = "Apache.Avro Generic")]
    [BenchmarkCategory("Avro deserialize")]
    public GenericRecord AvroDeserialize_ApacheGeneric() =>
        _genericReader.Read(null!, new BinaryDecoder(new MemoryStream(_avro, writable: false)));

    /// <summary>The hand-written straight-line Avro codec.</summary>
    [Benchmark(Description = "Hand-written Avro codec")]
    [BenchmarkCategory("Avro deserialize")]
    public Codecs.OrderPlaced AvroDeserialize_HandWritten() => OrderPlacedRawCodec.Read(_avro);

    /// <summary>Google.Protobuf generated parser into new message objects.</summary>
    [Benchmark(Description = "Google.Protobuf (generated)")]
    [BenchmarkCategory("Avro deserialize")]
    public Codecs.Proto.OrderPlaced ProtobufDeserialize() => Codecs.Proto.OrderPlaced.Parser.ParseFrom(new ReadOnlySequence<byte>(_protoBytes));

    /// <summary>System.Text.Json source generation (for scale).</summary>
    [Benchmark(Description = "System.Text.Json (source gen)")]
    [BenchmarkCategory("Avro deserialize")]
    public Codecs.OrderPlaced? AvroDeserialize_SystemTextJson() => JsonDeserialize_SystemTextJson();

    /// <summary>Generated JSON codec.</summary>
    [Benchmark(Baseline = true, Description = "Generated JSON codec")]
    [BenchmarkCategory("JSON serialize")]
    public int JsonSerialize_Generated()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        Bench.Generated.OrderPlacedJsonCodec.Instance.Write(_jsonWriter, _order);
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>System.Text.Json source generation.</summary>
    [Benchmark(Description = "System.Text.Json (source gen)")]
    [BenchmarkCategory("JSON serialize")]
    public int JsonSerialize_SystemTextJson()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        JsonSerializer.Serialize(_jsonWriter, _clr, OrderPlacedJsonContext.Default.OrderPlaced);
        _jsonWriter.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>Generated JSON codec.</summary>
    [Benchmark(Baseline = true, Description = "Generated JSON codec")]
    [BenchmarkCategory("JSON deserialize")]
    public Bench.Generated.OrderPlaced JsonDeserialize_Generated() => Bench.Generated.OrderPlacedJsonCodec.Instance.Read(_json);

    /// <summary>System.Text.Json source generation.</summary>
    [Benchmark(Description = "System.Text.Json (source gen)")]
    [BenchmarkCategory("JSON deserialize")]
    public Codecs.OrderPlaced? JsonDeserialize_SystemTextJson() => JsonSerializer.Deserialize(_stjJson, OrderPlacedJsonContext.Default.OrderPlaced);

    private static Codecs.Proto.OrderPlaced ToProto(Codecs.OrderPlaced order)
    {
        var proto = new Codecs.Proto.OrderPlaced
        {
            OrderId = Google.Protobuf.ByteString.CopyFrom(order.OrderId.ToByteArray(bigEndian: true)),
            CustomerId = Google.Protobuf.ByteString.CopyFrom(order.CustomerId.ToByteArray(bigEndian: true)),
            PlacedAtMicros = (order.PlacedAt - DateTimeOffset.UnixEpoch).Ticks / 10,
            TotalCents = (long)(order.Total * 100),
            ShippingAddress = new Codecs.Proto.Address
            {
                Street = order.ShippingAddress.Street,
                City = order.ShippingAddress.City,
                PostalCode = order.ShippingAddress.PostalCode,
                Country = order.ShippingAddress.Country,
            },
        };
        if (order.Note is not null) proto.Note = order.Note;
        foreach (var line in order.Lines)
        {
            proto.Lines.Add(new Codecs.Proto.LineItem { Sku = line.Sku, Quantity = line.Quantity, UnitPriceCents = (long)(line.UnitPrice * 100) });
        }

        return proto;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException(what);
    }
}
