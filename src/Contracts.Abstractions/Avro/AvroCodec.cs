using System;
using System.Buffers;

namespace Contracts.Avro;

/// <summary>
/// The base of every generated Avro codec: the generated class supplies the record-level <see cref="Write(ref AvroWriter, T)"/>
/// and <see cref="Read(ref AvroReader)"/>, and inherits the buffer-level entry points (whole body, single-object encoding)
/// from here, so that each contract's codec compiles only its own code.
/// </summary>
/// <typeparam name="T">The contract type.</typeparam>
public abstract class AvroCodec<T> : IAvroCodec<T>
    where T : IContract
{
    /// <summary>Creates the codec (generated codecs are singletons).</summary>
    protected AvroCodec()
    {
    }

    /// <inheritdoc/>
    public abstract void Write(ref AvroWriter writer, T value);

    /// <inheritdoc/>
    public abstract T Read(ref AvroReader reader);

    /// <summary>Encodes <paramref name="value"/> as a complete Avro binary body.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    public void Write(IBufferWriter<byte> output, T value) => ContractAvro.Serialize(this, output, value);

    /// <summary>Decodes one complete Avro binary body; trailing bytes are an error.</summary>
    /// <param name="body">The encoded body.</param>
    /// <param name="limits">Decode limits, or null for the defaults.</param>
    /// <returns>The value.</returns>
    public T Read(ReadOnlySpan<byte> body, DecodeLimits? limits = null) => ContractAvro.Deserialize(this, body, limits);

    /// <summary>Writes <paramref name="value"/> in Avro single-object encoding: <c>C3 01</c>, the CRC-64-AVRO fingerprint, the body.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    public void WriteSingleObject(IBufferWriter<byte> output, T value) => ContractAvro.SerializeSingleObject(this, output, value, T.ContractInfo.Fingerprint);

    /// <summary>Reads a single-object encoded message written with this exact schema; trailing bytes are an error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="limits">Decode limits, or null for the defaults.</param>
    /// <returns>The value.</returns>
    public T ReadSingleObject(ReadOnlySpan<byte> message, DecodeLimits? limits = null) => ContractAvro.DeserializeSingleObject(this, message, T.ContractInfo.Fingerprint, limits);
}
