using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Generators.Emit
{
    /// <summary>
    /// Turns a field's schema default (JSON text) into a C# initializer: literals, enum members, arrays, maps,
    /// decimals (from the Avro byte string) and records (an object initializer, fields the default leaves out
    /// taking their own defaults). Defaults that have no C# form (non-null branches of multi-branch unions,
    /// decimals beyond <c>decimal</c>'s range) return null: the property is then <c>required</c>.
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
                    var items = node.Items.Select(i => OfOrNull(i, array.Item)).ToList();
                    return items.Any(i => i is null) ? null : "new " + array.Item.Declared + "[] { " + string.Join(", ", items) + " }";
                case MapPlan map:
                    return node.Kind == JsonNodeKind.Object ? Map(node, map) : null;
                case RecordRefPlan record:
                    return node.Kind == JsonNodeKind.Object ? Record(node, record) : null;
                case FixedPlan fixedPlan when fixedPlan.Type.Logical is null:
                    return node.Kind == JsonNodeKind.String ? Bytes(node.Text!) : null;
                case FixedPlan fixedPlan when fixedPlan.Type.Logical?.Name == LogicalType.Decimal:
                    return node.Kind == JsonNodeKind.String && node.Text!.Length == fixedPlan.Type.Size ? Decimal(node.Text!, fixedPlan.Type.Logical!.Scale) : null;
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
                case LogicalType.Decimal:
                    return node.Kind == JsonNodeKind.String ? Decimal(node.Text!, type.Logical!.Scale) : null;
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

        // A value that may be null where null is valid (nullable items, values and fields) is written as null.
        private static string? OfOrNull(JsonNode node, TypePlan type)
            => node.Kind == JsonNodeKind.Null && type.IsNullable ? "null" : Of(node, type);

        private static string? Map(JsonNode node, MapPlan map)
        {
            var entries = new List<string>(node.Members.Count);
            foreach (var member in node.Members)
            {
                var value = OfOrNull(member.Value, map.Value);
                if (value is null) return null;
                entries.Add("[" + CSharpSyntax.String(member.Name) + "] = " + value);
            }
            var type = "new global::System.Collections.Generic.Dictionary<string, " + map.Value.Declared + ">()";
            return entries.Count == 0 ? type : type + " { " + string.Join(", ", entries) + " }";
        }

        // A record default is a JSON object of its fields; a field left out takes its own default (Avro 1.12).
        private static string? Record(JsonNode node, RecordRefPlan reference)
        {
            var record = reference.Record;
            var members = new List<string>(record.Fields.Count);
            foreach (var field in record.Fields)
            {
                var value = node.Get(field.Field.Name);
                if (value is null)
                {
                    // The property's own initializer (or its null) applies; a field without one cannot be left out.
                    if (field.Field.DefaultJson is null) return null;
                    if (Expression(field.Field, field.Type) is null && !(field.Type.IsNullable && field.Field.DefaultJson == "null")) return null;
                    continue;
                }
                var expression = OfOrNull(value, field.Type);
                if (expression is null) return null;
                members.Add(field.Property + " = " + expression);
            }
            return "new " + reference.Clr + (members.Count == 0 ? "()" : " { " + string.Join(", ", members) + " }");
        }

        // Avro writes a decimal default as the byte string of its unscaled value: big-endian two's complement.
        private static string? Decimal(string text, int scale)
        {
            if (scale < 0 || scale > 28) return null;
            var bytes = new byte[text.Length + 1]; // little-endian for BigInteger, plus the sign byte when empty
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] > 0xff) return null;
                bytes[text.Length - 1 - i] = (byte)text[i];
            }
            bytes[text.Length] = text.Length > 0 && text[0] >= 0x80 ? (byte)0xff : (byte)0;
            var unscaled = new BigInteger(bytes);
            var magnitude = BigInteger.Abs(unscaled);
            if (magnitude >= BigInteger.One << 96) return null;
            var words = magnitude.ToByteArray();
            var parts = new int[3];
            for (var i = 0; i < words.Length && i < 12; i++) parts[i / 4] |= words[i] << (8 * (i % 4));
            var value = new decimal(parts[0], parts[1], parts[2], unscaled.Sign < 0, (byte)scale);
            return value.ToString(CultureInfo.InvariantCulture) + "m";
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
