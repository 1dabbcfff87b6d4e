using System;
using System.Text;
using System.Text.Json;

namespace Contracts.Json;

/// <summary>
/// The property names of one generated record, in the order the record declares its fields: what a generated
/// JSON codec's reader matches property names against (through <see cref="JsonObjectReader"/>), instead of a
/// comparison per field in its own code, and what its writer writes them from (pre-encoded once, as
/// <see cref="JsonEncodedText"/>, through the <c>ContractJson.Write*Property</c> helpers), instead of a field per
/// name. Built once per record, in a static field of the codec.
/// </summary>
public sealed class JsonPropertyNames
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;
    private readonly JsonEncodedText[] _encoded;

    /// <summary>Creates the table.</summary>
    /// <param name="names">The JSON property names, unescaped, in field order.</param>
    public JsonPropertyNames(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = names;
        _utf8 = new byte[names.Length][];
        _encoded = new JsonEncodedText[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            _utf8[i] = Encoding.UTF8.GetBytes(names[i]);
            _encoded[i] = JsonEncodedText.Encode(_utf8[i]);
        }
    }

    /// <summary>How many names there are.</summary>
    public int Count => _names.Length;

    /// <summary>The name at <paramref name="index"/>.</summary>
    /// <param name="index">The field's position.</param>
    public string this[int index] => _names[index];

    /// <summary>The name at <paramref name="index"/>, encoded for <see cref="Utf8JsonWriter"/> (validated and escaped once).</summary>
    /// <param name="index">The field's position.</param>
    public JsonEncodedText Encoded(int index) => _encoded[index];

    /// <summary>
    /// The position of the property name the reader is on, or -1 when it is none of these. <paramref name="hint"/>
    /// is tried first (the field after the one read last): properties usually come in the order they were written.
    /// </summary>
    /// <param name="reader">The reader, on a property name.</param>
    /// <param name="hint">The most likely position.</param>
    public int IndexOf(ref Utf8JsonReader reader, int hint)
    {
        byte[][] names = _utf8;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            if ((uint)hint < (uint)names.Length && name.SequenceEqual(names[hint]))
            {
                return hint;
            }

            for (int i = 0; i < names.Length; i++)
            {
                if (name.SequenceEqual(names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        // An escaped name (or one split across segments): the reader unescapes it to compare.
        for (int i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// Walks the properties of one JSON object for a generated reader: <see cref="Next"/> stops on the value of each
/// property that the record declares (its position in <see cref="Index"/>), skips the others, and remembers which of
/// the first 64 fields it saw, so that <see cref="EnsureRequired"/> can name the first required one that is missing.
/// Start it with <see cref="ContractJson.ReadObject"/>.
/// </summary>
public struct JsonObjectReader
{
    private readonly JsonPropertyNames _names;
    private ulong _seen;
    private int _index;

    /// <summary>Creates a reader over the properties of the object the JSON reader is on.</summary>
    /// <param name="names">The record's property names.</param>
    public JsonObjectReader(JsonPropertyNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = names;
        _seen = 0;
        _index = -1;
    }

    /// <summary>The position (in <see cref="JsonPropertyNames"/>) of the property whose value the reader is on.</summary>
    public readonly int Index => _index;

    /// <summary>
    /// Moves to the value of the next property the record declares and returns <see langword="true"/>, skipping
    /// the properties it does not declare; or to the object's closing brace and returns <see langword="false"/>.
    /// </summary>
    /// <param name="reader">The reader, inside the object.</param>
    public bool Next(ref Utf8JsonReader reader)
    {
        while (true)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            int index = _names.IndexOf(ref reader, _index + 1);
            reader.Read();
            if (index >= 0)
            {
                _index = index;
                if (index < 64)
                {
                    _seen |= 1UL << index;
                }

                return true;
            }

            reader.Skip();
        }
    }

    /// <summary>
    /// Throws for the first field of <paramref name="required"/> (a bit per field position, lowest first) whose
    /// property the object did not contain.
    /// </summary>
    /// <param name="reader">The reader, on the object's closing brace.</param>
    /// <param name="required">The required fields among the first 64, as bits.</param>
    public readonly void EnsureRequired(ref Utf8JsonReader reader, ulong required)
    {
        ulong missing = required & ~_seen;
        if (missing != 0)
        {
            ContractJson.ThrowMissingProperty(ref reader, _names[System.Numerics.BitOperations.TrailingZeroCount(missing)]);
        }
    }
}
