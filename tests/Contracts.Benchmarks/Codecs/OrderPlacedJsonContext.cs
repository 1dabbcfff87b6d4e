using System.Text.Json.Serialization;

namespace Contracts.Benchmarks.Codecs;

/// <summary>System.Text.Json source generation for the OrderPlaced CLR shape.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(OrderPlaced))]
public sealed partial class OrderPlacedJsonContext : JsonSerializerContext
{
}
