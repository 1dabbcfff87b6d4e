using System;
using System.Buffers;
using System.Buffers.Binary;
using Contracts.Exceptions;

namespace Contracts.Avro;

/// <summary>
/// The Avro single-object encoding: the two marker bytes <c>C3 01</c>, the 8-byte little-endian
/// CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form, then the binary body.
/// </summary>
public static class AvroSingleObject
{
    /// <summary>Length of the header in bytes (2 marker bytes + 8 fingerprint bytes).</summary>
    public const int HeaderLength = 10;

    internal const byte Marker0 = 0xC3;
    internal const byte Marker1 = 0x01;

    /// <summary>Writes the header for a body encoded with the schema whose fingerprint is given.</summary>
    /// <param name="output">Where the header goes.</param>
    /// <param name="fingerprint">CRC-64-AVRO fingerprint of the writer schema.</param>
    public static void WriteHeader(IBufferWriter<byte> output, ulong fingerprint)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> header = output.GetSpan(HeaderLength);
        header[0] = Marker0;
        header[1] = Marker1;
        BinaryPrimitives.WriteUInt64LittleEndian(header[2..], fingerprint);
        output.Advance(HeaderLength);
    }

    /// <summary>
    /// Reads the writer schema's fingerprint without decoding anything else, so a runtime can look
    /// the writer schema up. Returns <see langword="false"/> when the input is not single-object encoded.
    /// </summary>
    /// <param name="message">The whole message.</param>
    /// <param name="fingerprint">The fingerprint, when the header is present.</param>
    public static bool TryPeekFingerprint(ReadOnlySpan<byte> message, out ulong fingerprint)
    {
        if (message.Length >= HeaderLength && message[0] == Marker0 && message[1] == Marker1)
        {
            fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(message.Slice(2, 8));
            return true;
        }

        fingerprint = 0;
        return false;
    }

    /// <summary>Reads the writer schema's fingerprint; throws when the header is missing or truncated.</summary>
    /// <param name="message">The whole message.</param>
    /// <exception cref="AvroDecodeException">The input does not start with a single-object header.</exception>
    public static ulong PeekFingerprint(ReadOnlySpan<byte> message)
    {
        if (TryPeekFingerprint(message, out ulong fingerprint))
        {
            return fingerprint;
        }

        throw MissingHeader(message, 0);
    }

    /// <summary>The body after the header, once the fingerprint is checked against <paramref name="expectedFingerprint"/>.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="expectedFingerprint">The fingerprint of the schema the caller can decode.</param>
    /// <exception cref="AvroFingerprintMismatchException">The message was written with another schema.</exception>
    /// <exception cref="AvroDecodeException">The header is missing or truncated.</exception>
    public static ReadOnlySpan<byte> GetBody(ReadOnlySpan<byte> message, ulong expectedFingerprint)
    {
        ulong actual = PeekFingerprint(message);
        if (actual != expectedFingerprint)
        {
            throw new AvroFingerprintMismatchException(2, expectedFingerprint, actual);
        }

        return message[HeaderLength..];
    }

    internal static AvroDecodeException MissingHeader(ReadOnlySpan<byte> message, int offset)
    {
        if (message.Length >= 2 && (message[0] != Marker0 || message[1] != Marker1))
        {
            return new AvroDecodeException(offset, $"not single-object encoded: expected marker C3 01, found {message[0]:X2} {message[1]:X2}");
        }

        if (message.Length == 1 && message[0] != Marker0)
        {
            return new AvroDecodeException(offset, $"not single-object encoded: expected marker C3 01, found {message[0]:X2}");
        }

        return new AvroDecodeException(offset + message.Length, $"truncated single-object header: {HeaderLength} bytes needed, {message.Length} present");
    }
}
