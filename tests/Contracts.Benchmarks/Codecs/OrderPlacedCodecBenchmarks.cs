using System;
using System.Buffers;
using System.IO;
using System.Text.Json;
using Avro.Generic;
using Avro.IO;
using Avro.Specific;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Contracts.Avro;

namespace Contracts.Benchmarks.Codecs;

/// <summary>
/// OrderPlaced (2 uuids, timestamp-micros, decimal(18,2), 5 line items, nested address, nullable
/// note) encoded and decoded by: the AvroWriter/AvroReader codec generated code will look like, the
/// same codec in raw span code, Apache.Avro Specific and Generic, and System.Text.Json source generation.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MinColumn]
[MedianColumn]
public class OrderPlacedCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly MemoryStream _stream = new(4096);
    private OrderPlaced _order = null!;
    private ApacheSpecific.OrderPlaced _specific = null!;
    private GenericRecord _generic = null!;
    private byte[] _avroBytes = null!;
    private byte[] _jsonBytes = null!;
    private BinaryEncoder _encoder = null!;
    private SpecificDatumWriter<ApacheSpecific.OrderPlaced> _specificWriter = null!;
    private SpecificDatumReader<ApacheSpecific.OrderPlaced> _specificReader = null!;
    private GenericDatumWriter<GenericRecord> _genericWriter = null!;
    private GenericDatumReader<GenericRecord> _genericReader = null!;
    private MemoryStream _readStream = null!;
    private BinaryDecoder _decoder = null!;
    private BinaryDecoder _roundTripDecoder = null!;
    private Utf8JsonWriter _jsonWriter = null!;

    /// <summary>Builds the sample and checks every codec agrees on the bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _order = OrderPlaced.CreateSample();
        _specific = ApacheSpecific.OrderPlacedSchema.ToSpecific(_order);
        _generic = ApacheSpecific.OrderPlacedSchema.ToGeneric(_order);
        _encoder = new BinaryEncoder(_stream);
        _specificWriter = new SpecificDatumWriter<ApacheSpecific.OrderPlaced>(ApacheSpecific.OrderPlacedSchema.Schema);
        _specificReader = new SpecificDatumReader<ApacheSpecific.OrderPlaced>(ApacheSpecific.OrderPlacedSchema.Schema, ApacheSpecific.OrderPlacedSchema.Schema);
        _genericWriter = new GenericDatumWriter<GenericRecord>(ApacheSpecific.OrderPlacedSchema.Schema);
        _genericReader = new GenericDatumReader<GenericRecord>(ApacheSpecific.OrderPlacedSchema.Schema, ApacheSpecific.OrderPlacedSchema.Schema);
        _jsonWriter = new Utf8JsonWriter(_buffer);

        Serialize_Primitives();
        _avroBytes = _buffer.WrittenSpan.ToArray();
        Serialize_Raw();
        Require(_buffer.WrittenSpan.SequenceEqual(_avroBytes), "raw codec bytes differ");
        Serialize_ApacheSpecific();
        Require(_stream.ToArray().AsSpan().SequenceEqual(_avroBytes), "Apache.Avro specific bytes differ");
        Serialize_ApacheGeneric();
        Require(_stream.ToArray().AsSpan().SequenceEqual(_avroBytes), "Apache.Avro generic bytes differ");
        Serialize_SystemTextJson();
        _jsonBytes = _buffer.WrittenSpan.ToArray();

        _readStream = new MemoryStream(_avroBytes, writable: false);
        _decoder = new BinaryDecoder(_readStream);
        _roundTripDecoder = new BinaryDecoder(_stream);
        Require(Deserialize_Primitives().Lines[4].UnitPrice == _order.Lines[4].UnitPrice, "primitives read");
        Require(Deserialize_Raw().ShippingAddress.City == _order.ShippingAddress.City, "raw read");
        Require(Deserialize_ApacheSpecific().note == _order.Note, "specific read");
        Require((string)Deserialize_ApacheGeneric()["note"] == _order.Note, "generic read");
        Require(Deserialize_SystemTextJson()!.Total == _order.Total, "json read");
        Require(RoundTrip_Primitives().Note == _order.Note && RoundTrip_Raw().Note == _order.Note && RoundTrip_ApacheSpecific().note == _order.Note, "round trips");
    }

    /// <summary>AvroWriter codec into a reused ArrayBufferWriter.</summary>
    [Benchmark(Baseline = true, Description = "Primitives (AvroWriter)")]
    [BenchmarkCategory("Serialize")]
    public int Serialize_Primitives()
    {
        _buffer.ResetWrittenCount();
        var writer = new AvroWriter(_buffer);
        OrderPlacedAvroCodec.Write(ref writer, _order);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>Raw span codec into a reused ArrayBufferWriter.</summary>
    [Benchmark(Description = "Raw span code")]
    [BenchmarkCategory("Serialize")]
    public int Serialize_Raw()
    {
        _buffer.ResetWrittenCount();
        OrderPlacedRawCodec.Write(_buffer, _order);
        return _buffer.WrittenCount;
    }

    /// <summary>Apache.Avro SpecificDatumWriter into a reused MemoryStream.</summary>
    [Benchmark(Description = "Apache.Avro Specific")]
    [BenchmarkCategory("Serialize")]
    public long Serialize_ApacheSpecific()
    {
        _stream.SetLength(0);
        _specificWriter.Write(_specific, _encoder);
        _encoder.Flush();
        return _stream.Length;
    }

    /// <summary>Apache.Avro GenericDatumWriter into a reused MemoryStream.</summary>
    [Benchmark(Description = "Apache.Avro Generic")]
    [BenchmarkCategory("Serialize")]
    public long Serialize_ApacheGeneric()
    {
        _stream.SetLength(0);
        _genericWriter.Write(_generic, _encoder);
        _encoder.Flush();
        return _stream.Length;
    }

    /// <summary>System.Text.Json source generation into a reused ArrayBufferWriter.</summary>
    [Benchmark(Description = "System.Text.Json (source gen)")]
    [BenchmarkCategory("Serialize")]
    public int Serialize_SystemTextJson()
    {
        _buffer.ResetWrittenCount();
        _jsonWriter.Reset(_buffer);
        JsonSerializer.Serialize(_jsonWriter, _order, OrderPlacedJsonContext.Default.OrderPlaced);
        return _buffer.WrittenCount;
    }

    /// <summary>AvroReader codec.</summary>
    [Benchmark(Baseline = true, Description = "Primitives (AvroReader)")]
    [BenchmarkCategory("Deserialize")]
    public OrderPlaced Deserialize_Primitives()
    {
        var reader = new AvroReader(_avroBytes);
        OrderPlaced value = OrderPlacedAvroCodec.Read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Raw span codec.</summary>
    [Benchmark(Description = "Raw span code")]
    [BenchmarkCategory("Deserialize")]
    public OrderPlaced Deserialize_Raw() => OrderPlacedRawCodec.Read(_avroBytes);

    /// <summary>Apache.Avro SpecificDatumReader.</summary>
    [Benchmark(Description = "Apache.Avro Specific")]
    [BenchmarkCategory("Deserialize")]
    public ApacheSpecific.OrderPlaced Deserialize_ApacheSpecific()
    {
        _readStream.Position = 0;
        return _specificReader.Read(null!, _decoder);
    }

    /// <summary>Apache.Avro GenericDatumReader.</summary>
    [Benchmark(Description = "Apache.Avro Generic")]
    [BenchmarkCategory("Deserialize")]
    public GenericRecord Deserialize_ApacheGeneric()
    {
        _readStream.Position = 0;
        return _genericReader.Read(null!, _decoder);
    }

    /// <summary>System.Text.Json source generation.</summary>
    [Benchmark(Description = "System.Text.Json (source gen)")]
    [BenchmarkCategory("Deserialize")]
    public OrderPlaced? Deserialize_SystemTextJson() => JsonSerializer.Deserialize(_jsonBytes, OrderPlacedJsonContext.Default.OrderPlaced);

    /// <summary>Serialize then deserialize with the AvroWriter/AvroReader codec.</summary>
    [Benchmark(Baseline = true, Description = "Primitives (AvroWriter+AvroReader)")]
    [BenchmarkCategory("RoundTrip")]
    public OrderPlaced RoundTrip_Primitives()
    {
        Serialize_Primitives();
        var reader = new AvroReader(_buffer.WrittenSpan);
        OrderPlaced value = OrderPlacedAvroCodec.Read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Serialize then deserialize with the raw span codec.</summary>
    [Benchmark(Description = "Raw span code")]
    [BenchmarkCategory("RoundTrip")]
    public OrderPlaced RoundTrip_Raw()
    {
        Serialize_Raw();
        return OrderPlacedRawCodec.Read(_buffer.WrittenSpan);
    }

    /// <summary>Serialize then deserialize with Apache.Avro Specific.</summary>
    [Benchmark(Description = "Apache.Avro Specific")]
    [BenchmarkCategory("RoundTrip")]
    public ApacheSpecific.OrderPlaced RoundTrip_ApacheSpecific()
    {
        Serialize_ApacheSpecific();
        _stream.Position = 0;
        return _specificReader.Read(null!, _roundTripDecoder);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
