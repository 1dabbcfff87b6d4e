using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Contracts.Avro;
using Contracts.Exceptions;
using Contracts.Internal;

namespace Contracts.Json;

/// <summary>
/// What generated JSON codecs call: entry points that turn every failure into a
/// <see cref="JsonDecodeException"/> with position, token readers that check the token type, and
/// formatters for the Avro logical types in natural JSON.
/// </summary>
/// <remarks>
/// Values that <see cref="Utf8JsonWriter"/> already writes in the natural form are written with it
/// directly by generated code: <c>WriteStringValue(Guid)</c> (uuid), <c>WriteStringValue(DateTimeOffset)</c>
/// (timestamps, ISO 8601 with offset), <c>WriteBase64StringValue</c> (bytes).
/// </remarks>
public static class ContractJson
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Serializes with <paramref name="codec"/>, reusing a per-thread <see cref="Utf8JsonWriter"/>.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="codec">The generated codec.</param>
    /// <param name="output">Where the UTF-8 JSON goes.</param>
    /// <param name="value">The value.</param>
    public static void Serialize<T>(IJsonCodec<T> codec, IBufferWriter<byte> output, T value)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Utf8JsonWriter? writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        }
        else
        {
            t_writer = null; // a nested call on this thread gets its own writer
            writer.Reset(output);
        }

        try
        {
            codec.Write(writer, value);
            writer.Flush();
        }
        finally
        {
            writer.Reset(NullBufferWriter.Instance);
            t_writer = writer;
        }
    }

    /// <summary>
    /// Deserializes one JSON document with <paramref name="codec"/>. Malformed JSON, a value that does
    /// not match the contract and content after the value all become a <see cref="JsonDecodeException"/>
    /// with the byte offset, line and position.
    /// </summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="codec">The generated codec.</param>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <param name="maxDepth">Deepest nesting accepted (0 means the System.Text.Json default of 64).</param>
    public static T Deserialize<T>(IJsonCodec<T> codec, ReadOnlySpan<byte> utf8Json, int maxDepth = 0)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            T value = codec.Read(ref reader);
            if (reader.Read())
            {
                throw new JsonDecodeException(reader.TokenStartIndex, "content after the end of the document");
            }

            return value;
        }
        catch (JsonDecodeException e)
        {
            throw e.WithLineInfo(utf8Json);
        }
        catch (JsonException e)
        {
            // Malformed JSON: System.Text.Json knows the line and position but not the absolute offset.
            long line = e.LineNumber ?? 0;
            long column = e.BytePositionInLine ?? 0;
            throw new JsonDecodeException(OffsetOf(utf8Json, line, column), e.Message, propertyName: null, line, column, e);
        }
    }

    /// <summary>
    /// Moves to the start of an object: reads one token unless the reader is already on
    /// <see cref="JsonTokenType.StartObject"/>, and requires it.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="propertyName">The property whose value this is, for the error message.</param>
    public static void ReadStartObject(ref Utf8JsonReader reader, string? propertyName = null)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                ThrowUnexpectedToken(ref reader, propertyName, "an object");
            }
        }
    }

    /// <summary>
    /// Moves to the start of a record's object (as <see cref="ReadStartObject"/>) and returns a walker over its
    /// properties that matches their names against <paramref name="names"/>.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="names">The record's property names.</param>
    public static JsonObjectReader ReadObject(ref Utf8JsonReader reader, JsonPropertyNames names)
    {
        ReadStartObject(ref reader);
        return new JsonObjectReader(names);
    }

    /// <summary>Moves to the start of an array (same rules as <see cref="ReadStartObject"/>).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="propertyName">The property whose value this is, for the error message.</param>
    public static void ReadStartArray(ref Utf8JsonReader reader, string? propertyName = null)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                ThrowUnexpectedToken(ref reader, propertyName, "an array");
            }
        }
    }

    /// <summary>
    /// Inside an object: moves to the next property name and returns <see langword="true"/>, or to
    /// the closing brace and returns <see langword="false"/>. Compare the name with
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/>, then <see cref="Utf8JsonReader.Read"/> to its value
    /// (or <see cref="Utf8JsonReader.Skip"/> an unknown property).
    /// </summary>
    /// <param name="reader">The reader.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ReadNextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Inside an array: moves to the next item and returns <see langword="true"/>, or to the closing bracket.</summary>
    /// <param name="reader">The reader.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ReadNextItem(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Reads an array of strings (what generated codecs call for an array of strings).</summary>
    /// <param name="reader">The reader, on the value or before it.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static System.Collections.Generic.List<string> GetStringList(ref Utf8JsonReader reader, string propertyName)
    {
        ReadStartArray(ref reader, propertyName);
        var list = new System.Collections.Generic.List<string>();
        while (ReadNextItem(ref reader))
        {
            list.Add(GetString(ref reader, propertyName));
        }

        return list;
    }

    /// <summary>Writes the name of the property at <paramref name="index"/> of <paramref name="names"/> (its value follows).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WritePropertyName(Utf8JsonWriter writer, JsonPropertyNames names, int index) => writer.WritePropertyName(names.Encoded(index));

    /// <summary>Writes a property whose value is a uuid string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUuidProperty(Utf8JsonWriter writer, JsonPropertyNames names, int index, Guid value) => writer.WriteString(names.Encoded(index), value);

    /// <summary>Writes a property whose value is a string, or the literal <c>null</c> for <see langword="null"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteStringProperty(Utf8JsonWriter writer, JsonPropertyNames names, int index, string? value) => writer.WriteString(names.Encoded(index), value);

    /// <summary>Writes a property whose value is <c>true</c> or <c>false</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteBooleanProperty(Utf8JsonWriter writer, JsonPropertyNames names, int index, bool value) => writer.WriteBoolean(names.Encoded(index), value);

    /// <summary>Writes a property whose value is an int.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt32Property(Utf8JsonWriter writer, JsonPropertyNames names, int index, int value) => writer.WriteNumber(names.Encoded(index), value);

    /// <summary>Writes a property whose value is a long.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteInt64Property(Utf8JsonWriter writer, JsonPropertyNames names, int index, long value) => writer.WriteNumber(names.Encoded(index), value);

    /// <summary>Writes a property whose value is a float.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteSingleProperty(Utf8JsonWriter writer, JsonPropertyNames names, int index, float value) => writer.WriteNumber(names.Encoded(index), value);

    /// <summary>Writes a property whose value is a double.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="names">The record's property names.</param>
    /// <param name="index">The field's position.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteDoubleProperty(Utf8JsonWriter writer, JsonPropertyNames names, int index, double value) => writer.WriteNumber(names.Encoded(index), value);

    /// <summary>Writes an array of strings (what generated codecs call for an array of strings).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="items">The items.</param>
    public static void WriteStringArray(Utf8JsonWriter writer, System.Collections.Generic.IReadOnlyList<string> items)
    {
        writer.WriteStartArray();
        for (int i = 0; i < items.Count; i++)
        {
            writer.WriteStringValue(items[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads a string value.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string GetString(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            ThrowUnexpectedToken(ref reader, propertyName, "a string");
        }

        return reader.GetString()!;
    }

    /// <summary>Reads a string or <c>null</c> (an Avro <c>["null","string"]</c>).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static string? GetNullableString(ref Utf8JsonReader reader, string propertyName) =>
        reader.TokenType == JsonTokenType.Null ? null : GetString(ref reader, propertyName);

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static bool GetBoolean(ref Utf8JsonReader reader, string propertyName)
    {
        JsonTokenType token = reader.TokenType;
        if (token == JsonTokenType.True)
        {
            return true;
        }

        if (token != JsonTokenType.False)
        {
            ThrowUnexpectedToken(ref reader, propertyName, "true or false");
        }

        return false;
    }

    /// <summary>Reads an integral number that fits an int.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetInt32(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
        {
            return value;
        }

        ThrowNumber(ref reader, propertyName, "an integer between -2147483648 and 2147483647");
        return default!;
    }

    /// <summary>Reads an integral number that fits a long.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static long GetInt64(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value))
        {
            return value;
        }

        ThrowNumber(ref reader, propertyName, "an integer that fits 64 bits");
        return default!;
    }

    /// <summary>Reads a number as a float.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static float GetSingle(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out float value))
        {
            return value;
        }

        ThrowNumber(ref reader, propertyName, "a number");
        return default!;
    }

    /// <summary>Reads a number as a double.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static double GetDouble(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value))
        {
            return value;
        }

        ThrowNumber(ref reader, propertyName, "a number");
        return default!;
    }

    /// <summary>Reads a base64 string as bytes.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static byte[] GetBytes(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out byte[]? value))
        {
            return value;
        }

        ThrowValue(ref reader, propertyName, "expected a base64 string");
        return default!;
    }

    /// <summary>Reads a uuid string (36-character canonical form).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Guid GetUuid(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out Guid value))
        {
            return value;
        }

        ThrowValue(ref reader, propertyName, "expected a uuid string such as \"00000000-0000-0000-0000-000000000000\"");
        return default!;
    }

    /// <summary>Reads a <c>date</c> written as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static DateOnly GetDate(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> text = reader.ValueSpan;
            if (text.Length == 10 && text[4] == '-' && text[7] == '-'
                && TryDigits(text[..4], out int year) && TryDigits(text.Slice(5, 2), out int month) && TryDigits(text.Slice(8, 2), out int day)
                && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }
        }

        ThrowValue(ref reader, propertyName, "expected a date string yyyy-MM-dd");
        return default;
    }

    /// <summary>Reads a time of day written as ISO 8601 <c>HH:mm:ss[.fffffff]</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static TimeOnly GetTime(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 16 && !reader.HasValueSequence)
        {
            Span<char> text = stackalloc char[32];
            int length = reader.CopyString(text);
            if (TimeOnly.TryParseExact(text[..length], "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly value))
            {
                return value;
            }
        }

        ThrowValue(ref reader, propertyName, "expected a time string HH:mm:ss[.fffffff]");
        return default;
    }

    /// <summary>Reads a timestamp written as ISO 8601 with an offset (<c>Z</c> or <c>±hh:mm</c>); the result is in UTC.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static DateTimeOffset GetTimestamp(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.String && HasOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out DateTimeOffset value))
        {
            return value.ToUniversalTime();
        }

        ThrowValue(ref reader, propertyName, "expected an ISO 8601 timestamp with an offset, such as 2024-05-01T12:00:00Z");
        return default;
    }

    /// <summary>Reads a local (zone-less) timestamp written as ISO 8601 without an offset.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static DateTime GetLocalTimestamp(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.String && !HasOffset(reader.ValueSpan) && reader.TryGetDateTime(out DateTime value))
        {
            return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        }

        ThrowValue(ref reader, propertyName, "expected an ISO 8601 date and time without an offset, such as 2024-05-01T12:00:00");
        return default;
    }

    /// <summary>Reads a JSON number as <c>decimal(precision, scale)</c>, checking the range.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    /// <param name="precision">The schema's precision.</param>
    /// <param name="scale">The schema's scale.</param>
    public static decimal GetDecimal(ref Utf8JsonReader reader, string propertyName, int precision, int scale)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out decimal value))
        {
            ThrowNumber(ref reader, propertyName, $"a decimal({precision},{scale}) number");
            return default;
        }

        try
        {
            DecimalScaling.ToUnscaled(value, precision, scale, out _);
        }
        catch (AvroEncodeException e)
        {
            throw new JsonDecodeException(reader.TokenStartIndex, e.Message, propertyName, innerException: e);
        }

        return value;
    }

    /// <summary>Reads a <c>duration</c> object <c>{"months":m,"days":d,"milliseconds":ms}</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    public static AvroDuration GetDuration(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ThrowUnexpectedToken(ref reader, propertyName, "a duration object");
        }

        uint months = 0, days = 0, milliseconds = 0;
        while (ReadNextProperty(ref reader))
        {
            ref uint target = ref milliseconds;
            if (reader.ValueTextEquals("months"u8))
            {
                target = ref months;
            }
            else if (reader.ValueTextEquals("days"u8))
            {
                target = ref days;
            }
            else if (!reader.ValueTextEquals("milliseconds"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt32(out target))
            {
                ThrowNumber(ref reader, propertyName, "an unsigned 32-bit integer");
            }
        }

        return new AvroDuration(months, days, milliseconds);
    }

    /// <summary>Writes a <c>date</c> as the string <c>yyyy-MM-dd</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteDate(Utf8JsonWriter writer, DateOnly value)
    {
        Span<byte> text = stackalloc byte[10];
        value.TryFormat(text, out int written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a time of day as the string <c>HH:mm:ss[.fffffff]</c> (no trailing zeros).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteTime(Utf8JsonWriter writer, TimeOnly value)
    {
        Span<byte> text = stackalloc byte[16];
        value.TryFormat(text, out int written, "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a timestamp as ISO 8601 in UTC with its offset (<c>2024-05-01T12:00:00+00:00</c>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset value) => writer.WriteStringValue(value.ToUniversalTime());

    /// <summary>Writes a local timestamp as ISO 8601 without an offset, whatever its <see cref="DateTime.Kind"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteLocalTimestamp(Utf8JsonWriter writer, DateTime value) =>
        writer.WriteStringValue(DateTime.SpecifyKind(value, DateTimeKind.Unspecified));

    /// <summary>
    /// Writes <c>decimal(precision, scale)</c> as a JSON number with exactly <paramref name="scale"/>
    /// fractional digits and never in scientific notation (<c>12.50</c> for decimal(9,2)).
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="precision">The schema's precision.</param>
    /// <param name="scale">The schema's scale.</param>
    /// <exception cref="AvroEncodeException">The value is out of range for decimal(precision, scale).</exception>
    public static void WriteDecimal(Utf8JsonWriter writer, decimal value, int precision, int scale)
    {
        if (DecimalScaling.TryToUnscaled64(value, precision, scale, out long unscaled))
        {
            // The common case: rebuild the decimal with exactly the schema's scale (12.5 becomes 12.50, -0 becomes 0)
            // and let the writer format it; decimal formatting is fixed-point and keeps trailing zeros.
            ulong abs = unscaled < 0 ? (ulong)-unscaled : (ulong)unscaled;
            writer.WriteNumberValue(new decimal((int)(uint)abs, (int)(uint)(abs >> 32), 0, unscaled < 0, (byte)scale));
            return;
        }

        UInt128 magnitude = DecimalScaling.ToUnscaled(value, precision, scale, out bool negative);
        Span<byte> digits = stackalloc byte[40];
        magnitude.TryFormat(digits, out int digitCount, default, CultureInfo.InvariantCulture);

        // sign + up to 39 digits + leading "0." padding for large scales
        Span<byte> text = stackalloc byte[2 + 40 + scale];
        int length = 0;
        if (negative && magnitude != 0)
        {
            text[length++] = (byte)'-';
        }

        if (scale == 0)
        {
            digits[..digitCount].CopyTo(text[length..]);
            length += digitCount;
        }
        else
        {
            int integerDigits = digitCount - scale;
            if (integerDigits <= 0)
            {
                text[length++] = (byte)'0';
                text[length++] = (byte)'.';
                text.Slice(length, -integerDigits).Fill((byte)'0');
                length += -integerDigits;
                digits[..digitCount].CopyTo(text[length..]);
                length += digitCount;
            }
            else
            {
                digits[..integerDigits].CopyTo(text[length..]);
                length += integerDigits;
                text[length++] = (byte)'.';
                digits[integerDigits..digitCount].CopyTo(text[length..]);
                length += scale;
            }
        }

        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    /// <summary>Writes a <c>duration</c> as <c>{"months":m,"days":d,"milliseconds":ms}</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteDuration(Utf8JsonWriter writer, AvroDuration value)
    {
        writer.WriteStartObject();
        writer.WriteNumber("months"u8, value.Months);
        writer.WriteNumber("days"u8, value.Days);
        writer.WriteNumber("milliseconds"u8, value.Milliseconds);
        writer.WriteEndObject();
    }

    /// <summary>Throws for a required property that the object did not contain.</summary>
    /// <param name="reader">The reader, on the object's closing brace.</param>
    /// <param name="propertyName">The missing property.</param>
    [DoesNotReturn]
    public static void ThrowMissingProperty(ref Utf8JsonReader reader, string propertyName) =>
        throw new JsonDecodeException(reader.TokenStartIndex, $"required property '{propertyName}' is missing", propertyName);

    /// <summary>Throws for a string that is not one of the enum's symbols.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    [DoesNotReturn]
    public static void ThrowUnknownEnumSymbol(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            ThrowUnexpectedToken(ref reader, propertyName, "an enum symbol string");
        }

        throw new JsonDecodeException(reader.TokenStartIndex, $"unknown enum symbol \"{reader.GetString()}\"", propertyName);
    }

    /// <summary>Throws for a token of the wrong type.</summary>
    /// <param name="reader">The reader, on the offending token.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    /// <param name="expected">What was expected, such as "a string".</param>
    [DoesNotReturn]
    public static void ThrowUnexpectedToken(ref Utf8JsonReader reader, string? propertyName, string expected) =>
        throw new JsonDecodeException(reader.TokenStartIndex, $"expected {expected}, found {Describe(reader.TokenType)}", propertyName);

    /// <summary>Throws for a union value that matches none of its branches.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="propertyName">The property, for the error message.</param>
    [DoesNotReturn]
    public static void ThrowNoUnionBranch(ref Utf8JsonReader reader, string propertyName) =>
        throw new JsonDecodeException(reader.TokenStartIndex, $"{Describe(reader.TokenType)} matches no branch of the union", propertyName);

    [DoesNotReturn]
    private static void ThrowNumber(ref Utf8JsonReader reader, string propertyName, string expected)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            ThrowUnexpectedToken(ref reader, propertyName, expected);
        }

        throw new JsonDecodeException(reader.TokenStartIndex, $"expected {expected}, found {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)}", propertyName);
    }

    [DoesNotReturn]
    private static void ThrowValue(ref Utf8JsonReader reader, string propertyName, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            ThrowUnexpectedToken(ref reader, propertyName, "a string");
        }

        throw new JsonDecodeException(reader.TokenStartIndex, $"{what}, found \"{reader.GetString()}\"", propertyName);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.PropertyName => "a property name",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "the end of the input",
    };

    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        if (text.Length > 0 && (text[^1] == 'Z' || text[^1] == 'z'))
        {
            return true;
        }

        // ...T12:00:00+01:00 / -05:00: a sign six characters from the end, after the time.
        return text.Length > 16 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':';
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    private static long OffsetOf(ReadOnlySpan<byte> utf8Json, long line, long column)
    {
        int offset = 0;
        for (long i = 0; i < line; i++)
        {
            int next = utf8Json[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return utf8Json.Length;
            }

            offset += next + 1;
        }

        return Math.Min(utf8Json.Length, offset + column);
    }

    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        internal static readonly NullBufferWriter Instance = new();

        public void Advance(int count) => throw new InvalidOperationException("The JSON writer is not in use.");

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new InvalidOperationException("The JSON writer is not in use.");

        public Span<byte> GetSpan(int sizeHint = 0) => throw new InvalidOperationException("The JSON writer is not in use.");
    }
}
