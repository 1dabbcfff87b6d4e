using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Contracts.Avro;
using Contracts.Exceptions;
using Contracts.Json;

namespace Contracts.Abstractions.Tests;

public class ContractJsonTests
{
    internal sealed record Order(Guid Id, DateTimeOffset At, decimal Amount, int Status, DateOnly Day, string? Note, byte[] Blob, List<int> Counts);

    /// <summary>Shaped like a generated JSON codec.</summary>
    internal sealed class OrderJsonCodec : IJsonCodec<Order>
    {
        public static readonly OrderJsonCodec Instance = new();

        public void Write(Utf8JsonWriter writer, Order value)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("id"u8);
            writer.WriteStringValue(value.Id);
            writer.WritePropertyName("at"u8);
            ContractJson.WriteTimestamp(writer, value.At);
            writer.WritePropertyName("amount"u8);
            ContractJson.WriteDecimal(writer, value.Amount, 9, 2);
            writer.WriteString("status"u8, value.Status == 0 ? "NEW"u8 : "PAID"u8);
            writer.WritePropertyName("day"u8);
            ContractJson.WriteDate(writer, value.Day);
            writer.WriteString("note"u8, value.Note);
            writer.WriteBase64String("blob"u8, value.Blob);
            writer.WriteStartArray("counts"u8);
            foreach (int count in value.Counts)
            {
                writer.WriteNumberValue(count);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public Order Read(ref Utf8JsonReader reader)
        {
            ContractJson.ReadStartObject(ref reader);
            Guid? id = null;
            DateTimeOffset? at = null;
            decimal? amount = null;
            int? status = null;
            DateOnly? day = null;
            string? note = null;
            byte[]? blob = null;
            List<int>? counts = null;
            while (ContractJson.ReadNextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = ContractJson.GetUuid(ref reader, "id");
                }
                else if (reader.ValueTextEquals("at"u8))
                {
                    reader.Read();
                    at = ContractJson.GetTimestamp(ref reader, "at");
                }
                else if (reader.ValueTextEquals("amount"u8))
                {
                    reader.Read();
                    amount = ContractJson.GetDecimal(ref reader, "amount", 9, 2);
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("NEW"u8))
                    {
                        status = 0;
                    }
                    else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("PAID"u8))
                    {
                        status = 1;
                    }
                    else
                    {
                        ContractJson.ThrowUnknownEnumSymbol(ref reader, "status");
                    }
                }
                else if (reader.ValueTextEquals("day"u8))
                {
                    reader.Read();
                    day = ContractJson.GetDate(ref reader, "day");
                }
                else if (reader.ValueTextEquals("note"u8))
                {
                    reader.Read();
                    note = ContractJson.GetNullableString(ref reader, "note");
                }
                else if (reader.ValueTextEquals("blob"u8))
                {
                    reader.Read();
                    blob = ContractJson.GetBytes(ref reader, "blob");
                }
                else if (reader.ValueTextEquals("counts"u8))
                {
                    ContractJson.ReadStartArray(ref reader, "counts");
                    counts = [];
                    while (ContractJson.ReadNextItem(ref reader))
                    {
                        counts.Add(ContractJson.GetInt32(ref reader, "counts"));
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (id is null)
            {
                ContractJson.ThrowMissingProperty(ref reader, "id");
            }

            if (at is null || amount is null || status is null || day is null || blob is null || counts is null)
            {
                ContractJson.ThrowMissingProperty(ref reader, "at/amount/status/day/blob/counts");
            }

            return new Order(id.Value, at.Value, amount.Value, status.Value, day.Value, note, blob, counts);
        }
    }

    private static Order Sample() => new(
        Guid.Parse("6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab"),
        new DateTimeOffset(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2)),
        12.5m,
        1,
        new DateOnly(2024, 2, 29),
        null,
        [1, 2, 3],
        [1, -2]);

    private static string Serialize(Order order)
    {
        var output = new ArrayBufferWriter<byte>();
        ((IJsonCodec<Order>)OrderJsonCodec.Instance).Write(output, order);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static Order Deserialize(string json) => ((IJsonCodec<Order>)OrderJsonCodec.Instance).Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void property_writers_write_the_table_names_pre_encoded_and_the_values_as_utf8jsonwriter_does()
    {
        var names = new JsonPropertyNames("id", "s", "n", "b", "i", "l", "f", "d", "a<b\u00e9", "x");
        Assert.Equal("a\\u003Cb\\u00E9", names.Encoded(8).ToString());
        var id = Guid.Parse("6f1c1c4e-2d5b-4c39-9a4e-1f2d3c4b5a69");
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            ContractJson.WriteUuidProperty(writer, names, 0, id);
            ContractJson.WriteStringProperty(writer, names, 1, "text");
            ContractJson.WriteStringProperty(writer, names, 2, null);
            ContractJson.WriteBooleanProperty(writer, names, 3, true);
            ContractJson.WriteInt32Property(writer, names, 4, -7);
            ContractJson.WriteInt64Property(writer, names, 5, long.MaxValue);
            ContractJson.WriteSingleProperty(writer, names, 6, 1.5f);
            ContractJson.WriteDoubleProperty(writer, names, 7, 0.25);
            ContractJson.WritePropertyName(writer, names, 8);
            writer.WriteNumberValue(1);
            ContractJson.WritePropertyName(writer, names, 9);
            writer.WriteNullValue();
            writer.WriteEndObject();
        }

        Assert.Equal(
            """{"id":"6f1c1c4e-2d5b-4c39-9a4e-1f2d3c4b5a69","s":"text","n":null,"b":true,"i":-7,"l":9223372036854775807,"f":1.5,"d":0.25,"a\u003Cb\u00E9":1,"x":null}""",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void writes_natural_json()
    {
        Assert.Equal(
            """{"id":"6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab","at":"2024-05-01T12:00:00+00:00","amount":12.50,"status":"PAID","day":"2024-02-29","note":null,"blob":"AQID","counts":[1,-2]}""",
            Serialize(Sample()));
    }

    [Fact]
    public void round_trips_and_ignores_unknown_properties()
    {
        Order order = Sample();
        string json = Serialize(order).Replace("{\"id\"", "{\"extra\":{\"deep\":[1,2,{}]},\"id\"", StringComparison.Ordinal);
        Order read = Deserialize(json);
        Assert.Equal(order.Id, read.Id);
        Assert.Equal(order.At, read.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Equal(order.Amount, read.Amount);
        Assert.Equal(order.Day, read.Day);
        Assert.Equal(order.Blob, read.Blob);
        Assert.Equal(order.Counts, read.Counts);
        Assert.Null(read.Note);
    }

    [Fact]
    public void missing_required_property_names_it_with_offset_and_line()
    {
        const string json = "{\n  \"at\": \"2024-05-01T12:00:00Z\"\n}";
        var error = Assert.Throws<JsonDecodeException>(() => Deserialize(json));
        Assert.Equal("id", error.PropertyName);
        Assert.Equal(json.Length - 1, error.ByteOffset);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(0, error.BytePositionInLine);
        Assert.Contains("required property 'id' is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void wrong_token_type()
    {
        const string json = """{"id":42}""";
        var error = Assert.Throws<JsonDecodeException>(() => Deserialize(json));
        Assert.Equal("id", error.PropertyName);
        Assert.Equal(6, error.ByteOffset);
        Assert.Contains("expected a string, found a number", error.Message, StringComparison.Ordinal);

        var array = Assert.Throws<JsonDecodeException>(() => Deserialize("""{"counts":{}}"""));
        Assert.Contains("expected an array, found an object", array.Message, StringComparison.Ordinal);
        Assert.Equal(10, array.ByteOffset);

        var top = Assert.Throws<JsonDecodeException>(() => Deserialize("[]"));
        Assert.Equal(0, top.ByteOffset);
    }

    [Fact]
    public void unknown_enum_symbol()
    {
        var error = Assert.Throws<JsonDecodeException>(() => Deserialize("""{"status":"SHIPPED"}"""));
        Assert.Equal("status", error.PropertyName);
        Assert.Equal(10, error.ByteOffset);
        Assert.Contains("unknown enum symbol \"SHIPPED\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"not-a-uuid"}""", "id", "uuid")]
    [InlineData("""{"at":"2024-05-01T12:00:00"}""", "at", "with an offset")]
    [InlineData("""{"day":"2024-02-30"}""", "day", "yyyy-MM-dd")]
    [InlineData("""{"day":"2024-2-1"}""", "day", "yyyy-MM-dd")]
    [InlineData("""{"amount":1.234}""", "amount", "out of range for decimal(9,2)")]
    [InlineData("""{"amount":12345678}""", "amount", "out of range for decimal(9,2)")]
    [InlineData("""{"amount":"12.50"}""", "amount", "expected a decimal(9,2) number, found a string")]
    [InlineData("""{"blob":"***"}""", "blob", "base64")]
    [InlineData("""{"counts":[1, 2.5]}""", "counts", "found 2.5")]
    [InlineData("""{"counts":[1, 3000000000]}""", "counts", "found 3000000000")]
    public void invalid_values_name_the_property(string json, string property, string reason)
    {
        var error = Assert.Throws<JsonDecodeException>(() => Deserialize(json));
        Assert.Equal(property, error.PropertyName);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.LineNumber);
    }

    [Theory]
    [InlineData("{\"id\": }", 0, 7)]
    [InlineData("{\n\"id\":\n tru }", 2, 4)]
    public void malformed_json_carries_line_and_offset(string json, long line, long column)
    {
        var error = Assert.Throws<JsonDecodeException>(() => Deserialize(json));
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(column, error.BytePositionInLine);
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
        Assert.InRange(error.ByteOffset, 0, json.Length);
    }

    [Fact]
    public void content_after_the_document_is_rejected()
    {
        string json = Serialize(Sample()) + "\n x";
        var error = Assert.Throws<JsonDecodeException>(() => Deserialize(json));
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(json.Length - 1, error.ByteOffset);
    }

    public static TheoryData<string, int, int, string> DecimalTexts => new()
    {
        { "12.5", 9, 2, "12.50" }, { "0.01", 9, 2, "0.01" }, { "-0.5", 1, 1, "-0.5" }, { "0", 9, 2, "0.00" }, { "-0.00", 9, 2, "0.00" },
        { "0.000000001", 10, 9, "0.000000001" }, { "100000000000000000000", 21, 0, "100000000000000000000" },
        { "79228162514264337593543950335", 38, 9, "79228162514264337593543950335.000000000" }, { "-123.4500", 9, 2, "-123.45" },
    };

    [Theory]
    [MemberData(nameof(DecimalTexts))]
    public void decimal_is_written_exactly_at_the_schema_scale_without_exponent(string input, int precision, int scale, string expected)
    {
        decimal value = decimal.Parse(input, CultureInfo.InvariantCulture);
        Assert.Equal(expected, Write(w => ContractJson.WriteDecimal(w, value, precision, scale)));
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(expected));
        reader.Read();
        Assert.Equal(value, ContractJson.GetDecimal(ref reader, "d", precision, scale));
    }

    [Fact]
    public void decimal_out_of_range_is_rejected_on_write()
    {
        var error = Assert.Throws<AvroEncodeException>(() => Write(w => ContractJson.WriteDecimal(w, 1.234m, 9, 2)));
        Assert.Contains("out of range for decimal(9,2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void logical_type_formats()
    {
        Assert.Equal("\"0001-01-01\"", Write(w => ContractJson.WriteDate(w, DateOnly.MinValue)));
        Assert.Equal("\"12:34:56.789\"", Write(w => ContractJson.WriteTime(w, new TimeOnly(12, 34, 56, 789))));
        Assert.Equal("\"00:00:00\"", Write(w => ContractJson.WriteTime(w, TimeOnly.MinValue)));
        Assert.Equal("\"2024-05-01T12:00:00.1234567+00:00\"", Write(w => ContractJson.WriteTimestamp(w, new DateTimeOffset(2024, 5, 1, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567))));
        Assert.Equal("\"2024-05-01T12:00:00\"", Write(w => ContractJson.WriteLocalTimestamp(w, new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc))));
        Assert.Equal("{\"months\":1,\"days\":2,\"milliseconds\":3}", Write(w => ContractJson.WriteDuration(w, new AvroDuration(1, 2, 3))));
        Assert.Equal("\"6f1c1d5e-2b1a-4c3e-9f7a-0123456789ab\"", Write(w => w.WriteStringValue(Guid.Parse("6F1C1D5E-2B1A-4C3E-9F7A-0123456789AB"))));
    }

    [Fact]
    public void logical_type_readers()
    {
        Assert.Equal(new TimeOnly(12, 34, 56, 789), Read("\"12:34:56.789\"", (ref Utf8JsonReader r) => ContractJson.GetTime(ref r, "t")));
        Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0), Read("\"2024-05-01T12:00:00\"", (ref Utf8JsonReader r) => ContractJson.GetLocalTimestamp(ref r, "t")));
        Assert.Equal(DateTimeKind.Unspecified, Read("\"2024-05-01T12:00:00\"", (ref Utf8JsonReader r) => ContractJson.GetLocalTimestamp(ref r, "t")).Kind);
        Assert.Throws<JsonDecodeException>(() => Read("\"2024-05-01T12:00:00Z\"", (ref Utf8JsonReader r) => ContractJson.GetLocalTimestamp(ref r, "t")));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), Read("\"2024-05-01T12:00:00+02:00\"", (ref Utf8JsonReader r) => ContractJson.GetTimestamp(ref r, "t")));
        Assert.Equal(new AvroDuration(1, 2, 3), Read("{\"days\":2,\"x\":[1],\"months\":1,\"milliseconds\":3}", (ref Utf8JsonReader r) => ContractJson.GetDuration(ref r, "d")));
        Assert.Throws<JsonDecodeException>(() => Read("{\"days\":-1}", (ref Utf8JsonReader r) => ContractJson.GetDuration(ref r, "d")));
        Assert.Throws<JsonDecodeException>(() => Read("\"25:00:00\"", (ref Utf8JsonReader r) => ContractJson.GetTime(ref r, "t")));
        Assert.True(Read("true", (ref Utf8JsonReader r) => ContractJson.GetBoolean(ref r, "b")));
        Assert.Throws<JsonDecodeException>(() => Read("1", (ref Utf8JsonReader r) => ContractJson.GetBoolean(ref r, "b")));
        Assert.Equal(long.MinValue, Read("-9223372036854775808", (ref Utf8JsonReader r) => ContractJson.GetInt64(ref r, "l")));
        Assert.Equal(0.25, Read("0.25", (ref Utf8JsonReader r) => ContractJson.GetDouble(ref r, "d")));
        Assert.Equal(0.25f, Read("0.25", (ref Utf8JsonReader r) => ContractJson.GetSingle(ref r, "f")));
        Assert.Equal("é", Read("\"\\u00e9\"", (ref Utf8JsonReader r) => ContractJson.GetString(ref r, "s")));
    }

    [Fact]
    public void union_without_a_matching_branch()
    {
        var error = Assert.Throws<JsonDecodeException>(() => Read("[1]", (ref Utf8JsonReader r) =>
        {
            ContractJson.ThrowNoUnionBranch(ref r, "payload");
            return 0;
        }));
        Assert.Equal("payload", error.PropertyName);
        Assert.Contains("an array matches no branch of the union", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void serialize_reuses_its_writer_across_calls_and_threads()
    {
        Order order = Sample();
        string first = Serialize(order);
        Assert.Equal(first, Serialize(order));
        string? other = null;
        var thread = new System.Threading.Thread(() => other = Serialize(order));
        thread.Start();
        thread.Join();
        Assert.Equal(first, other);
    }

    private delegate T JsonRead<T>(ref Utf8JsonReader reader);

    private static T Read<T>(string json, JsonRead<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return read(ref reader);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
