using System;
using System.Buffers;
using System.IO;
using Avro;
using Avro.Generic;
using Avro.IO;
using Contracts.Avro;

namespace Contracts.Abstractions.Tests;

/// <summary>Writes with our AvroWriter inside a test.</summary>
internal delegate void OurWrite(ref AvroWriter writer);

/// <summary>Reads with our AvroReader inside a test.</summary>
internal delegate T OurRead<T>(ref AvroReader reader);

/// <summary>Apache.Avro 1.12.2 as the interop oracle, and our side of each comparison.</summary>
internal static class Oracle
{
    public static byte[] Ours(OurWrite write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AvroWriter(output);
        write(ref writer);
        writer.Flush();
        Assert.Equal(output.WrittenCount, writer.BytesWritten);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes through a buffer writer that hands out tiny spans, to exercise chunking.</summary>
    public static byte[] OursChunked(OurWrite write)
    {
        var output = new TinyBufferWriter();
        var writer = new AvroWriter(output);
        write(ref writer);
        writer.Flush();
        return output.ToArray();
    }

    public static T ReadOurs<T>(byte[] bytes, OurRead<T> read)
    {
        var reader = new AvroReader(bytes);
        T value = read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    public static byte[] Apache(Action<BinaryEncoder> write)
    {
        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        write(encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    public static T ApacheDecode<T>(byte[] bytes, Func<BinaryDecoder, T> read)
    {
        using var stream = new MemoryStream(bytes);
        var decoder = new BinaryDecoder(stream);
        T value = read(decoder);
        Assert.Equal(bytes.Length, stream.Position);
        return value;
    }

    public static byte[] ApacheGeneric(string schemaJson, object? datum) => ApacheGeneric(Schema.Parse(schemaJson), datum);

    public static byte[] ApacheGeneric(Schema schema, object? datum)
    {
        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        new GenericDatumWriter<object?>(schema).Write(datum, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    public static object? ApacheGenericRead(string schemaJson, byte[] bytes)
    {
        Schema schema = Schema.Parse(schemaJson);
        using var stream = new MemoryStream(bytes);
        object? value = new GenericDatumReader<object?>(schema, schema).Read(null, new BinaryDecoder(stream));
        Assert.Equal(bytes.Length, stream.Position);
        return value;
    }

    private sealed class TinyBufferWriter : IBufferWriter<byte>
    {
        private readonly MemoryStream _written = new();
        private byte[] _current = Array.Empty<byte>();

        public void Advance(int count) => _written.Write(_current, 0, count);

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new NotSupportedException();

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            // Exactly what was asked for (at least 1 byte): forces every chunk boundary.
            _current = new byte[Math.Max(1, sizeHint)];
            return _current;
        }

        public byte[] ToArray() => _written.ToArray();
    }
}
