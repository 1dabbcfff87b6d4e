using System.Collections.Generic;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Schema.Avro
{
    /// <summary>Checks that a field default is a valid JSON encoding of a value of the field's type (Avro 1.12 rules).</summary>
    public static class AvroDefaults
    {
        /// <summary>Returns null when <paramref name="value"/> is valid for <paramref name="type"/>, else what is wrong.</summary>
        public static string? Validate(SchemaType type, JsonNode value, IReadOnlyDictionary<string, NamedType> named)
            => Validate(type, value, named, 0);

        private static string? Validate(SchemaType type, JsonNode value, IReadOnlyDictionary<string, NamedType> named, int depth)
        {
            if (depth > 64) return null; // a recursive default this deep is valid as far as we checked
            if (type is NamedTypeReference reference)
            {
                if (!named.TryGetValue(reference.FullName, out var target)) return null;
                type = target;
            }
            switch (type.Kind)
            {
                case SchemaTypeKind.Null:
                    return value.Kind == JsonNodeKind.Null ? null : "is not null";
                case SchemaTypeKind.Boolean:
                    return value.IsBoolean ? null : "is not a boolean (true or false)";
                case SchemaTypeKind.Int:
                    return IsIntegerLiteral(value) && value.TryGetInt64(out var i) && i >= int.MinValue && i <= int.MaxValue ? null : "is not an int (a whole number from -2147483648 to 2147483647)";
                case SchemaTypeKind.Long:
                    return IsIntegerLiteral(value) && value.TryGetInt64(out _) ? null : "is not a long (a whole number in 64-bit range)";
                case SchemaTypeKind.Float:
                case SchemaTypeKind.Double:
                    return value.Kind == JsonNodeKind.Number || (value.Kind == JsonNodeKind.String && value.Text is "NaN" or "Infinity" or "-Infinity")
                        ? null
                        : "is not a number";
                case SchemaTypeKind.String:
                    return value.Kind == JsonNodeKind.String ? null : "is not a string";
                case SchemaTypeKind.Bytes:
                    return IsByteString(value) ? null : "is not a bytes value (a string of code points 0-255)";
                case SchemaTypeKind.Fixed:
                {
                    var size = ((FixedType)type).Size;
                    if (!IsByteString(value)) return $"is not a fixed value (a string of {size} code points 0-255)";
                    return value.Text!.Length == size ? null : $"has {value.Text!.Length} bytes but the fixed type holds {size}";
                }
                case SchemaTypeKind.Enum:
                {
                    var symbols = ((EnumType)type).Symbols;
                    return value.Kind == JsonNodeKind.String && Contains(symbols, value.Text!) ? null : $"is not one of the enum's symbols ({string.Join(", ", symbols)})";
                }
                case SchemaTypeKind.Array:
                    if (value.Kind != JsonNodeKind.Array) return "is not an array";
                    foreach (var item in value.Items)
                    {
                        var problem = Validate(((ArrayType)type).Items, item, named, depth + 1);
                        if (problem is not null) return $"has item {item.ToShortJson(40)} that {problem}";
                    }
                    return null;
                case SchemaTypeKind.Map:
                    if (value.Kind != JsonNodeKind.Object) return "is not an object (a map default is a JSON object)";
                    foreach (var member in value.Members)
                    {
                        var problem = Validate(((MapType)type).Values, member.Value, named, depth + 1);
                        if (problem is not null) return $"has entry \"{member.Name}\" that {problem}";
                    }
                    return null;
                case SchemaTypeKind.Record:
                    if (value.Kind != JsonNodeKind.Object) return "is not an object (a record default is a JSON object)";
                    foreach (var field in ((RecordType)type).Fields)
                    {
                        var fieldValue = value.Get(field.Name);
                        if (fieldValue is null)
                        {
                            if (!field.HasDefault) return $"lacks field \"{field.Name}\", which has no default";
                            continue;
                        }
                        var problem = Validate(field.Type, fieldValue, named, depth + 1);
                        if (problem is not null) return $"has field \"{field.Name}\" that {problem}";
                    }
                    return null;
                case SchemaTypeKind.Union:
                    // Avro 1.12: a union default may match any branch (earlier versions required the first).
                    foreach (var branch in ((UnionType)type).Branches)
                    {
                        if (Validate(branch, value, named, depth + 1) is null) return null;
                    }
                    return "matches no branch of the union";
                default:
                    return null;
            }
        }

        private static bool IsIntegerLiteral(JsonNode value)
            => value.Kind == JsonNodeKind.Number && value.Text!.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;

        private static bool IsByteString(JsonNode value)
        {
            if (value.Kind != JsonNodeKind.String) return false;
            foreach (var c in value.Text!)
            {
                if (c > 0xFF) return false;
            }
            return true;
        }

        private static bool Contains(EquatableArray<string> symbols, string symbol)
        {
            foreach (var s in symbols)
            {
                if (s == symbol) return true;
            }
            return false;
        }
    }
}
