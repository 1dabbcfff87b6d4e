using System;
using System.Linq;
using Acme.Shop.Contracts;
using Com.Acme.Kitchen;
using Contracts.Exceptions;

namespace Contracts.Generators.Tests;

/// <summary>Untrusted bytes: every failure is an AvroDecodeException with an offset.</summary>
public class AvroDecodeSafetyTests
{
    private static readonly byte[] Valid = AvroInteropTests.Ours(AllTypesAvroCodec.Instance, Samples.All(new AllTypes.ChoiceUnion.String("x")));

    [Fact]
    public void every_truncation_is_a_decode_exception()
    {
        for (var length = 0; length < Valid.Length; length++)
        {
            var e = Assert.ThrowsAny<AvroDecodeException>(() => AllTypesAvroCodec.Instance.Read(Valid.AsSpan(0, length)));
            Assert.InRange(e.Offset, 0, length);
        }
    }

    [Fact]
    public void trailing_garbage_is_reported_at_its_offset()
    {
        var e = Assert.Throws<AvroDecodeException>(() => AllTypesAvroCodec.Instance.Read([.. Valid, 0x00]));
        Assert.Equal(Valid.Length, e.Offset);
    }

    [Fact]
    public void unknown_enum_ordinal_without_default_is_rejected_and_with_default_reads_the_default()
    {
        // AllTypes starts: flag (1 byte), count, big, ... ; easier on OrderPlaced v2 whose enum has a default.
        var order = Samples.Order();
        var bytes = AvroInteropTests.Ours(OrderPlacedAvroCodec.Instance, order);
        var prefix = AvroInteropTests.Ours(OrderPlacedAvroCodec.Instance, order with { Status = OrderPlaced.OrderStatus.Confirmed });
        var statusOffset = FindStatusOffset(bytes);
        bytes[statusOffset] = 2 * 9; // ordinal 9: unknown symbol
        Assert.Equal(OrderPlaced.OrderStatus.Unknown, OrderPlacedAvroCodec.Instance.Read(bytes).Status);
        bytes[statusOffset] = 1; // ordinal -1
        Assert.Equal(statusOffset, Assert.Throws<AvroDecodeException>(() => OrderPlacedAvroCodec.Instance.Read(bytes)).Offset);
        Assert.Equal(prefix.Length, bytes.Length);

        var shapes = AvroInteropTests.Ours(AllTypesAvroCodec.Instance, Samples.All(null));
        // color field: patch the BLUE ordinal (2 → zigzag 4) that follows the 16-byte hash.
        var hashEnd = IndexOf(shapes, Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()) + 16;
        Assert.Equal(4, shapes[hashEnd]);
        shapes[hashEnd] = 2 * 3;
        Assert.Equal(hashEnd, Assert.Throws<AvroDecodeException>(() => AllTypesAvroCodec.Instance.Read(shapes)).Offset);
    }

    [Fact]
    public void bad_union_index_bad_length_and_invalid_utf8_are_rejected()
    {
        var order = Samples.Order(note: "x");
        var bytes = AvroInteropTests.Ours(OrderPlacedAvroCodec.Instance, order);
        // The note is the last union before the tags map: [index 1][len 1]['x'] then the map.
        var noteAt = IndexOf(bytes, [2, 2, (byte)'x']);
        var copy = bytes.ToArray();
        copy[noteAt] = 2 * 5;
        Assert.Equal(noteAt, Assert.Throws<AvroDecodeException>(() => OrderPlacedAvroCodec.Instance.Read(copy)).Offset);

        copy = bytes.ToArray();
        copy[noteAt + 1] = 2 * 100; // length beyond the input
        Assert.ThrowsAny<AvroDecodeException>(() => OrderPlacedAvroCodec.Instance.Read(copy));

        copy = bytes.ToArray();
        copy[noteAt + 2] = 0xC3; // a lone lead byte
        Assert.ThrowsAny<AvroDecodeException>(() => OrderPlacedAvroCodec.Instance.Read(copy));
    }

    [Fact]
    public void decimals_out_of_the_schema_range_are_rejected_on_write()
    {
        // total is decimal(12,2): at most 10 integer digits, at most 2 fraction digits.
        Assert.Throws<AvroEncodeException>(() => AvroInteropTests.Ours(OrderPlacedAvroCodec.Instance, Samples.Order() with { Total = 12345678901m }));
        Assert.Throws<AvroEncodeException>(() => AvroInteropTests.Ours(OrderPlacedAvroCodec.Instance, Samples.Order() with { Total = 1.005m }));
        Assert.NotEmpty(AvroInteropTests.Ours(OrderPlacedAvroCodec.Instance, Samples.Order() with { Total = 9999999999.99m }));
    }

    private static int FindStatusOffset(byte[] bytes)
    {
        // currency "EUR" then the status ordinal.
        return IndexOf(bytes, [6, (byte)'E', (byte)'U', (byte)'R']) + 4;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var index = haystack.AsSpan().IndexOf(needle);
        Assert.True(index >= 0);
        return index;
    }
}
