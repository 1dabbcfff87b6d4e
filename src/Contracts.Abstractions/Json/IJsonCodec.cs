using System;
using System.Buffers;
using System.Text.Json;

namespace Contracts.Json;

/// <summary>
/// The JSON codec the generator emits for one contract type (one schema version), writing natural
/// JSON (uuid as string, dates as ISO 8601, decimals as exact numbers, bytes as base64).
/// Implementations are stateless singletons and thread-safe.
/// </summary>
/// <typeparam name="T">The contract type.</typeparam>
public interface IJsonCodec<T>
{
    /// <summary>Writes <paramref name="value"/> as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    void Write(Utf8JsonWriter writer, T value);

    /// <summary>
    /// Reads one value. On entry the reader is either before the value (<see cref="JsonTokenType.None"/>
    /// or a property name) or on its first token; on return it is on the value's last token.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <exception cref="Exceptions.JsonDecodeException">The JSON does not match the contract.</exception>
    T Read(ref Utf8JsonReader reader);

    /// <summary>Encodes <paramref name="value"/> as UTF-8 JSON into <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    void Write(IBufferWriter<byte> output, T value) => ContractJson.Serialize(this, output, value);

    /// <summary>Decodes one complete JSON document; content after the value is an error.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <exception cref="Exceptions.JsonDecodeException">Malformed JSON, or JSON that does not match the contract; carries the byte offset and line.</exception>
    T Read(ReadOnlySpan<byte> utf8Json) => ContractJson.Deserialize(this, utf8Json);
}
