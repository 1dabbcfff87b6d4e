using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using Acme.Shop.Contracts;
using Com.Acme.Kitchen;
using Contracts.Exceptions;
using Contracts.Json;

namespace Contracts.Generators.Tests;

/// <summary>The generated JSON codecs: natural JSON that round-trips exactly, and typed errors on bad input.</summary>
public class JsonCodecTests
{
    private static string Json<T>(IJsonCodec<T> codec, T value)
    {
        var output = new ArrayBufferWriter<byte>();
        codec.Write(output, value);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void order_placed_is_natural_json()
    {
        var json = Json(OrderPlacedJsonCodec.Instance, Samples.Order());
        Assert.StartsWith("""{"orderId":"6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b","customerId":"customer-42","placedAt":"2024-05-01T12:30:15.123+00:00","total":1234.50,"currency":"EUR","status":"CONFIRMED","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":10.00}""", json);
        Assert.EndsWith("\"shippingAddress\":{\"street\":\"1 Main St\",\"city\":\"Springfield\",\"postalCode\":\"12345\"},\"billingAddress\":null,\"note\":\"leave at the door\",\"tags\":{\"channel\":\"web\",\"promo\":\"spring\"}}", json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("total").ValueKind);
    }

    [Fact]
    public void every_supported_type_round_trips_exactly()
    {
        foreach (var choice in Samples.Choices())
        {
            var value = Samples.All(choice);
            var json = Json(AllTypesJsonCodec.Instance, value);
            var back = AllTypesJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(json));
            Assert.Equal(json, Json(AllTypesJsonCodec.Instance, back));
            Assert.Equal(value.Choice, back.Choice);
            Assert.Equal(value.TsUs, back.TsUs);
            Assert.Equal(value.TimeUs, back.TimeUs);
            Assert.Equal(value.Amount, back.Amount);
            Assert.Equal(value.Period, back.Period);
            Assert.Equal(value.Hash, back.Hash);
            // Avro bytes of the JSON round trip equal the original's: nothing was lost.
            Assert.Equal(AvroInteropTests.Ours(AllTypesAvroCodec.Instance, value), AvroInteropTests.Ours(AllTypesAvroCodec.Instance, back));
        }
    }

    [Fact]
    public void multi_branch_unions_are_wrapped_and_nullable_unions_are_not()
    {
        var json = Json(AllTypesJsonCodec.Instance, Samples.All(new AllTypes.ChoiceUnion.Point(new AllTypes.Point { X = 1, Y = 2 })));
        Assert.Contains("\"choice\":{\"com.acme.kitchen.Point\":{\"x\":1,\"y\":2}}", json);
        Assert.Contains("\"shapes\":[{\"com.acme.kitchen.Point\":{\"x\":1,\"y\":2}},{\"com.acme.kitchen.Color\":\"RED\"}]", json);
        Assert.Contains("\"maybeCount\":7", json);
        Assert.Contains("\"textOrNull\":null", json);
    }

    [Fact]
    public void missing_optional_fields_take_their_schema_defaults()
    {
        var order = OrderPlacedJsonCodec.Instance.Read("""
            {"orderId":"6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b","customerId":"c","placedAt":"2024-05-01T12:30:15Z","total":1,
             "lines":[],"shippingAddress":{"street":"s","city":"c"},"unknown":{"ignored":[1,2]}}
            """u8);
        Assert.Equal("EUR", order.Currency);
        Assert.Equal(OrderPlaced.OrderStatus.Pending, order.Status);
        Assert.Null(order.Note);
        Assert.Empty(order.Tags);
    }

    [Theory]
    [InlineData("""{"customerId":"c"}""", "orderId")]
    [InlineData("""{"orderId":"not-a-uuid","customerId":"c"}""", "orderId")]
    [InlineData("""{"orderId":"6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b","customerId":5}""", "customerId")]
    public void bad_input_is_a_json_decode_exception_naming_the_property(string json, string property)
    {
        var e = Assert.Throws<JsonDecodeException>(() => OrderPlacedJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(property, e.PropertyName);
        Assert.InRange(e.ByteOffset, 0, json.Length);
    }

    [Fact]
    public void unknown_enum_symbols_use_the_enum_default_or_fail()
    {
        var json = Json(OrderPlacedJsonCodec.Instance, Samples.Order()).Replace("\"CONFIRMED\"", "\"SHIPPED\"");
        Assert.Equal(OrderPlaced.OrderStatus.Unknown, OrderPlacedJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(json)).Status);

        var all = Json(AllTypesJsonCodec.Instance, Samples.All(null)).Replace("\"color\":\"BLUE\"", "\"color\":\"PURPLE\"");
        var e = Assert.Throws<JsonDecodeException>(() => AllTypesJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(all)));
        Assert.Equal("color", e.PropertyName);
    }

    [Fact]
    public void malformed_and_trailing_content_are_rejected_with_offsets()
    {
        var json = Json(OrderPlacedJsonCodec.Instance, Samples.Order());
        var trailing = Assert.Throws<JsonDecodeException>(() => OrderPlacedJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(json + " {}")));
        Assert.Equal(json.Length + 1, trailing.ByteOffset);
        for (var cut = 0; cut < json.Length; cut += 7)
        {
            Assert.Throws<JsonDecodeException>(() => OrderPlacedJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(json[..cut])));
        }
    }

    [Fact]
    public void json_schema_subjects_get_records_and_a_json_codec()
    {
        var value = new CustomerRegistered
        {
            CustomerId = Guid.NewGuid(),
            Email = "a@b.c",
            RegisteredOn = new DateOnly(2024, 1, 2),
            Preferences = ["email"],
        };
        var json = Json(CustomerRegisteredJsonCodec.Instance, value);
        var back = CustomerRegisteredJsonCodec.Instance.Read(Encoding.UTF8.GetBytes(json));
        Assert.Equal(value.CustomerId, back.CustomerId);
        Assert.Null(back.Nickname);
        Assert.Null(back.Age);
        Assert.Equal(json, Json(CustomerRegisteredJsonCodec.Instance, back));
        Assert.Null(typeof(CustomerRegistered).Assembly.GetType(typeof(CustomerRegistered).FullName + "AvroCodec"));
    }
}
