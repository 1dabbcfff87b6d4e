using System;
using System.Buffers;
using System.Text.Json;

namespace Contracts.Json;

/// <summary>
/// The base of every generated JSON codec: the generated class supplies <see cref="Write(Utf8JsonWriter, T)"/> and
/// <see cref="Read(ref Utf8JsonReader)"/>, and inherits the buffer-level entry points from here, so that each contract's
/// codec compiles only its own code.
/// </summary>
/// <typeparam name="T">The contract type.</typeparam>
public abstract class JsonCodec<T> : IJsonCodec<T>
{
    /// <summary>Creates the codec (generated codecs are singletons).</summary>
    protected JsonCodec()
    {
    }

    /// <inheritdoc/>
    public abstract void Write(Utf8JsonWriter writer, T value);

    /// <inheritdoc/>
    public abstract T Read(ref Utf8JsonReader reader);

    /// <summary>Encodes <paramref name="value"/> as UTF-8 JSON.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    public void Write(IBufferWriter<byte> output, T value) => ContractJson.Serialize(this, output, value);

    /// <summary>Decodes one complete UTF-8 JSON document; content after the value is an error.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The value.</returns>
    public T Read(ReadOnlySpan<byte> utf8Json) => ContractJson.Deserialize(this, utf8Json);
}
