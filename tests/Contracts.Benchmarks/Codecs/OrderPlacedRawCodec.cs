using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Contracts.Benchmarks.Codecs;

/// <summary>
/// The same OrderPlaced codec written by hand with raw span code: one GetSpan for the whole
/// message, local position, no per-value capacity checks. The practical speed limit; it checks far
/// less on read than AvroReader (no limits, no typed errors), so it is not safe on untrusted input.
/// </summary>
public static class OrderPlacedRawCodec
{
    private const long EpochTicks = 621_355_968_000_000_000;

    /// <summary>Encodes the body into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, OrderPlaced value)
    {
        Address address = value.ShippingAddress;
        List<LineItem> lines = value.Lines;
        int bound = 37 + 37 + 10 + 9 + 10 + 1 + 1 + MaxString(address.Street) + MaxString(address.City) + MaxString(address.PostalCode) + MaxString(address.Country) + MaxString(value.Note);
        foreach (LineItem line in lines)
        {
            bound += MaxString(line.Sku) + 5 + 9;
        }

        Span<byte> span = output.GetSpan(bound);
        int pos = 0;
        pos += Uuid(span, pos, value.OrderId);
        pos += Uuid(span, pos, value.CustomerId);
        long micros = (value.PlacedAt.UtcTicks - EpochTicks) / 10;
        pos += Varint(span, pos, (ulong)((micros << 1) ^ (micros >> 63)));
        pos += Money(span, pos, value.Total);
        if (lines.Count > 0)
        {
            pos += Varint(span, pos, (ulong)lines.Count << 1);
            foreach (LineItem line in lines)
            {
                pos += String(span, pos, line.Sku);
                int q = line.Quantity;
                pos += Varint(span, pos, (uint)((q << 1) ^ (q >> 31)));
                pos += Money(span, pos, line.UnitPrice);
            }
        }

        span[pos++] = 0;
        pos += String(span, pos, address.Street);
        pos += String(span, pos, address.City);
        pos += String(span, pos, address.PostalCode);
        pos += String(span, pos, address.Country);
        if (value.Note is null)
        {
            span[pos++] = 0;
        }
        else
        {
            span[pos++] = 2;
            pos += String(span, pos, value.Note);
        }

        output.Advance(pos);
    }

    /// <summary>Decodes the body.</summary>
    public static OrderPlaced Read(ReadOnlySpan<byte> span)
    {
        int pos = 0;
        var value = new OrderPlaced();
        value.OrderId = ReadUuid(span, ref pos);
        value.CustomerId = ReadUuid(span, ref pos);
        long micros = ReadLong(span, ref pos);
        value.PlacedAt = new DateTimeOffset(EpochTicks + (micros * 10), TimeSpan.Zero);
        value.Total = ReadMoney(span, ref pos);
        var lines = new List<LineItem>();
        for (long count = ReadLong(span, ref pos); count != 0; count = ReadLong(span, ref pos))
        {
            if (count < 0)
            {
                count = -count;
                ReadLong(span, ref pos);
            }

            for (long i = 0; i < count; i++)
            {
                lines.Add(new LineItem { Sku = ReadString(span, ref pos), Quantity = (int)ReadLong(span, ref pos), UnitPrice = ReadMoney(span, ref pos) });
            }
        }

        value.Lines = lines;
        value.ShippingAddress = new Address
        {
            Street = ReadString(span, ref pos),
            City = ReadString(span, ref pos),
            PostalCode = ReadString(span, ref pos),
            Country = ReadString(span, ref pos),
        };
        value.Note = ReadLong(span, ref pos) == 0 ? null : ReadString(span, ref pos);
        return value;
    }

    private static int MaxString(string? s) => s is null ? 0 : 5 + (s.Length * 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Varint(Span<byte> span, int pos, ulong n)
    {
        int start = pos;
        while (n >= 0x80)
        {
            span[pos++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[pos++] = (byte)n;
        return pos - start;
    }

    private static int Uuid(Span<byte> span, int pos, Guid value)
    {
        span[pos] = 72;
        value.TryFormat(span.Slice(pos + 1, 36), out _);
        return 37;
    }

    private static int String(Span<byte> span, int pos, string value)
    {
        if (value.Length <= 21)
        {
            Utf8.FromUtf16(value, span.Slice(pos + 1), out _, out int written);
            span[pos] = (byte)(written << 1);
            return written + 1;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        int prefix = Varint(span, pos, (ulong)count << 1);
        Encoding.UTF8.GetBytes(value, span.Slice(pos + prefix));
        return prefix + count;
    }

    private static int Money(Span<byte> span, int pos, decimal value)
    {
        // decimal(18,2): a scale-2 value with a 64-bit mantissa is the unscaled value as is.
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        long unscaled;
        if (bits[2] == 0 && ((bits[3] >> 16) & 0xFF) == 2)
        {
            ulong magnitude = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
            unscaled = bits[3] < 0 ? -(long)magnitude : (long)magnitude;
        }
        else
        {
            unscaled = (long)decimal.Round(value * 100m);
        }

        int length = (72 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(unscaled ^ (unscaled >> 63)))) >> 3;
        span[pos] = (byte)(length << 1);
        for (int i = length; i >= 1; i--)
        {
            span[pos + i] = (byte)unscaled;
            unscaled >>= 8;
        }

        return length + 1;
    }

    private static long ReadLong(ReadOnlySpan<byte> span, ref int pos)
    {
        ulong result = 0;
        int shift = 0;
        byte b;
        do
        {
            b = span[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return (long)(result >> 1) ^ -(long)(result & 1);
    }

    private static Guid ReadUuid(ReadOnlySpan<byte> span, ref int pos)
    {
        pos++;
        Utf8Parser.TryParse(span.Slice(pos, 36), out Guid value, out _, 'D');
        pos += 36;
        return value;
    }

    private static string ReadString(ReadOnlySpan<byte> span, ref int pos)
    {
        int length = (int)ReadLong(span, ref pos);
        string value = Encoding.UTF8.GetString(span.Slice(pos, length));
        pos += length;
        return value;
    }

    private static decimal ReadMoney(ReadOnlySpan<byte> span, ref int pos)
    {
        int length = (int)ReadLong(span, ref pos);
        long unscaled = (sbyte)span[pos];
        for (int i = 1; i < length; i++)
        {
            unscaled = (unscaled << 8) | span[pos + i];
        }

        pos += length;
        ulong magnitude = unscaled < 0 ? (ulong)(-unscaled) : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, unscaled < 0, 2);
    }
}
