using System;
using System.Buffers;

namespace Contracts.Avro;

/// <summary>
/// The buffer-level entry points every generated Avro codec exposes (whole body, single-object encoding), written
/// once here so that each contract's codec only forwards to them and compiles less code.
/// </summary>
public static class ContractAvro
{
    /// <summary>Encodes <paramref name="value"/> as a complete Avro binary body.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="codec">The codec.</param>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    public static void Serialize<T>(IAvroCodec<T> codec, IBufferWriter<byte> output, T value)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var writer = new AvroWriter(output);
        codec.Write(ref writer, value);
        writer.Flush();
    }

    /// <summary>Decodes one complete Avro binary body; trailing bytes are an error.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="codec">The codec.</param>
    /// <param name="body">The encoded body.</param>
    /// <param name="limits">Decode limits, or null for the defaults.</param>
    /// <returns>The value.</returns>
    public static T Deserialize<T>(IAvroCodec<T> codec, ReadOnlySpan<byte> body, DecodeLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var reader = new AvroReader(body, limits ?? DecodeLimits.Default);
        T value = codec.Read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Writes <paramref name="value"/> in Avro single-object encoding: <c>C3 01</c>, the fingerprint, the body.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="codec">The codec.</param>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    /// <param name="fingerprint">The CRC-64-AVRO fingerprint of the writer schema.</param>
    public static void SerializeSingleObject<T>(IAvroCodec<T> codec, IBufferWriter<byte> output, T value, ulong fingerprint)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var writer = new AvroWriter(output);
        writer.WriteSingleObjectHeader(fingerprint);
        codec.Write(ref writer, value);
        writer.Flush();
    }

    /// <summary>Reads a single-object encoded message written with the schema of <paramref name="fingerprint"/>; trailing bytes are an error.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="codec">The codec.</param>
    /// <param name="message">The message.</param>
    /// <param name="fingerprint">The CRC-64-AVRO fingerprint the header must carry.</param>
    /// <param name="limits">Decode limits, or null for the defaults.</param>
    /// <returns>The value.</returns>
    public static T DeserializeSingleObject<T>(IAvroCodec<T> codec, ReadOnlySpan<byte> message, ulong fingerprint, DecodeLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var reader = new AvroReader(message, limits ?? DecodeLimits.Default);
        reader.ReadSingleObjectHeader(fingerprint);
        T value = codec.Read(ref reader);
        reader.EnsureEnd();
        return value;
    }
}
