using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>Order-independent JSON text (members sorted, numbers by value) for structural equality keys.</summary>
    internal static class CanonicalJson
    {
        public static string Write(JsonNode node)
        {
            var builder = new StringBuilder();
            Write(builder, node);
            return builder.ToString();
        }

        private static void Write(StringBuilder builder, JsonNode node)
        {
            switch (node.Kind)
            {
                case JsonNodeKind.Object:
                {
                    var members = new List<JsonMember>(node.Members);
                    members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                    builder.Append('{');
                    string? previous = null;
                    var first = true;
                    foreach (var member in members)
                    {
                        if (previous is not null && string.Equals(previous, member.Name, StringComparison.Ordinal)) continue;
                        previous = member.Name;
                        if (!first) builder.Append(',');
                        first = false;
                        JsonNode.WriteString(builder, member.Name);
                        builder.Append(':');
                        Write(builder, member.Value);
                    }
                    builder.Append('}');
                    break;
                }
                case JsonNodeKind.Array:
                    builder.Append('[');
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        Write(builder, node.Items[i]);
                    }
                    builder.Append(']');
                    break;
                case JsonNodeKind.Number:
                    builder.Append(node.TryGetDecimal(out var d) ? d.ToString("G29", CultureInfo.InvariantCulture) : node.Text);
                    break;
                default:
                    JsonNode.WriteJson(builder, node);
                    break;
            }
        }
    }

    /// <summary>Exact comparison of JSON numbers (decimal when it fits, double otherwise).</summary>
    internal static class JsonNumbers
    {
        public static int Compare(JsonNode a, JsonNode b)
        {
            if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db)) return da.CompareTo(db);
            a.TryGetDouble(out var fa);
            b.TryGetDouble(out var fb);
            return fa.CompareTo(fb);
        }

        /// <summary>True when <paramref name="value"/> is an integer multiple of <paramref name="divisor"/> (divisor not zero).</summary>
        public static bool IsMultipleOf(JsonNode value, JsonNode divisor)
        {
            if (value.TryGetDecimal(out var v) && divisor.TryGetDecimal(out var d))
            {
                if (d == 0m) return false;
                try
                {
                    return v % d == 0m;
                }
                catch (OverflowException)
                {
                    return false;
                }
            }
            value.TryGetDouble(out var fv);
            divisor.TryGetDouble(out var fd);
            if (fd == 0 || double.IsInfinity(fv) || double.IsInfinity(fd)) return false;
            var quotient = fv / fd;
            return Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
        }

        public static bool IsZero(JsonNode node)
            => node.TryGetDecimal(out var d) ? d == 0m : node.TryGetDouble(out var f) && f == 0;
    }
}
