using System;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Contracts.Exceptions;
using Contracts.Internal;

namespace Contracts.Avro;

/// <summary>
/// Reads the Avro binary encoding (specification 1.12) from a span, safely on untrusted input:
/// every failure is an <see cref="AvroDecodeException"/> carrying the byte offset; lengths and
/// counts are checked against the remaining input and <see cref="DecodeLimits"/> before anything
/// is allocated or looped over.
/// </summary>
/// <remarks>A <see langword="ref struct"/>: pass it by <see langword="ref"/>.</remarks>
public ref struct AvroReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _maxStringBytes;
    private readonly int _maxBytesLength;
    private readonly int _maxCollectionItems;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader with <see cref="DecodeLimits.Default"/>.</summary>
    /// <param name="buffer">The encoded input; offsets in exceptions are relative to its start.</param>
    public AvroReader(ReadOnlySpan<byte> buffer)
        : this(buffer, DecodeLimits.Default)
    {
    }

    /// <summary>Creates a reader with the given limits.</summary>
    /// <param name="buffer">The encoded input; offsets in exceptions are relative to its start.</param>
    /// <param name="limits">The limits to enforce.</param>
    public AvroReader(ReadOnlySpan<byte> buffer, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _buffer = buffer;
        _maxStringBytes = limits.MaxStringBytes;
        _maxBytesLength = limits.MaxBytesLength;
        _maxCollectionItems = limits.MaxCollectionItems;
        _maxDepth = limits.MaxDepth;
        _position = 0;
        _depth = 0;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Number of bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Current nesting depth (see <see cref="EnterNested"/>).</summary>
    public readonly int Depth => _depth;

    /// <summary>Throws when bytes remain after the message: a message is exactly one value.</summary>
    /// <exception cref="AvroDecodeException">Trailing bytes follow the value.</exception>
    public readonly void EnsureEnd()
    {
        if (_position != _buffer.Length)
        {
            throw new AvroDecodeException(_position, $"{_buffer.Length - _position} trailing byte(s) after the end of the message");
        }
    }

    /// <summary>
    /// Enters a nested value (record, array, map or union in a recursive schema); throws when the
    /// depth exceeds <see cref="DecodeLimits.MaxDepth"/>. Pair with <see cref="ExitNested"/>.
    /// </summary>
    /// <exception cref="AvroDecodeException">Nesting is too deep.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnterNested()
    {
        if (++_depth > _maxDepth)
        {
            ThrowTooDeep();
        }
    }

    /// <summary>Leaves a nested value entered with <see cref="EnterNested"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitNested() => _depth--;

    /// <summary>Reads an Avro <c>null</c>: zero bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void ReadNull()
    {
    }

    /// <summary>Reads a <c>boolean</c>: one byte that must be 0 or 1.</summary>
    /// <exception cref="AvroDecodeException">Truncated input, or a byte other than 0 or 1.</exception>
    public bool ReadBoolean()
    {
        int position = _position;
        if ((uint)position >= (uint)_buffer.Length)
        {
            ThrowTruncated(position, 1, "boolean");
        }

        byte value = _buffer[position];
        if (value > 1)
        {
            throw new AvroDecodeException(position, $"boolean byte must be 0 or 1, found {value}");
        }

        _position = position + 1;
        return value == 1;
    }

    /// <summary>Reads an <c>int</c>: a zig-zag varint of at most 5 bytes whose value fits 32 bits.</summary>
    /// <exception cref="AvroDecodeException">Truncated input, or a varint longer than an int allows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt()
    {
        int position = _position;
        ReadOnlySpan<byte> buffer = _buffer;
        if ((uint)position < (uint)buffer.Length)
        {
            uint first = buffer[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return (int)(first >> 1) ^ -(int)(first & 1);
            }
        }

        return ReadIntSlow();
    }

    /// <summary>Reads a <c>long</c>: a zig-zag varint of at most 10 bytes whose value fits 64 bits.</summary>
    /// <exception cref="AvroDecodeException">Truncated input, or a varint longer than a long allows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        int position = _position;
        ReadOnlySpan<byte> buffer = _buffer;
        if ((uint)position < (uint)buffer.Length)
        {
            ulong first = buffer[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return (long)(first >> 1) ^ -(long)(first & 1);
            }
        }

        return ReadLongSlow();
    }

    /// <summary>Reads a <c>float</c>: 4 little-endian bytes.</summary>
    /// <exception cref="AvroDecodeException">Truncated input.</exception>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(sizeof(float), "float"));

    /// <summary>Reads a <c>double</c>: 8 little-endian bytes.</summary>
    /// <exception cref="AvroDecodeException">Truncated input.</exception>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double), "double"));

    /// <summary>Reads <c>bytes</c> into a new array sized by the checked length.</summary>
    /// <exception cref="AvroDecodeException">Negative length, length beyond the input or <see cref="DecodeLimits.MaxBytesLength"/>.</exception>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads <c>bytes</c> without copying: the result is a slice of the input.</summary>
    /// <exception cref="AvroDecodeException">Negative length, length beyond the input or <see cref="DecodeLimits.MaxBytesLength"/>.</exception>
    public ReadOnlySpan<byte> ReadBytesSpan()
    {
        int start = _position;
        int length = ReadLength(_maxBytesLength, "bytes");
        return Advance(length);
    }

    /// <summary>Reads a <c>string</c>; the UTF-8 must be valid.</summary>
    /// <exception cref="AvroDecodeException">Bad length, or invalid UTF-8.</exception>
    public string ReadString()
    {
        int length = ReadLength(_maxStringBytes, "string");
        ReadOnlySpan<byte> utf8 = Advance(length);
        if (length == 0)
        {
            return string.Empty;
        }

        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw InvalidUtf8(_position - utf8.Length, utf8);
        }
    }

    /// <summary>
    /// Reads a two-branch union of <c>null</c> and <c>string</c> (what generated codecs call for a nullable string
    /// field): the branch index, checked, then the string or null.
    /// </summary>
    /// <param name="nullIndex">The index of the <c>null</c> branch (0 or 1).</param>
    /// <exception cref="AvroDecodeException">A branch index other than 0 or 1, or a bad string.</exception>
    public string? ReadNullableString(int nullIndex) => ReadUnionIndex(2) == nullIndex ? null : ReadString();

    /// <summary>
    /// Reads an array of strings (what generated codecs call): its blocks, one nesting level deeper, each count
    /// checked as <see cref="ReadBlockCount"/> does.
    /// </summary>
    /// <exception cref="AvroDecodeException">A bad block count, too deep, or a bad string.</exception>
    public System.Collections.Generic.List<string> ReadStringList()
    {
        var list = new System.Collections.Generic.List<string>();
        long seen = 0;
        EnterNested();
        for (int n = ReadBlockCount(ref seen, 1); n != 0; n = ReadBlockCount(ref seen, 1))
        {
            list.EnsureCapacity(list.Count + n);
            for (int i = 0; i < n; i++)
            {
                list.Add(ReadString());
            }
        }

        ExitNested();
        return list;
    }

    /// <summary>Reads a <c>string</c> as its UTF-8 bytes without copying (a slice of the input).</summary>
    /// <param name="validate">Whether to check that the bytes are valid UTF-8.</param>
    /// <exception cref="AvroDecodeException">Bad length, or invalid UTF-8 when <paramref name="validate"/> is set.</exception>
    public ReadOnlySpan<byte> ReadStringUtf8(bool validate = true)
    {
        int start = _position;
        int length = ReadLength(_maxStringBytes, "string");
        ReadOnlySpan<byte> utf8 = Advance(length);
        if (validate && !System.Text.Unicode.Utf8.IsValid(utf8))
        {
            throw InvalidUtf8(_position - utf8.Length, utf8);
        }

        return utf8;
    }

    /// <summary>Skips a <c>string</c> or <c>bytes</c> value (a writer field the reader schema does not have).</summary>
    /// <exception cref="AvroDecodeException">Bad length.</exception>
    public void SkipBytes()
    {
        int start = _position;
        int length = ReadLength(int.MaxValue, "bytes");
        Advance(length);
    }

    /// <summary>Reads a <c>fixed</c> of <paramref name="size"/> bytes without copying.</summary>
    /// <param name="size">The schema's size.</param>
    /// <exception cref="AvroDecodeException">Truncated input.</exception>
    public ReadOnlySpan<byte> ReadFixed(int size) => Take(size, "fixed");

    /// <summary>Reads an <c>enum</c> ordinal and checks it against the number of symbols.</summary>
    /// <param name="symbolCount">Number of symbols in the writer schema.</param>
    /// <exception cref="AvroDecodeException">The ordinal is negative or not below <paramref name="symbolCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadEnum(int symbolCount)
    {
        int start = _position;
        int ordinal = ReadInt();
        if ((uint)ordinal >= (uint)symbolCount)
        {
            ThrowOutOfRange(start, "enum ordinal", ordinal, symbolCount);
        }

        return ordinal;
    }

    /// <summary>Reads a union branch index and checks it against the number of branches.</summary>
    /// <param name="branchCount">Number of branches in the writer schema's union.</param>
    /// <exception cref="AvroDecodeException">The index is negative or not below <paramref name="branchCount"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUnionIndex(int branchCount)
    {
        int start = _position;
        long index = ReadLong();
        if ((ulong)index >= (ulong)branchCount)
        {
            ThrowOutOfRange(start, "union branch index", index, branchCount);
        }

        return (int)index;
    }

    /// <summary>
    /// Reads the next array or map block header and returns its item count; 0 ends the collection.
    /// A negative count (followed by the block's byte size) is accepted as the specification allows.
    /// </summary>
    /// <param name="itemsRead">Items read so far in this collection: start at 0; updated here.</param>
    /// <param name="minItemBytes">
    /// Fewest bytes one item can take (1 for most types, 2 for map entries, 0 for <c>null</c>); the
    /// count is checked against the remaining input with it, so it is then a safe capacity for a list.
    /// </param>
    /// <exception cref="AvroDecodeException">
    /// The count exceeds <see cref="DecodeLimits.MaxCollectionItems"/> or cannot fit in the remaining input.
    /// </exception>
    /// <example>
    /// <code>
    /// long seen = 0;
    /// for (int n = reader.ReadBlockCount(ref seen, 1); n != 0; n = reader.ReadBlockCount(ref seen, 1))
    ///     for (int i = 0; i &lt; n; i++) list.Add(reader.ReadInt());
    /// </code>
    /// </example>
    public int ReadBlockCount(ref long itemsRead, int minItemBytes)
    {
        int start = _position;
        long count = ReadLong();
        if (count == 0)
        {
            return 0;
        }

        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw new AvroDecodeException(start, "block count is out of range");
            }

            count = -count;
            int sizeStart = _position;
            long size = ReadLong();
            if (size < 0 || size > Remaining)
            {
                throw new AvroDecodeException(sizeStart, $"block byte size {size} is negative or exceeds the {Remaining} remaining byte(s)");
            }
        }

        if (count > _maxCollectionItems - itemsRead)
        {
            throw new AvroDecodeException(start, $"collection has more than the {_maxCollectionItems} items allowed (DecodeLimits.MaxCollectionItems)");
        }

        if (minItemBytes > 0 && count > Remaining / minItemBytes)
        {
            throw new AvroDecodeException(start, $"block claims {count} item(s) but only {Remaining} byte(s) remain");
        }

        itemsRead += count;
        return (int)count;
    }

    /// <summary>Reads <c>uuid</c> on <c>string</c>: 36 characters in the canonical 8-4-4-4-12 form (either case).</summary>
    /// <exception cref="AvroDecodeException">The string is not a canonical UUID.</exception>
    public Guid ReadUuidFromString()
    {
        int start = _position;
        int length = ReadLength(_maxStringBytes, "string");
        ReadOnlySpan<byte> text = Advance(length);
        if (length != 36 || !Utf8Parser.TryParse(text, out Guid value, out int consumed, 'D') || consumed != 36)
        {
            throw new AvroDecodeException(start, $"uuid string is not in the 36-character canonical form (length {length})");
        }

        return value;
    }

    /// <summary>Reads <c>uuid</c> on <c>fixed(16)</c> in RFC 4122 (big-endian) byte order.</summary>
    /// <exception cref="AvroDecodeException">Truncated input.</exception>
    public Guid ReadUuidFromFixed() => new(Take(16, "uuid fixed(16)"), bigEndian: true);

    /// <summary>Reads <c>date</c>: days since 1970-01-01.</summary>
    /// <exception cref="AvroDecodeException">The day is outside <see cref="DateOnly"/>'s range.</exception>
    public DateOnly ReadDate()
    {
        int start = _position;
        long dayNumber = (long)ReadInt() + UnixEpoch.DayNumber;
        if ((ulong)dayNumber > (ulong)DateOnly.MaxValue.DayNumber)
        {
            throw new AvroDecodeException(start, $"date {dayNumber - UnixEpoch.DayNumber} is outside the range of DateOnly (0001-01-01 to 9999-12-31)");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    /// <summary>Reads <c>time-millis</c>: milliseconds after midnight.</summary>
    /// <exception cref="AvroDecodeException">The value is not within one day.</exception>
    public TimeOnly ReadTimeMillis()
    {
        int start = _position;
        int value = ReadInt();
        if ((uint)value >= 86_400_000u)
        {
            throw new AvroDecodeException(start, $"time-millis {value} is not within 0 and 86399999");
        }

        return new TimeOnly(value * TimeSpan.TicksPerMillisecond);
    }

    /// <summary>Reads <c>time-micros</c>: microseconds after midnight.</summary>
    /// <exception cref="AvroDecodeException">The value is not within one day.</exception>
    public TimeOnly ReadTimeMicros()
    {
        int start = _position;
        long value = ReadLong();
        if ((ulong)value >= 86_400_000_000ul)
        {
            throw new AvroDecodeException(start, $"time-micros {value} is not within 0 and 86399999999");
        }

        return new TimeOnly(value * UnixEpoch.TicksPerMicrosecond);
    }

    /// <summary>Reads <c>timestamp-millis</c> as a UTC <see cref="DateTimeOffset"/>.</summary>
    /// <exception cref="AvroDecodeException">The instant is outside <see cref="DateTimeOffset"/>'s range.</exception>
    public DateTimeOffset ReadTimestampMillis() =>
        new(ReadEpochTicks(UnixEpoch.MinMillis, UnixEpoch.MaxMillis, TimeSpan.TicksPerMillisecond, "timestamp-millis"), TimeSpan.Zero);

    /// <summary>Reads <c>timestamp-micros</c> as a UTC <see cref="DateTimeOffset"/>.</summary>
    /// <exception cref="AvroDecodeException">The instant is outside <see cref="DateTimeOffset"/>'s range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DateTimeOffset ReadTimestampMicros() =>
        new(ReadEpochTicks(UnixEpoch.MinMicros, UnixEpoch.MaxMicros, UnixEpoch.TicksPerMicrosecond, "timestamp-micros"), TimeSpan.Zero);

    /// <summary>Reads <c>local-timestamp-millis</c> as a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>.</summary>
    /// <exception cref="AvroDecodeException">The value is outside <see cref="DateTime"/>'s range.</exception>
    public DateTime ReadLocalTimestampMillis() =>
        new(ReadEpochTicks(UnixEpoch.MinMillis, UnixEpoch.MaxMillis, TimeSpan.TicksPerMillisecond, "local-timestamp-millis"), DateTimeKind.Unspecified);

    /// <summary>Reads <c>local-timestamp-micros</c> as a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>.</summary>
    /// <exception cref="AvroDecodeException">The value is outside <see cref="DateTime"/>'s range.</exception>
    public DateTime ReadLocalTimestampMicros() =>
        new(ReadEpochTicks(UnixEpoch.MinMicros, UnixEpoch.MaxMicros, UnixEpoch.TicksPerMicrosecond, "local-timestamp-micros"), DateTimeKind.Unspecified);

    /// <summary>Reads <c>decimal</c> on <c>bytes</c> with the schema's scale.</summary>
    /// <param name="scale">The schema's scale.</param>
    /// <exception cref="AvroDecodeException">Bad length, or a value <see cref="decimal"/> cannot hold exactly.</exception>
    public decimal ReadDecimal(int scale)
    {
        int start = _position;
        int length = ReadLength(_maxBytesLength, "decimal bytes");
        return ToDecimal(start, Advance(length), scale);
    }

    /// <summary>Reads <c>decimal</c> on <c>fixed(size)</c> with the schema's scale.</summary>
    /// <param name="size">The fixed size.</param>
    /// <param name="scale">The schema's scale.</param>
    /// <exception cref="AvroDecodeException">Truncated input, or a value <see cref="decimal"/> cannot hold exactly.</exception>
    public decimal ReadDecimalFromFixed(int size, int scale)
    {
        int start = _position;
        return ToDecimal(start, Take(size, "decimal fixed"), scale);
    }

    /// <summary>Reads <c>duration</c> on <c>fixed(12)</c>.</summary>
    /// <exception cref="AvroDecodeException">Truncated input.</exception>
    public AvroDuration ReadDuration()
    {
        ReadOnlySpan<byte> bytes = Take(12, "duration fixed(12)");
        return new AvroDuration(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
    }

    /// <summary>Reads a single-object header and returns the writer schema's fingerprint.</summary>
    /// <exception cref="AvroDecodeException">The header is missing or truncated.</exception>
    public ulong ReadSingleObjectHeader()
    {
        int start = _position;
        ReadOnlySpan<byte> rest = _buffer.Slice(start);
        if (!AvroSingleObject.TryPeekFingerprint(rest, out ulong fingerprint))
        {
            throw AvroSingleObject.MissingHeader(rest, start);
        }

        _position = start + AvroSingleObject.HeaderLength;
        return fingerprint;
    }

    /// <summary>Reads a single-object header and checks its fingerprint.</summary>
    /// <param name="expectedFingerprint">The fingerprint of the schema this reader decodes.</param>
    /// <exception cref="AvroFingerprintMismatchException">The message was written with another schema.</exception>
    /// <exception cref="AvroDecodeException">The header is missing or truncated.</exception>
    public void ReadSingleObjectHeader(ulong expectedFingerprint)
    {
        int start = _position;
        ulong actual = ReadSingleObjectHeader();
        if (actual != expectedFingerprint)
        {
            throw new AvroFingerprintMismatchException(start + 2, expectedFingerprint, actual);
        }
    }

    private readonly AvroDecodeException InvalidUtf8(int start, ReadOnlySpan<byte> utf8)
    {
        int index = 0;
        while (index < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[index..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            index += consumed;
        }

        return new AvroDecodeException(start + index, "string is not valid UTF-8");
    }

    private static decimal ToDecimal(int start, ReadOnlySpan<byte> bytes, int scale)
    {
        string? problem = DecimalScaling.TryFromTwosComplement(bytes, scale, out decimal value);
        if (problem is not null)
        {
            throw new AvroDecodeException(start, $"decimal value cannot be read: {problem}");
        }

        return value;
    }

    private long ReadEpochTicks(long min, long max, long ticksPerUnit, string type)
    {
        int start = _position;
        long value = ReadLong();
        if (value < min || value > max)
        {
            throw new AvroDecodeException(start, $"{type} {value} is outside the range of DateTime (0001-01-01 to 9999-12-31)");
        }

        return UnixEpoch.Ticks + (value * ticksPerUnit);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadLength(int limit, string type)
    {
        int start = _position;
        long length = ReadLong();
        if ((ulong)length > (ulong)Math.Min(limit, _buffer.Length - _position))
        {
            ThrowBadLength(start, length, limit, type);
        }

        return (int)length;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowBadLength(int start, long length, int limit, string type)
    {
        int remaining = _buffer.Length - _position;
        if (length < 0)
        {
            throw new AvroDecodeException(start, $"{type} length {length} is negative");
        }

        if (length > remaining)
        {
            throw new AvroDecodeException(start, $"{type} length {length} exceeds the {remaining} remaining byte(s)");
        }

        throw new AvroDecodeException(start, $"{type} length {length} exceeds the limit of {limit} bytes");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Advance(int length)
    {
        ReadOnlySpan<byte> slice = _buffer.Slice(_position, length);
        _position += length;
        return slice;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count, string type)
    {
        int position = _position;
        if ((uint)count > (uint)(_buffer.Length - position))
        {
            ThrowTruncated(position, count, type);
        }

        _position = position + count;
        return _buffer.Slice(position, count);
    }

    private int ReadIntSlow()
    {
        int start = _position;
        ReadOnlySpan<byte> buffer = _buffer;
        int position = start;
        uint result = 0;
        for (int i = 0; ; i++)
        {
            if (position >= buffer.Length)
            {
                ThrowTruncated(start, i + 1, "int");
            }

            uint b = buffer[position++];
            if (i == 4 && b > 0x0F)
            {
                throw new AvroDecodeException(start, "int varint is longer than 5 bytes or overflows 32 bits");
            }

            result |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                break;
            }
        }

        _position = position;
        return (int)(result >> 1) ^ -(int)(result & 1);
    }

    private long ReadLongSlow()
    {
        int start = _position;
        ReadOnlySpan<byte> buffer = _buffer;
        int position = start;
        ulong result = 0;
        for (int i = 0; ; i++)
        {
            if (position >= buffer.Length)
            {
                ThrowTruncated(start, i + 1, "long");
            }

            ulong b = buffer[position++];
            if (i == 9 && b > 0x01)
            {
                throw new AvroDecodeException(start, "long varint is longer than 10 bytes or overflows 64 bits");
            }

            result |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                break;
            }
        }

        _position = position;
        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated(int start, int needed, string type) =>
        throw new AvroDecodeException(start, $"input ends inside a {type}: {needed} byte(s) needed, {Math.Max(0, _buffer.Length - start)} remain");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(int start, string what, long value, int count) =>
        throw new AvroDecodeException(start, $"{what} {value} is out of range: the schema has {count}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooDeep() =>
        throw new AvroDecodeException(_position, $"nesting deeper than {_maxDepth} levels (DecodeLimits.MaxDepth)");
}
