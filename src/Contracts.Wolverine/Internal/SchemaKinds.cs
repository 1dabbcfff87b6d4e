using System.Text.Json;

namespace Contracts.Wolverine.Internal;

/// <summary>Tells an Avro schema from a JSON Schema by its text (ContractInfo carries the text, not the kind).</summary>
internal static class SchemaKinds
{
    public static bool IsAvro(string schemaText)
    {
        try
        {
            using var document = JsonDocument.Parse(schemaText);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                // A primitive name or a union: only Avro has those at the top level.
                return root.ValueKind is JsonValueKind.String or JsonValueKind.Array;
            }

            return root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                   type.GetString() is "record" or "enum" or "fixed" &&
                   !root.TryGetProperty("$schema", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
