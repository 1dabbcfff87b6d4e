using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Com.Acme.Kitchen;
using Contracts.Json;

namespace Contracts.Generators.Tests;

/// <summary>Schema defaults that need more than a literal become property initializers (Schemas/Valid/kitchen/Defaults.v1.avsc).</summary>
public class DefaultValueTests
{
    private static string Json(Defaults value)
    {
        var output = new ArrayBufferWriter<byte>();
        DefaultsJsonCodec.Instance.Write(output, value);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void decimal_record_and_map_defaults_are_property_initializers()
    {
        var value = new Defaults();
        Assert.Equal(12.50m, value.Price);
        Assert.Equal("12.50", value.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)); // the scale is kept
        Assert.Equal(-2.00m, value.Refund);
        Assert.Equal(0m, value.Zero);
        Assert.Equal(12.345m, value.Fee);
        Assert.Equal(new Defaults.Point { X = 1, Y = 7, Label = null }, value.Origin);
        Assert.Equal(0.1m, value.Box.Size);
        Assert.Equal(new Defaults.Point { X = -1, Y = -2, Label = null }, value.Box.Corner);
        Assert.Equal(new Dictionary<string, string> { ["k"] = "v" }, value.Box.Tags);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, value.Limits);
        Assert.Equal(["a", "b"], value.Aliases["x"]);
        Assert.Empty(value.Aliases["y"]);
        // Each instance gets its own default objects.
        Assert.NotSame(value.Limits, new Defaults().Limits);
    }

    [Fact]
    public void the_json_codec_reads_absent_properties_as_those_defaults()
    {
        var read = DefaultsJsonCodec.Instance.Read("{}"u8);
        Assert.Equal(Json(new Defaults()), Json(read));
        Assert.Equal("""{"price":12.50,"refund":-2.00,"zero":0.000,"fee":12.345,"origin":{"x":1,"y":7,"label":null},"box":{"size":0.1,"corner":{"x":-1,"y":-2,"label":null},"tags":{"k":"v"}},"limits":{"a":1,"b":2},"aliases":{"x":["a","b"],"y":[]}}""", Json(read));

        var present = DefaultsJsonCodec.Instance.Read("""{"price": 1.25, "origin": {"x": 5}, "limits": {}}"""u8);
        Assert.Equal(1.25m, present.Price);
        Assert.Equal(new Defaults.Point { X = 5, Y = 7 }, present.Origin);
        Assert.Empty(present.Limits);
        Assert.Equal(0.1m, present.Box.Size);
    }

    [Fact]
    public void the_avro_codec_round_trips_the_defaults()
    {
        var output = new ArrayBufferWriter<byte>();
        DefaultsAvroCodec.Instance.Write(output, new Defaults());
        var back = DefaultsAvroCodec.Instance.Read(output.WrittenSpan);
        Assert.Equal(Json(new Defaults()), Json(back));
    }
}
