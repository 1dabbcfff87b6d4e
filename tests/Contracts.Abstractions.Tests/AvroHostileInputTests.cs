using System;
using System.Linq;
using Contracts.Avro;
using Contracts.Exceptions;

namespace Contracts.Abstractions.Tests;

public class AvroHostileInputTests
{
    private static AvroDecodeException Decode(byte[] bytes, OurRead<object?> read, DecodeLimits? limits = null)
    {
        return Assert.Throws<AvroDecodeException>(() =>
        {
            var reader = new AvroReader(bytes, limits ?? DecodeLimits.Default);
            read(ref reader);
            reader.EnsureEnd();
        });
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    public void truncated_varint(byte[] bytes)
    {
        Assert.Equal(0, Decode(bytes, (ref AvroReader r) => r.ReadLong()).Offset);
        var error = Decode(bytes, (ref AvroReader r) => r.ReadInt());
        Assert.Equal(0, error.Offset);
        Assert.Contains("input ends inside a int", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void truncation_is_reported_at_the_start_of_the_value_that_is_cut()
    {
        byte[] bytes = [0x02, 0x04, 0x80];
        var error = Decode(bytes, (ref AvroReader r) => { r.ReadInt(); r.ReadInt(); return r.ReadInt(); });
        Assert.Equal(2, error.Offset);
    }

    [Fact]
    public void over_long_varint_for_a_long()
    {
        byte[] bytes = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        var error = Decode(bytes, (ref AvroReader r) => r.ReadLong());
        Assert.Equal(0, error.Offset);
        Assert.Contains("longer than 10 bytes", error.Message, StringComparison.Ordinal);

        byte[] overflow = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02];
        Assert.Equal(0, Decode(overflow, (ref AvroReader r) => r.ReadLong()).Offset);
    }

    [Fact]
    public void over_long_varint_for_an_int()
    {
        byte[] sixBytes = [0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        var error = Decode(sixBytes, (ref AvroReader r) => { r.ReadInt(); return r.ReadInt(); });
        Assert.Equal(1, error.Offset);
        Assert.Contains("overflows 32 bits", error.Message, StringComparison.Ordinal);

        byte[] tooBig = Oracle.Ours((ref AvroWriter w) => w.WriteLong((long)int.MaxValue + 1));
        Assert.Equal(0, Decode(tooBig, (ref AvroReader r) => r.ReadInt()).Offset);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void truncated_float_and_double(int size)
    {
        byte[] bytes = new byte[size - 1];
        var error = size == 4 ? Decode(bytes, (ref AvroReader r) => r.ReadFloat()) : Decode(bytes, (ref AvroReader r) => r.ReadDouble());
        Assert.Equal(0, error.Offset);
        Assert.Contains($"{size} byte(s) needed, {size - 1} remain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void boolean_other_than_zero_or_one()
    {
        var error = Decode([0x00, 0x02], (ref AvroReader r) => { r.ReadBoolean(); return r.ReadBoolean(); });
        Assert.Equal(1, error.Offset);
        Assert.Equal(0, Decode([], (ref AvroReader r) => r.ReadBoolean()).Offset);
    }

    [Fact]
    public void negative_length()
    {
        byte[] bytes = [0x00, 0x01, 0x41];
        var error = Decode(bytes, (ref AvroReader r) => { r.ReadInt(); return r.ReadString(); });
        Assert.Equal(1, error.Offset);
        Assert.Contains("length -1 is negative", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Decode(bytes, (ref AvroReader r) => { r.ReadInt(); return r.ReadBytes(); }).Offset);
        Assert.Equal(1, Decode(bytes, (ref AvroReader r) => { r.ReadInt(); r.SkipBytes(); return null; }).Offset);
        Assert.Equal(1, Decode(bytes, (ref AvroReader r) => { r.ReadInt(); return r.ReadDecimal(2); }).Offset);
    }

    [Fact]
    public void length_beyond_the_remaining_input_is_rejected_without_allocating_it()
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => { w.WriteLong(1L << 40); w.WriteFixed(new byte[3], 3); });
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Decode(bytes, (ref AvroReader r) => r.ReadBytes());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, error.Offset);
        Assert.Contains("exceeds the 3 remaining byte(s)", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
        Assert.Equal(0, Decode(bytes, (ref AvroReader r) => r.ReadString()).Offset);
    }

    [Fact]
    public void length_beyond_the_configured_limits()
    {
        byte[] text = Oracle.Ours((ref AvroWriter w) => w.WriteString("hello world"));
        var limits = new DecodeLimits { MaxStringBytes = 10, MaxBytesLength = 10 };
        var error = Decode(text, (ref AvroReader r) => r.ReadString(), limits);
        Assert.Equal(0, error.Offset);
        Assert.Contains("exceeds the limit of 10 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Decode(text, (ref AvroReader r) => r.ReadBytes(), limits).Offset);
        Assert.Equal("hello world", Oracle.ReadOurs(text, (ref AvroReader r) => r.ReadString()));
    }

    [Fact]
    public void invalid_utf8_reports_the_offset_of_the_bad_byte()
    {
        byte[] bytes = [0x02, 0x08, (byte)'a', (byte)'b', 0xFF, (byte)'c'];
        var error = Decode(bytes, (ref AvroReader r) => { r.ReadInt(); return r.ReadString(); });
        Assert.Equal(4, error.Offset);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Decode(bytes, (ref AvroReader r) => { r.ReadInt(); return r.ReadStringUtf8().Length; }).Offset);

        byte[] overlong = [0x04, 0xC0, 0x80];       // over-long encoding of NUL
        Assert.Equal(1, Decode(overlong, (ref AvroReader r) => r.ReadString()).Offset);
        byte[] surrogate = [0x06, 0xED, 0xA0, 0x80]; // UTF-8 encoded surrogate
        Assert.Equal(1, Decode(surrogate, (ref AvroReader r) => r.ReadString()).Offset);
        byte[] cut = [0x04, (byte)'a', 0xE2];         // sequence cut by the end of the string
        Assert.Equal(2, Decode(cut, (ref AvroReader r) => r.ReadString()).Offset);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void enum_ordinal_out_of_range(int ordinal)
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => { w.WriteBoolean(true); w.WriteEnum(ordinal); });
        var error = Decode(bytes, (ref AvroReader r) => { r.ReadBoolean(); return r.ReadEnum(3); });
        Assert.Equal(1, error.Offset);
        Assert.Contains($"enum ordinal {ordinal} is out of range: the schema has 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(1L << 32)]
    public void union_branch_index_out_of_range(long index)
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => w.WriteLong(index));
        var error = Decode(bytes, (ref AvroReader r) => r.ReadUnionIndex(2));
        Assert.Equal(0, error.Offset);
        Assert.Contains($"union branch index {index} is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void trailing_bytes_after_the_message()
    {
        byte[] bytes = [0x02, 0x00, 0x00];
        var error = Decode(bytes, (ref AvroReader r) => r.ReadInt());
        Assert.Equal(1, error.Offset);
        Assert.Contains("2 trailing byte(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void block_count_beyond_the_remaining_input()
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => { w.WriteLong(1000); w.WriteLong(1); });
        var error = Decode(bytes, (ref AvroReader r) => AvroPrimitiveInteropTests.ReadLongArray(ref r));
        Assert.Equal(0, error.Offset);
        Assert.Contains("block claims 1000 item(s) but only 1 byte(s) remain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void collection_items_beyond_the_limit_summed_over_blocks()
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) =>
        {
            for (int block = 0; block < 3; block++)
            {
                w.WriteCollectionStart(4);
                for (int i = 0; i < 4; i++)
                {
                    w.WriteLong(i);
                }
            }

            w.WriteCollectionEnd();
        });
        var error = Decode(bytes, (ref AvroReader r) => AvroPrimitiveInteropTests.ReadLongArray(ref r), new DecodeLimits { MaxCollectionItems = 10 });
        Assert.Equal(10, error.Offset);
        Assert.Contains("more than the 10 items allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void array_of_nulls_with_a_huge_count_stops_at_the_limit_instead_of_looping()
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => { w.WriteLong(int.MaxValue); w.WriteCollectionEnd(); });
        var error = Decode(bytes, (ref AvroReader r) =>
        {
            long seen = 0;
            for (int n = r.ReadBlockCount(ref seen, 0); n != 0; n = r.ReadBlockCount(ref seen, 0))
            {
                for (int i = 0; i < n; i++)
                {
                    r.ReadNull();
                }
            }

            return seen;
        });
        Assert.Equal(0, error.Offset);
        Assert.Contains("DecodeLimits.MaxCollectionItems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void negative_block_count_with_a_bad_byte_size()
    {
        byte[] negativeSize = [0x03, 0x01, 0x02, 0x00];
        var error = Decode(negativeSize, (ref AvroReader r) => AvroPrimitiveInteropTests.ReadLongArray(ref r));
        Assert.Equal(1, error.Offset);
        Assert.Contains("block byte size -1", error.Message, StringComparison.Ordinal);

        byte[] hugeSize = [0x03, 0x7E, 0x02, 0x00];
        Assert.Equal(1, Decode(hugeSize, (ref AvroReader r) => AvroPrimitiveInteropTests.ReadLongArray(ref r)).Offset);

        byte[] minValue = Oracle.Ours((ref AvroWriter w) => w.WriteLong(long.MinValue));
        Assert.Equal(0, Decode(minValue, (ref AvroReader r) => AvroPrimitiveInteropTests.ReadLongArray(ref r)).Offset);
    }

    [Fact]
    public void nesting_deeper_than_the_limit()
    {
        var error = Decode([0x00], (ref AvroReader r) =>
        {
            for (int i = 0; i < 5; i++)
            {
                r.EnterNested();
            }

            return null;
        }, new DecodeLimits { MaxDepth = 4 });
        Assert.Contains("nesting deeper than 4 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);

        Oracle.ReadOurs([], (ref AvroReader r) =>
        {
            for (int i = 0; i < 64; i++)
            {
                r.EnterNested();
            }

            for (int i = 0; i < 64; i++)
            {
                r.ExitNested();
            }

            return r.Depth;
        });
    }

    [Fact]
    public void truncated_fixed_uuid_and_duration()
    {
        Assert.Equal(0, Decode(new byte[15], (ref AvroReader r) => r.ReadUuidFromFixed()).Offset);
        Assert.Equal(0, Decode(new byte[11], (ref AvroReader r) => r.ReadDuration()).Offset);
        Assert.Equal(0, Decode(new byte[3], (ref AvroReader r) => r.ReadFixed(4).Length).Offset);
        Assert.Equal(0, Decode(new byte[3], (ref AvroReader r) => r.ReadDecimalFromFixed(8, 2)).Offset);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00112233-4455-6677-8899-aabbccddeefg")]
    [InlineData("{00112233-4455-6677-8899-aabbccddeeff}")]
    [InlineData("00112233445566778899aabbccddeeff")]
    public void uuid_string_not_in_canonical_form(string text)
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => w.WriteString(text));
        var error = Decode(bytes, (ref AvroReader r) => r.ReadUuidFromString());
        Assert.Equal(0, error.Offset);
        Assert.Contains("uuid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2_932_897)]   // 10000-01-01
    [InlineData(-719_163)]   // before 0001-01-01
    [InlineData(int.MinValue)]
    public void date_outside_dateonly(int days)
    {
        byte[] bytes = Oracle.Ours((ref AvroWriter w) => w.WriteInt(days));
        Assert.Contains("outside the range of DateOnly", Decode(bytes, (ref AvroReader r) => r.ReadDate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void time_outside_one_day()
    {
        Assert.Equal(0, Decode(Oracle.Ours((ref AvroWriter w) => w.WriteInt(86_400_000)), (ref AvroReader r) => r.ReadTimeMillis()).Offset);
        Assert.Equal(0, Decode(Oracle.Ours((ref AvroWriter w) => w.WriteInt(-1)), (ref AvroReader r) => r.ReadTimeMillis()).Offset);
        Assert.Equal(0, Decode(Oracle.Ours((ref AvroWriter w) => w.WriteLong(86_400_000_000)), (ref AvroReader r) => r.ReadTimeMicros()).Offset);
    }

    [Fact]
    public void decimal_that_system_decimal_cannot_hold()
    {
        byte[] empty = [0x00];
        Assert.Contains("at least one byte", Decode(empty, (ref AvroReader r) => r.ReadDecimal(2)).Message, StringComparison.Ordinal);

        byte[] wide = Oracle.Ours((ref AvroWriter w) => w.WriteBytes(Enumerable.Repeat((byte)0x7F, 17).ToArray()));
        Assert.Contains("System.Decimal", Decode(wide, (ref AvroReader r) => r.ReadDecimal(0)).Message, StringComparison.Ordinal);

        byte[] beyond96Bits = Oracle.Ours((ref AvroWriter w) => w.WriteBytes([0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
        Assert.Contains("outside the range of System.Decimal", Decode(beyond96Bits, (ref AvroReader r) => r.ReadDecimal(0)).Message, StringComparison.Ordinal);

        byte[] tooManyDigits = Oracle.Ours((ref AvroWriter w) => w.WriteBytes([0x01]));
        Assert.Contains("28 decimal places", Decode(tooManyDigits, (ref AvroReader r) => r.ReadDecimal(29)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void random_and_truncated_input_only_ever_throws_avro_decode_exception()
    {
        byte[] valid = AvroRecordInteropTests.WriteOursSample();
        for (int length = 0; length < valid.Length; length++)
        {
            byte[] cut = valid[..length];
            Assert.Throws<AvroDecodeException>(() => Oracle.ReadOurs(cut, AvroRecordInteropTests.ReadSample));
        }

        var random = new Random(12345);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                Oracle.ReadOurs(bytes, AvroRecordInteropTests.ReadSample);
                decoded++;
            }
            catch (AvroDecodeException)
            {
            }
        }

        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            try
            {
                Oracle.ReadOurs(bytes, AvroRecordInteropTests.ReadSample);
            }
            catch (AvroDecodeException)
            {
            }
        }

        Assert.True(decoded > 0);
    }
}
