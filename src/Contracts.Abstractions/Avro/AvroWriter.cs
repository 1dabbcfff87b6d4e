using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Contracts.Exceptions;
using Contracts.Internal;

namespace Contracts.Avro;

/// <summary>
/// Writes the Avro binary encoding (specification 1.12) straight into an
/// <see cref="IBufferWriter{T}"/>, without allocating. Generated codecs call one method per schema
/// node; nothing here knows a schema.
/// </summary>
/// <remarks>
/// Bytes are committed to the output in chunks: call <see cref="Flush"/> once the value is written.
/// A <see langword="ref struct"/> so that it lives on the stack; pass it by <see langword="ref"/>.
/// </remarks>
public ref struct AvroWriter
{
    private const int MinimumBufferSize = 256;

    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private long _committed;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    /// <param name="output">Where the encoded bytes go.</param>
    public AvroWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _span = default;
        _buffered = 0;
        _committed = 0;
    }

    /// <summary>Total bytes written so far, flushed or not.</summary>
    public readonly long BytesWritten => _committed + _buffered;

    /// <summary>Commits the buffered bytes to the output (<see cref="IBufferWriter{T}.Advance"/>).</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _committed += _buffered;
            _buffered = 0;
        }

        _span = default;
    }

    /// <summary>Writes an Avro <c>null</c>: zero bytes. Exists so generated code mirrors the schema.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void WriteNull()
    {
    }

    /// <summary>Writes a <c>boolean</c>: one byte, 0 or 1.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBoolean(bool value)
    {
        Ensure(1);
        Unsafe.Add(ref MemoryMarshal.GetReference(_span), _buffered++) = value ? (byte)1 : (byte)0;
    }

    /// <summary>Writes an <c>int</c> as a zig-zag varint (1 to 5 bytes).</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt(int value) => WriteVarint((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes a <c>long</c> as a zig-zag varint (1 to 10 bytes).</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteLong(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a <c>float</c>: 4 bytes, little-endian IEEE 754 (NaN payloads kept).</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFloat(float value)
    {
        Ensure(sizeof(float));
        BinaryPrimitives.WriteSingleLittleEndian(_span.Slice(_buffered), value);
        _buffered += sizeof(float);
    }

    /// <summary>Writes a <c>double</c>: 8 bytes, little-endian IEEE 754 (NaN payloads kept).</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteDouble(double value)
    {
        Ensure(sizeof(double));
        BinaryPrimitives.WriteDoubleLittleEndian(_span.Slice(_buffered), value);
        _buffered += sizeof(double);
    }

    /// <summary>Writes <c>bytes</c>: the length as a long, then the bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteRaw(value);
    }

    /// <summary>
    /// Writes a <c>string</c>: the UTF-8 byte length as a long, then the UTF-8 bytes, encoded
    /// directly into the output. Lone surrogates become U+FFFD, as <see cref="Encoding.UTF8"/> does.
    /// </summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= ShortStringChars)
        {
            WriteShortString(value);
        }
        else
        {
            WriteLongString(value);
        }
    }

    /// <inheritdoc cref="WriteString(string)"/>
    public void WriteString(ReadOnlySpan<char> value)
    {
        if (value.Length <= ShortStringChars)
        {
            WriteShortString(value);
        }
        else
        {
            WriteLongString(value);
        }
    }

    // Up to 21 chars need at most 63 UTF-8 bytes, so the length prefix is one byte and the text can
    // be encoded in place before its length is known.
    private const int ShortStringChars = 21;

    private void WriteShortString(ReadOnlySpan<char> value)
    {
        Ensure(1 + (ShortStringChars * 3));
        Span<byte> destination = _span.Slice(_buffered + 1);
        Utf8.FromUtf16(value, destination, out _, out int written, replaceInvalidSequences: true);
        _span[_buffered] = (byte)(written << 1);
        _buffered += 1 + written;
    }

    private void WriteLongString(ReadOnlySpan<char> value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLong(byteCount);
        while (true)
        {
            Ensure(Math.Min(byteCount, 4096));
            OperationStatus status = Utf8.FromUtf16(value, _span.Slice(_buffered), out int read, out int written, replaceInvalidSequences: true);
            _buffered += written;
            byteCount -= written;
            if (status == OperationStatus.Done)
            {
                return;
            }

            value = value.Slice(read);
            Flush();
        }
    }

    /// <summary>Writes a <c>string</c> from text that is already UTF-8 encoded (not validated).</summary>
    /// <param name="utf8">The UTF-8 bytes.</param>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8) => WriteBytes(utf8);

    /// <summary>Writes a <c>fixed</c>: exactly <paramref name="size"/> bytes, no length.</summary>
    /// <param name="value">The bytes.</param>
    /// <param name="size">The schema's size.</param>
    /// <exception cref="AvroEncodeException"><paramref name="value"/> is not <paramref name="size"/> bytes long.</exception>
    public void WriteFixed(ReadOnlySpan<byte> value, int size)
    {
        if (value.Length != size)
        {
            throw new AvroEncodeException($"fixed({size}) value has {value.Length} bytes.");
        }

        WriteRaw(value);
    }

    /// <summary>Writes an <c>enum</c> symbol as its zero-based ordinal (an int).</summary>
    /// <param name="ordinal">The symbol's position in the schema.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteEnum(int ordinal) => WriteInt(ordinal);

    /// <summary>Writes the zero-based index of the union branch that follows (a long).</summary>
    /// <param name="index">The branch index.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUnionIndex(int index) => WriteLong(index);

    /// <summary>
    /// Starts an array or map of <paramref name="count"/> items: writes one block count when the
    /// collection is non-empty and nothing when it is empty, as Apache.Avro does. Write the items
    /// (for a map: key string, then value) and then call <see cref="WriteCollectionEnd"/>.
    /// </summary>
    /// <param name="count">Number of items.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteCollectionStart(int count)
    {
        if (count != 0)
        {
            WriteLong(count);
        }
    }

    /// <summary>Ends an array or map: the zero block count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteCollectionEnd()
    {
        Ensure(1);
        Unsafe.Add(ref MemoryMarshal.GetReference(_span), _buffered++) = 0;
    }

    /// <summary>
    /// Writes a two-branch union of <c>null</c> and <c>string</c>: the branch index, then the string when there is
    /// one (what generated codecs call for a nullable string field).
    /// </summary>
    /// <param name="value">The value, or null.</param>
    /// <param name="nullIndex">The index of the <c>null</c> branch (0 or 1).</param>
    public void WriteNullableString(string? value, int nullIndex)
    {
        if (value is null)
        {
            WriteUnionIndex(nullIndex);
        }
        else
        {
            WriteUnionIndex(1 - nullIndex);
            WriteString(value);
        }
    }

    /// <summary>Writes an array of strings: one block of all the items, then the end (what generated codecs call).</summary>
    /// <param name="items">The items.</param>
    public void WriteStringArray(System.Collections.Generic.IReadOnlyList<string> items)
    {
        WriteCollectionStart(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            WriteString(items[i]);
        }

        WriteCollectionEnd();
    }

    /// <summary>Writes <c>uuid</c> on <c>string</c>: the 36-character canonical lowercase form.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUuidAsString(Guid value)
    {
        Ensure(37);
        _span[_buffered] = 36 << 1;
        value.TryFormat(_span.Slice(_buffered + 1, 36), out _); // default format is "D", lowercase
        _buffered += 37;
    }

    /// <summary>Writes <c>uuid</c> on <c>fixed(16)</c>: the RFC 4122 (big-endian) byte order.</summary>
    /// <param name="value">The value.</param>
    public void WriteUuidAsFixed(Guid value)
    {
        Ensure(16);
        value.TryWriteBytes(_span.Slice(_buffered, 16), bigEndian: true, out _);
        _buffered += 16;
    }

    /// <summary>Writes <c>date</c>: days since 1970-01-01 as an int.</summary>
    /// <param name="value">The value.</param>
    public void WriteDate(DateOnly value) => WriteInt(value.DayNumber - UnixEpoch.DayNumber);

    /// <summary>Writes <c>time-millis</c>: milliseconds after midnight as an int (sub-millisecond ticks are truncated).</summary>
    /// <param name="value">The value.</param>
    public void WriteTimeMillis(TimeOnly value) => WriteInt((int)(value.Ticks / TimeSpan.TicksPerMillisecond));

    /// <summary>Writes <c>time-micros</c>: microseconds after midnight as a long (the last tick digit is truncated).</summary>
    /// <param name="value">The value.</param>
    public void WriteTimeMicros(TimeOnly value) => WriteLong(value.Ticks / UnixEpoch.TicksPerMicrosecond);

    /// <summary>Writes <c>timestamp-millis</c>: milliseconds since the Unix epoch (UTC) as a long, rounded toward the past.</summary>
    /// <param name="value">The instant; its offset is honoured.</param>
    public void WriteTimestampMillis(DateTimeOffset value) =>
        WriteLong(UnixEpoch.FloorDiv(value.UtcTicks - UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond));

    /// <summary>Writes <c>timestamp-micros</c>: microseconds since the Unix epoch (UTC) as a long, rounded toward the past.</summary>
    /// <param name="value">The instant; its offset is honoured.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteTimestampMicros(DateTimeOffset value) =>
        WriteLong(UnixEpoch.FloorDiv(value.UtcTicks - UnixEpoch.Ticks, UnixEpoch.TicksPerMicrosecond));

    /// <summary>Writes <c>local-timestamp-millis</c>: the wall-clock value as milliseconds since 1970-01-01T00:00 (no time zone; <see cref="DateTime.Kind"/> is ignored).</summary>
    /// <param name="value">The wall-clock date and time.</param>
    public void WriteLocalTimestampMillis(DateTime value) =>
        WriteLong(UnixEpoch.FloorDiv(value.Ticks - UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond));

    /// <summary>Writes <c>local-timestamp-micros</c>: the wall-clock value as microseconds since 1970-01-01T00:00 (no time zone; <see cref="DateTime.Kind"/> is ignored).</summary>
    /// <param name="value">The wall-clock date and time.</param>
    public void WriteLocalTimestampMicros(DateTime value) =>
        WriteLong(UnixEpoch.FloorDiv(value.Ticks - UnixEpoch.Ticks, UnixEpoch.TicksPerMicrosecond));

    /// <summary>
    /// Writes <c>decimal(precision, scale)</c> on <c>bytes</c>: the unscaled value as a minimal
    /// big-endian two's-complement integer.
    /// </summary>
    /// <param name="value">The value; trailing zeros beyond <paramref name="scale"/> are fine, other extra digits are not.</param>
    /// <param name="precision">The schema's precision.</param>
    /// <param name="scale">The schema's scale.</param>
    /// <exception cref="AvroEncodeException">The value is out of range for decimal(precision, scale).</exception>
    public void WriteDecimal(decimal value, int precision, int scale)
    {
        if (DecimalScaling.TryToUnscaled64(value, precision, scale, out long small))
        {
            int smallLength = DecimalScaling.TwosComplementLength(small);
            Ensure(9);
            ref byte prefix = ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), _buffered);
            prefix = (byte)(smallLength << 1);
            DecimalScaling.WriteBigEndian(small, _span.Slice(_buffered + 1, 8), smallLength);
            _buffered += 1 + smallLength;
            return;
        }

        UInt128 magnitude = DecimalScaling.ToUnscaled(value, precision, scale, out bool negative);
        Ensure(1 + DecimalScaling.MaxUnscaledBytes);
        int length = DecimalScaling.WriteTwosComplement(magnitude, negative, _span.Slice(_buffered + 1));
        _span[_buffered] = (byte)(length << 1);
        _buffered += 1 + length;
    }

    /// <summary>
    /// Writes <c>decimal(precision, scale)</c> on <c>fixed(size)</c>: the unscaled value as a
    /// big-endian two's-complement integer sign-extended to <paramref name="size"/> bytes.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="precision">The schema's precision.</param>
    /// <param name="scale">The schema's scale.</param>
    /// <param name="size">The fixed size.</param>
    /// <exception cref="AvroEncodeException">The value is out of range for decimal(precision, scale) or does not fit the fixed size.</exception>
    public void WriteDecimalAsFixed(decimal value, int precision, int scale, int size)
    {
        UInt128 magnitude = DecimalScaling.ToUnscaled(value, precision, scale, out bool negative);
        Span<byte> unscaled = stackalloc byte[DecimalScaling.MaxUnscaledBytes];
        int length = DecimalScaling.WriteTwosComplement(magnitude, negative, unscaled);
        if (length > size)
        {
            throw DecimalScaling.OutOfRange(value, precision, scale, $"its unscaled value needs {length} bytes and the fixed size is {size}");
        }

        Ensure(size);
        Span<byte> destination = _span.Slice(_buffered, size);
        destination[..(size - length)].Fill(negative && magnitude != 0 ? (byte)0xFF : (byte)0);
        unscaled[..length].CopyTo(destination[(size - length)..]);
        _buffered += size;
    }

    /// <summary>Writes <c>duration</c> on <c>fixed(12)</c>: months, days, milliseconds as little-endian uint32.</summary>
    /// <param name="value">The value.</param>
    public void WriteDuration(AvroDuration value)
    {
        Ensure(12);
        Span<byte> destination = _span.Slice(_buffered, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, value.Months);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], value.Days);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], value.Milliseconds);
        _buffered += 12;
    }

    /// <summary>
    /// Writes the single-object encoding header: <c>C3 01</c> and the 8-byte little-endian
    /// CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form. The body follows.
    /// </summary>
    /// <param name="fingerprint">The schema fingerprint (<see cref="ContractInfo.Fingerprint"/>).</param>
    public void WriteSingleObjectHeader(ulong fingerprint)
    {
        Ensure(AvroSingleObject.HeaderLength);
        Span<byte> destination = _span.Slice(_buffered, AvroSingleObject.HeaderLength);
        destination[0] = AvroSingleObject.Marker0;
        destination[1] = AvroSingleObject.Marker1;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[2..], fingerprint);
        _buffered += AvroSingleObject.HeaderLength;
    }

    /// <summary>Copies bytes as they are (no length prefix).</summary>
    /// <param name="value">The bytes.</param>
    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        while (true)
        {
            int available = _span.Length - _buffered;
            if (value.Length <= available)
            {
                value.CopyTo(_span.Slice(_buffered));
                _buffered += value.Length;
                return;
            }

            value[..available].CopyTo(_span.Slice(_buffered));
            _buffered += available;
            value = value.Slice(available);
            Grow(Math.Min(value.Length, 4096));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarint(uint value)
    {
        Ensure(5);
        ref byte destination = ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), _buffered);
        int count = 0;
        while (value >= 0x80)
        {
            Unsafe.Add(ref destination, count++) = (byte)(value | 0x80);
            value >>= 7;
        }

        Unsafe.Add(ref destination, count++) = (byte)value;
        _buffered += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarint(ulong value)
    {
        Ensure(10);
        ref byte destination = ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), _buffered);
        int count = 0;
        while (value >= 0x80)
        {
            Unsafe.Add(ref destination, count++) = (byte)(value | 0x80);
            value >>= 7;
        }

        Unsafe.Add(ref destination, count++) = (byte)value;
        _buffered += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if ((uint)(_span.Length - _buffered) < (uint)count)
        {
            Grow(count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        Flush();
        _span = _output.GetSpan(Math.Max(count, MinimumBufferSize));
        if (_span.Length < count)
        {
            throw new InvalidOperationException($"The output IBufferWriter returned {_span.Length} bytes when at least {count} were requested.");
        }
    }
}
