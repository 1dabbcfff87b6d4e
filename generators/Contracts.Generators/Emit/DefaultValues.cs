using System.Globalization;
using System.Linq;
using System.Text;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Generators.Emit
{
    /// <summary>
    /// Turns a field's schema default (JSON text) into a C# initializer. Defaults that have no simple C#
    /// form (records, non-empty maps, decimals, non-null union branches of multi-branch unions) return null:
    /// the property is then <c>required</c>.
    /// </summary>
    internal static class DefaultValues
    {
        public static string? Expression(FieldDefinition field, TypePlan type)
        {
            if (field.DefaultJson is null) return null;
            var parsed = JsonParser.Parse(field.DefaultJson, "");
            if (parsed.Root is null) return null;
            return Of(parsed.Root, type);
        }

        private static string? Of(JsonNode node, TypePlan type)
        {
            switch (type)
            {
                case NullablePlan nullable:
                    // Avro: the default matches the first branch.
                    if (node.Kind == JsonNodeKind.Null) return null;
                    return nullable.NullIndex == 1 ? Of(node, nullable.Inner) : null;
                case UnionPlan:
                    return null;
                case EnumPlan enumPlan:
                    if (node.Kind != JsonNodeKind.String) return null;
                    var ordinal = enumPlan.Type.Symbols.ToList().IndexOf(node.Text!);
                    return ordinal < 0 ? null : enumPlan.Clr + "." + enumPlan.Members[ordinal];
                case ArrayPlan array:
                    if (node.Kind != JsonNodeKind.Array) return null;
                    if (node.Items.Count == 0) return "global::System.Array.Empty<" + array.Item.Declared + ">()";
                    var items = node.Items.Select(i => Of(i, array.Item)).ToList();
                    if (items.Any(i => i is null) && !array.Item.IsNullable) return null;
                    return "new " + array.Item.Declared + "[] { " + string.Join(", ", items.Select(i => i ?? "null")) + " }";
                case MapPlan map:
                    return node.Kind == JsonNodeKind.Object && node.Members.Count == 0
                        ? "new global::System.Collections.Generic.Dictionary<string, " + map.Value.Declared + ">()"
                        : null;
                case FixedPlan fixedPlan when fixedPlan.Type.Logical is null:
                    return node.Kind == JsonNodeKind.String ? Bytes(node.Text!) : null;
                case PrimitivePlan primitive:
                    return Primitive(node, primitive);
                default:
                    return null;
            }
        }

        private static string? Primitive(JsonNode node, PrimitivePlan type)
        {
            switch (type.LogicalName)
            {
                case null:
                    break;
                case "uuid":
                    return node.Kind == JsonNodeKind.String && System.Guid.TryParse(node.Text, out var guid)
                        ? "new global::System.Guid(" + CSharpSyntax.String(guid.ToString("D")) + ")"
                        : null;
                case "date":
                    return node.TryGetInt64(out var days) ? "global::System.DateOnly.FromDayNumber(" + (719162 + days).ToString(CultureInfo.InvariantCulture) + ")" : null;
                case "time-millis":
                    return node.TryGetInt64(out var ms) ? "new global::System.TimeOnly(" + (ms * 10000).ToString(CultureInfo.InvariantCulture) + "L)" : null;
                case "time-micros":
                    return node.TryGetInt64(out var us) ? "new global::System.TimeOnly(" + (us * 10).ToString(CultureInfo.InvariantCulture) + "L)" : null;
                case "timestamp-millis":
                    return node.TryGetInt64(out var tms) ? "global::System.DateTimeOffset.FromUnixTimeMilliseconds(" + tms.ToString(CultureInfo.InvariantCulture) + "L)" : null;
                case "timestamp-micros":
                    return node.TryGetInt64(out var tus) ? "global::System.DateTimeOffset.UnixEpoch.AddTicks(" + (tus * 10).ToString(CultureInfo.InvariantCulture) + "L)" : null;
                case "local-timestamp-millis":
                    return node.TryGetInt64(out var lms) ? "global::System.DateTime.UnixEpoch.AddTicks(" + (lms * 10000).ToString(CultureInfo.InvariantCulture) + "L)" : null;
                case "local-timestamp-micros":
                    return node.TryGetInt64(out var lus) ? "global::System.DateTime.UnixEpoch.AddTicks(" + (lus * 10).ToString(CultureInfo.InvariantCulture) + "L)" : null;
                default:
                    return null;
            }
            switch (type.Kind)
            {
                case SchemaTypeKind.Boolean:
                    return node.Kind == JsonNodeKind.True ? "true" : node.Kind == JsonNodeKind.False ? "false" : null;
                case SchemaTypeKind.Int:
                    return node.TryGetInt64(out var i) && i >= int.MinValue && i <= int.MaxValue ? i.ToString(CultureInfo.InvariantCulture) : null;
                case SchemaTypeKind.Long:
                    return node.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) + "L" : null;
                case SchemaTypeKind.Float:
                    return node.TryGetDouble(out var f) && !double.IsInfinity((float)f) && !double.IsNaN(f) ? ((float)f).ToString("R", CultureInfo.InvariantCulture) + "F" : null;
                case SchemaTypeKind.Double:
                    return node.TryGetDouble(out var d) && !double.IsInfinity(d) && !double.IsNaN(d) ? d.ToString("R", CultureInfo.InvariantCulture) + "D" : null;
                case SchemaTypeKind.String:
                    return node.Kind == JsonNodeKind.String ? CSharpSyntax.String(node.Text!) : null;
                case SchemaTypeKind.Bytes:
                    return node.Kind == JsonNodeKind.String ? Bytes(node.Text!) : null;
                default:
                    return null;
            }
        }

        // Avro writes bytes defaults as a string whose code points 0-255 are the bytes.
        private static string? Bytes(string text)
        {
            if (text.Length == 0) return "global::System.Array.Empty<byte>()";
            var builder = new StringBuilder("new byte[] { ");
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] > 0xff) return null;
                if (i > 0) builder.Append(", ");
                builder.Append(((int)text[i]).ToString(CultureInfo.InvariantCulture));
            }
            return builder.Append(" }").ToString();
        }
    }
}
