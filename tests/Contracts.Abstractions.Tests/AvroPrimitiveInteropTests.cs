using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Avro;
using Avro.Generic;
using Contracts.Avro;

namespace Contracts.Abstractions.Tests;

public class AvroPrimitiveInteropTests
{
    public static TheoryData<int> Ints => new() { 0, 1, -1, 63, -64, 64, -65, 8191, -8192, 8192, 1 << 20, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1 };

    public static TheoryData<long> Longs => new()
    {
        0L, 1L, -1L, 63L, -64L, 64L, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, (long)int.MinValue - 1,
        1L << 56, -(1L << 56), (1L << 62), long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1,
    };

    public static TheoryData<float> Floats => new()
    {
        0f, -0f, 1f, -1.5f, float.Epsilon, float.MaxValue, float.MinValue, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3.14159f,
    };

    public static TheoryData<double> Doubles => new()
    {
        0d, -0d, 1d, -1.5d, double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, Math.PI,
    };

    public static TheoryData<string> Strings => new()
    {
        string.Empty, "a", "hello, world", "héllo wörld", "日本語のテキスト", "emoji 🎉🚀 pair", new string('x', 21), new string('é', 21),
        new string('x', 22), new string('é', 22), new string('x', 63), new string('x', 64), new string('€', 1000), string.Concat(Enumerable.Repeat("ab🎉€", 5000)),
    };

    [Fact]
    public void random_values_match_apache_byte_for_byte()
    {
        var random = new Random(20261122);
        for (int i = 0; i < 2_000; i++)
        {
            long l = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            int n = (int)(random.NextInt64(int.MinValue, (long)int.MaxValue + 1) >> random.Next(32));
            double d = BitConverter.Int64BitsToDouble(random.NextInt64());
            float f = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            string text = new(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0x20, 0xD7FF)).ToArray());
            byte[] ours = Oracle.Ours((ref AvroWriter w) => { w.WriteLong(l); w.WriteInt(n); w.WriteDouble(d); w.WriteFloat(f); w.WriteString(text); });
            byte[] apache = Oracle.Apache(e => { e.WriteLong(l); e.WriteInt(n); e.WriteDouble(d); e.WriteFloat(f); e.WriteString(text); });
            Assert.Equal(apache, ours);
            Oracle.ReadOurs(apache, (ref AvroReader r) =>
            {
                Assert.Equal(l, r.ReadLong());
                Assert.Equal(n, r.ReadInt());
                Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(r.ReadDouble()));
                Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits(r.ReadFloat()));
                Assert.Equal(text, r.ReadString());
                return 0;
            });
        }
    }

    [Fact]
    public void null_writes_no_bytes_like_apache()
    {
        Assert.Equal(Oracle.Apache(e => e.WriteNull()), Oracle.Ours((ref AvroWriter w) => w.WriteNull()));
        Assert.Empty(Oracle.Ours((ref AvroWriter w) => w.WriteNull()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void boolean_matches_apache(bool value)
    {
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteBoolean(value));
        Assert.Equal(Oracle.Apache(e => e.WriteBoolean(value)), ours);
        Assert.Equal(value, Oracle.ApacheDecode(ours, d => d.ReadBoolean()));
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadBoolean()));
    }

    [Theory]
    [MemberData(nameof(Ints))]
    public void int_matches_apache(int value)
    {
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteInt(value));
        Assert.Equal(Oracle.Apache(e => e.WriteInt(value)), ours);
        Assert.Equal(value, Oracle.ApacheDecode(ours, d => d.ReadInt()));
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadInt()));
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadLong()));
    }

    [Theory]
    [MemberData(nameof(Longs))]
    public void long_matches_apache(long value)
    {
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteLong(value));
        Assert.Equal(Oracle.Apache(e => e.WriteLong(value)), ours);
        Assert.Equal(value, Oracle.ApacheDecode(ours, d => d.ReadLong()));
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadLong()));
    }

    [Theory]
    [MemberData(nameof(Floats))]
    public void float_matches_apache(float value)
    {
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteFloat(value));
        Assert.Equal(Oracle.Apache(e => e.WriteFloat(value)), ours);
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(Oracle.ApacheDecode(ours, d => d.ReadFloat())));
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadFloat())));
    }

    [Theory]
    [MemberData(nameof(Doubles))]
    public void double_matches_apache(double value)
    {
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteDouble(value));
        Assert.Equal(Oracle.Apache(e => e.WriteDouble(value)), ours);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(Oracle.ApacheDecode(ours, d => d.ReadDouble())));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadDouble())));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(300)]
    [InlineData(100_000)]
    public void bytes_match_apache(int length)
    {
        byte[] value = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteBytes(value));
        Assert.Equal(Oracle.Apache(e => e.WriteBytes(value)), ours);
        Assert.Equal(ours, Oracle.OursChunked((ref AvroWriter w) => w.WriteBytes(value)));
        Assert.Equal(value, Oracle.ApacheDecode(ours, d => d.ReadBytes()));
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadBytes()));
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void string_matches_apache(string value)
    {
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteString(value));
        Assert.Equal(Oracle.Apache(e => e.WriteString(value)), ours);
        Assert.Equal(ours, Oracle.OursChunked((ref AvroWriter w) => w.WriteString(value)));
        Assert.Equal(value, Oracle.ApacheDecode(ours, d => d.ReadString()));
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadString()));
        Assert.Equal(Encoding.UTF8.GetBytes(value), Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadStringUtf8().ToArray()));
    }

    [Fact]
    public void lone_surrogate_is_written_as_replacement_character_like_apache()
    {
        const string value = "a\uD800b";
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteString(value));
        Assert.Equal(Oracle.Apache(e => e.WriteString(value)), ours);
        Assert.Equal("a\uFFFDb", Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadString()));
    }

    [Fact]
    public void pre_encoded_utf8_and_zero_copy_reads()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("grüezi");
        byte[] ours = Oracle.Ours((ref AvroWriter w) => { w.WriteStringUtf8(utf8); w.WriteBytes(utf8); w.WriteString("skip me"); w.WriteInt(7); });
        Assert.Equal(Oracle.Apache(e => { e.WriteString("grüezi"); e.WriteBytes(utf8); e.WriteString("skip me"); e.WriteInt(7); }), ours);
        int last = Oracle.ReadOurs(ours, (ref AvroReader r) =>
        {
            Assert.Equal(utf8, r.ReadStringUtf8().ToArray());
            Assert.Equal(utf8, r.ReadBytesSpan().ToArray());
            r.SkipBytes();
            Assert.Equal(1, r.Remaining);
            return r.ReadInt();
        });
        Assert.Equal(7, last);
    }

    [Fact]
    public void fixed_matches_apache()
    {
        byte[] value = [1, 2, 3, 0xFF, 0];
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteFixed(value, 5));
        Assert.Equal(Oracle.Apache(e => e.WriteFixed(value)), ours);
        Assert.Equal(value, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadFixed(5).ToArray()));
        Assert.Throws<Contracts.Exceptions.AvroEncodeException>(() => Oracle.Ours((ref AvroWriter w) => w.WriteFixed(value, 4)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(100)]
    public void enum_matches_apache_generic_writer(int ordinal)
    {
        string[] symbols = Enumerable.Range(0, 101).Select(i => "S" + i).ToArray();
        string schemaJson = $$"""{"type":"enum","name":"E","symbols":[{{string.Join(",", symbols.Select(s => $"\"{s}\""))}}]}""";
        var schema = (EnumSchema)Schema.Parse(schemaJson);
        byte[] ours = Oracle.Ours((ref AvroWriter w) => w.WriteEnum(ordinal));
        Assert.Equal(Oracle.ApacheGeneric(schema, new GenericEnum(schema, symbols[ordinal])), ours);
        Assert.Equal(symbols[ordinal], ((GenericEnum)Oracle.ApacheGenericRead(schemaJson, ours)!).Value);
        Assert.Equal(ordinal, Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadEnum(symbols.Length)));
    }

    [Fact]
    public void union_index_matches_apache()
    {
        const string schema = """["null","string","long"]""";
        byte[] ours = Oracle.Ours((ref AvroWriter w) => { w.WriteUnionIndex(1); w.WriteString("x"); });
        Assert.Equal(Oracle.ApacheGeneric(schema, "x"), ours);
        Assert.Equal(Oracle.ApacheGeneric(schema, 5L), Oracle.Ours((ref AvroWriter w) => { w.WriteUnionIndex(2); w.WriteLong(5); }));
        Assert.Equal(Oracle.ApacheGeneric(schema, null), Oracle.Ours((ref AvroWriter w) => { w.WriteUnionIndex(0); w.WriteNull(); }));
        Assert.Equal("x", Oracle.ApacheGenericRead(schema, ours));
        Assert.Equal("x", Oracle.ReadOurs(ours, (ref AvroReader r) => r.ReadUnionIndex(3) == 1 ? r.ReadString() : null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(200)]
    public void array_matches_apache_generic_writer_one_block_then_zero(int count)
    {
        const string schema = """{"type":"array","items":"long"}""";
        long[] items = Enumerable.Range(0, count).Select(i => (long)i * 1000 - 7).ToArray();
        byte[] ours = Oracle.Ours((ref AvroWriter w) =>
        {
            w.WriteCollectionStart(items.Length);
            foreach (long item in items)
            {
                w.WriteLong(item);
            }

            w.WriteCollectionEnd();
        });
        Assert.Equal(Oracle.ApacheGeneric(schema, items.Cast<object>().ToArray()), ours);
        Assert.Equal(items, ((object[])Oracle.ApacheGenericRead(schema, ours)!).Cast<long>());
        Assert.Equal(items, Oracle.ReadOurs(ours, ReadLongArray));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void map_matches_apache_generic_writer(int count)
    {
        const string schema = """{"type":"map","values":"int"}""";
        var map = Enumerable.Range(0, count).ToDictionary(i => "k€" + i, i => (object)(i - 1));
        byte[] ours = Oracle.Ours((ref AvroWriter w) =>
        {
            w.WriteCollectionStart(map.Count);
            foreach (KeyValuePair<string, object> entry in map)
            {
                w.WriteString(entry.Key);
                w.WriteInt((int)entry.Value);
            }

            w.WriteCollectionEnd();
        });
        Assert.Equal(Oracle.ApacheGeneric(schema, map), ours);
        Assert.Equal(map, (IDictionary<string, object>)Oracle.ApacheGenericRead(schema, ours)!);
        Dictionary<string, int> read = Oracle.ReadOurs(ours, (ref AvroReader r) =>
        {
            var result = new Dictionary<string, int>();
            long seen = 0;
            for (int n = r.ReadBlockCount(ref seen, 2); n != 0; n = r.ReadBlockCount(ref seen, 2))
            {
                for (int i = 0; i < n; i++)
                {
                    result.Add(r.ReadString(), r.ReadInt());
                }
            }

            return result;
        });
        Assert.Equal(map.ToDictionary(e => e.Key, e => (int)e.Value), read);
    }

    [Fact]
    public void multi_block_array_written_by_apache_is_read_by_us()
    {
        long[] items = [1, -2, 3, -4, 5, 6];
        byte[] apache = Oracle.Apache(e =>
        {
            e.WriteArrayStart();
            e.SetItemCount(2);
            e.StartItem(); e.WriteLong(items[0]);
            e.StartItem(); e.WriteLong(items[1]);
            e.SetItemCount(3);
            e.StartItem(); e.WriteLong(items[2]);
            e.StartItem(); e.WriteLong(items[3]);
            e.StartItem(); e.WriteLong(items[4]);
            e.SetItemCount(1);
            e.StartItem(); e.WriteLong(items[5]);
            e.WriteArrayEnd();
        });
        Assert.Equal(new byte[] { 4, 2, 3, 6, 6, 7, 10, 2, 12, 0 }, apache);
        Assert.Equal(items, Oracle.ReadOurs(apache, ReadLongArray));
    }

    [Fact]
    public void negative_block_count_with_byte_size_is_read_by_us_and_by_apache()
    {
        // Blocks as the specification allows: -2 items, 2 bytes; then 1 item; then the end.
        byte[] bytes = [3, 4, 2, 4, 2, 6, 0];
        long[] expected = [1, 2, 3];
        Assert.Equal(expected, Oracle.ReadOurs(bytes, ReadLongArray));
        Assert.Equal(expected, ((object[])Oracle.ApacheGenericRead("""{"type":"array","items":"long"}""", bytes)!).Cast<long>());
    }

    internal static long[] ReadLongArray(ref AvroReader r)
    {
        var result = new List<long>();
        long seen = 0;
        for (int n = r.ReadBlockCount(ref seen, 1); n != 0; n = r.ReadBlockCount(ref seen, 1))
        {
            for (int i = 0; i < n; i++)
            {
                result.Add(r.ReadLong());
            }
        }

        return result.ToArray();
    }
}
