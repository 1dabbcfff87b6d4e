using System;
using System.Buffers;

namespace Contracts.Avro;

/// <summary>
/// The Avro binary codec the generator emits for one contract type (one schema version).
/// Implementations are stateless singletons and thread-safe.
/// </summary>
/// <typeparam name="T">The contract type.</typeparam>
public interface IAvroCodec<T>
{
    /// <summary>Writes the body of <paramref name="value"/> (no single-object header).</summary>
    /// <param name="writer">The writer; the caller flushes it.</param>
    /// <param name="value">The value to encode.</param>
    void Write(ref AvroWriter writer, T value);

    /// <summary>Reads one value; does not check for trailing bytes.</summary>
    /// <param name="reader">The reader, positioned at the start of the body.</param>
    T Read(ref AvroReader reader);

    /// <summary>Encodes <paramref name="value"/> as a complete Avro binary body into <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value to encode.</param>
    void Write(IBufferWriter<byte> output, T value) => ContractAvro.Serialize(this, output, value);

    /// <summary>Decodes one complete Avro binary body; trailing bytes are an error.</summary>
    /// <param name="body">The encoded body.</param>
    /// <param name="limits">Decode limits, or <see langword="null"/> for <see cref="DecodeLimits.Default"/>.</param>
    /// <exception cref="Exceptions.AvroDecodeException">The input is invalid.</exception>
    T Read(ReadOnlySpan<byte> body, DecodeLimits? limits = null) => ContractAvro.Deserialize(this, body, limits);
}
