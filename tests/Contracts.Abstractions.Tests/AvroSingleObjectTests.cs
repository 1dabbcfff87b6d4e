using System;
using System.Buffers;
using System.Buffers.Binary;
using Avro;
using Contracts.Avro;
using Contracts.Exceptions;

namespace Contracts.Abstractions.Tests;

public class AvroSingleObjectTests
{
    private static ulong ApacheFingerprint(string schema) => (ulong)SchemaNormalization.ParsingFingerprint64(Schema.Parse(schema));

    [Fact]
    public void header_is_c3_01_and_the_little_endian_crc64_of_the_canonical_form()
    {
        ulong fingerprint = ApacheFingerprint(AvroRecordInteropTests.SchemaJson);
        byte[] ours = Oracle.Ours((ref AvroWriter w) => { w.WriteSingleObjectHeader(fingerprint); w.WriteInt(1); });
        Assert.Equal(11, ours.Length);
        Assert.Equal(0xC3, ours[0]);
        Assert.Equal(0x01, ours[1]);
        Assert.Equal(fingerprint, BinaryPrimitives.ReadUInt64LittleEndian(ours.AsSpan(2)));

        var output = new ArrayBufferWriter<byte>();
        AvroSingleObject.WriteHeader(output, fingerprint);
        Assert.Equal(ours[..10], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void peek_returns_the_fingerprint_without_decoding_the_body()
    {
        byte[] message = Oracle.Ours((ref AvroWriter w) => { w.WriteSingleObjectHeader(0x0123456789ABCDEF); w.WriteString("body"); });
        Assert.True(AvroSingleObject.TryPeekFingerprint(message, out ulong fingerprint));
        Assert.Equal(0x0123456789ABCDEFul, fingerprint);
        Assert.Equal(0x0123456789ABCDEFul, AvroSingleObject.PeekFingerprint(message));

        var reader = new AvroReader(message);
        reader.ReadSingleObjectHeader(0x0123456789ABCDEF);
        Assert.Equal("body", reader.ReadString());
        reader.EnsureEnd();

        Assert.Equal(message[10..], AvroSingleObject.GetBody(message, 0x0123456789ABCDEF).ToArray());
    }

    [Fact]
    public void mismatched_fingerprint_names_expected_and_actual()
    {
        byte[] message = Oracle.Ours((ref AvroWriter w) => { w.WriteSingleObjectHeader(0xAAAA); w.WriteInt(1); });
        var error = Assert.Throws<AvroFingerprintMismatchException>(() =>
        {
            var reader = new AvroReader(message);
            reader.ReadSingleObjectHeader(0xBBBB);
        });
        Assert.Equal(0xBBBBul, error.Expected);
        Assert.Equal(0xAAAAul, error.Actual);
        Assert.Equal(2, error.Offset);
        Assert.Contains("expected 0x000000000000bbbb, message has 0x000000000000aaaa", error.Message, StringComparison.Ordinal);
        Assert.Throws<AvroFingerprintMismatchException>(() => AvroSingleObject.GetBody(message, 0xBBBB).Length);
    }

    [Theory]
    [InlineData(new byte[] { }, 0, "truncated")]
    [InlineData(new byte[] { 0xC3 }, 1, "truncated")]
    [InlineData(new byte[] { 0xC3, 0x01, 1, 2, 3 }, 5, "truncated")]
    [InlineData(new byte[] { 0x02, 0x01, 1, 2, 3, 4, 5, 6, 7, 8 }, 0, "expected marker C3 01, found 02 01")]
    [InlineData(new byte[] { 0x4F }, 0, "found 4F")]
    public void missing_or_truncated_header(byte[] message, int offset, string reason)
    {
        Assert.False(AvroSingleObject.TryPeekFingerprint(message, out _));
        var peek = Assert.Throws<AvroDecodeException>(() => AvroSingleObject.PeekFingerprint(message));
        Assert.Equal(offset, peek.Offset);
        Assert.Contains(reason, peek.Message, StringComparison.Ordinal);
        var read = Assert.Throws<AvroDecodeException>(() =>
        {
            var reader = new AvroReader(message);
            reader.ReadSingleObjectHeader();
        });
        Assert.Equal(offset, read.Offset);
    }
}
