using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Contracts.Exceptions;

namespace Contracts.Internal;

/// <summary>
/// Conversions between <see cref="decimal"/> and the unscaled two's-complement integer the Avro
/// <c>decimal(p,s)</c> logical type stores. Precision up to 38 fits <see cref="Int128"/>, which
/// is all a <see cref="decimal"/> can produce at a scale of 28 or less; wider precisions only change
/// the range check.
/// </summary>
internal static class DecimalScaling
{
    /// <summary>Largest number of bytes an unscaled value this library produces can need.</summary>
    internal const int MaxUnscaledBytes = 17;

    private static readonly UInt128[] s_pow10 = CreatePowersOfTen();

    private static UInt128[] CreatePowersOfTen()
    {
        var table = new UInt128[39];
        table[0] = 1;
        for (int i = 1; i < table.Length; i++)
        {
            table[i] = table[i - 1] * 10;
        }

        return table;
    }

    // Powers of ten that fit 64 bits. A static array, not a ReadOnlySpan property: unoptimised
    // (Debug) code allocates on every access to a collection-expression span of ulong.
    private static readonly ulong[] Pow10x64 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>
    /// The common case in 64-bit arithmetic: precision up to 18 and a 64-bit mantissa. Returns
    /// <see langword="false"/> when the slow path must decide; throws when the value is out of range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryToUnscaled64(decimal value, int precision, int scale, out long unscaled)
    {
        DecimalBits buffer = default;
        Span<int> bits = buffer;
        decimal.GetBits(value, bits);
        int valueScale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0 || (uint)precision > 18 || (uint)scale > (uint)precision || valueScale > scale)
        {
            unscaled = 0;
            return false;
        }

        ulong magnitude = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        int shift = scale - valueScale;
        if (magnitude >= Pow10x64[precision - shift])
        {
            ThrowTooManyIntegerDigits(value, precision, scale);
        }

        if (shift != 0)
        {
            magnitude *= Pow10x64[shift];
        }

        unscaled = bits[3] < 0 ? -(long)magnitude : (long)magnitude;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooManyIntegerDigits(decimal value, int precision, int scale) =>
        throw OutOfRange(value, precision, scale, $"it has more than {precision - scale} integer digits");

    /// <summary>The four 32-bit words of a decimal, without a stack allocation (so callers can be inlined).</summary>
    [InlineArray(4)]
    private struct DecimalBits
    {
        private int _element;
    }

    /// <summary>Number of bytes of the minimal two's-complement form of <paramref name="value"/> (1..8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int TwosComplementLength(long value) => (72 - BitOperations.LeadingZeroCount((ulong)(value ^ (value >> 63)))) >> 3;

    /// <summary>
    /// Writes the low <paramref name="length"/> bytes of <paramref name="value"/> big-endian as one
    /// 8-byte store; <paramref name="destination"/> must have 8 bytes, the ones past
    /// <paramref name="length"/> are scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteBigEndian(long value, Span<byte> destination, int length) =>
        BinaryPrimitives.WriteInt64BigEndian(destination, value << (64 - (8 * length)));

    /// <summary>Checks <paramref name="value"/> against decimal(precision, scale) and returns its unscaled magnitude.</summary>
    internal static UInt128 ToUnscaled(decimal value, int precision, int scale, out bool negative)
    {
        if (precision <= 0 || scale < 0 || scale > precision)
        {
            throw new AvroEncodeException($"decimal({precision},{scale}) is not a valid Avro decimal: precision must be positive and 0 <= scale <= precision.");
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        UInt128 magnitude = new((ulong)(uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        negative = bits[3] < 0;
        int valueScale = (bits[3] >> 16) & 0xFF;

        if (valueScale > scale)
        {
            // Only trailing zeros may be dropped: rounding would change the value silently.
            do
            {
                (UInt128 quotient, UInt128 remainder) = UInt128.DivRem(magnitude, 10);
                if (remainder != 0)
                {
                    throw OutOfRange(value, precision, scale, $"it has more than {scale} fractional digits");
                }

                magnitude = quotient;
                valueScale--;
            }
            while (valueScale > scale);
        }
        else if (valueScale < scale)
        {
            int shift = scale - valueScale;
            if (magnitude != 0)
            {
                // magnitude * 10^shift must stay below 10^min(precision, 38); beyond 38 digits Int128 ends first.
                int digits = Math.Min(precision, 38);
                if (shift >= digits || magnitude >= s_pow10[digits - shift])
                {
                    throw OutOfRange(value, precision, scale, $"it has more than {precision - scale} integer digits");
                }

                magnitude *= s_pow10[shift];
            }

            return magnitude;
        }

        if (precision < 39 && magnitude >= s_pow10[precision])
        {
            throw OutOfRange(value, precision, scale, $"it has more than {precision - scale} integer digits");
        }

        return magnitude;
    }

    /// <summary>Writes the minimal big-endian two's-complement form; returns the byte count (1..17).</summary>
    internal static int WriteTwosComplement(UInt128 magnitude, bool negative, Span<byte> destination)
    {
        // A 128-bit magnitude plus a sign needs up to 129 bits; keep one spare byte in front.
        Span<byte> full = stackalloc byte[MaxUnscaledBytes];
        byte signByte;
        if (!negative || magnitude == 0)
        {
            full[0] = 0;
            BinaryPrimitives.WriteUInt128BigEndian(full[1..], magnitude);
            signByte = 0;
        }
        else
        {
            UInt128 twos = ~magnitude + 1;
            full[0] = 0xFF;
            BinaryPrimitives.WriteUInt128BigEndian(full[1..], twos);
            signByte = 0xFF;
        }

        int start = 0;
        while (start < MaxUnscaledBytes - 1 && full[start] == signByte && (full[start + 1] & 0x80) == (signByte & 0x80))
        {
            start++;
        }

        int length = MaxUnscaledBytes - start;
        full[start..].CopyTo(destination);
        return length;
    }

    internal static AvroEncodeException OutOfRange(decimal value, int precision, int scale, string why) =>
        new($"value {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range for decimal({precision},{scale}): {why}.");

    /// <summary>
    /// Turns a big-endian two's-complement unscaled value into a <see cref="decimal"/>, or returns
    /// a reason why it cannot be represented.
    /// </summary>
    internal static string? TryFromTwosComplement(ReadOnlySpan<byte> bytes, int scale, out decimal value)
    {
        value = default;
        if (bytes.IsEmpty)
        {
            return "a decimal needs at least one byte";
        }

        if (bytes.Length <= 8 && (uint)scale <= 28)
        {
            long signed = (sbyte)bytes[0];
            for (int i = 1; i < bytes.Length; i++)
            {
                signed = (signed << 8) | bytes[i];
            }

            ulong absolute = signed < 0 ? (ulong)(-signed) : (ulong)signed;
            value = new decimal((int)(uint)absolute, (int)(uint)(absolute >> 32), 0, signed < 0, (byte)scale);
            return null;
        }

        bool negative = (bytes[0] & 0x80) != 0;
        byte signByte = negative ? (byte)0xFF : (byte)0;

        // Drop sign-extension bytes (fixed-size decimals carry them).
        while (bytes.Length > 1 && bytes[0] == signByte && (bytes[1] & 0x80) == (signByte & 0x80))
        {
            bytes = bytes[1..];
        }

        if (bytes.Length > 16)
        {
            return $"the unscaled value needs {bytes.Length} bytes; System.Decimal holds at most 96 bits";
        }

        Span<byte> full = stackalloc byte[16];
        full.Fill(signByte);
        bytes.CopyTo(full[(16 - bytes.Length)..]);
        UInt128 raw = BinaryPrimitives.ReadUInt128BigEndian(full);
        UInt128 magnitude = negative ? ~raw + 1 : raw;

        UInt128 max96 = (UInt128.One << 96) - 1;
        while (magnitude > max96 || scale > 28)
        {
            (UInt128 quotient, UInt128 remainder) = UInt128.DivRem(magnitude, 10);
            if (scale == 0 || remainder != 0)
            {
                return scale > 28
                    ? $"scale {scale} with significant digits beyond 28 decimal places does not fit System.Decimal"
                    : "the value is outside the range of System.Decimal";
            }

            magnitude = quotient;
            scale--;
        }

        ulong low = (ulong)magnitude;
        uint high = (uint)(magnitude >> 64);
        value = new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)high, negative, (byte)scale);
        return null;
    }
}
