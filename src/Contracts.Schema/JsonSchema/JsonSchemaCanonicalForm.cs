using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Contracts.Schema.Json;

namespace Contracts.Schema.JsonSchema
{
    /// <summary>
    /// The canonical JSON form of a JSON Schema document: object members sorted by name (ordinal), no
    /// whitespace, numbers in shortest exact form, and the annotation keywords that do not affect validation
    /// (<c>description</c>, <c>$comment</c>, <c>examples</c>) removed wherever they are keywords. Two documents
    /// that differ only in formatting, member order or docs have the same canonical form and fingerprint.
    /// </summary>
    public static class JsonSchemaCanonicalForm
    {
        private static readonly string[] Annotations = { "description", "$comment", "examples" };

        /// <summary>The canonical form of <paramref name="document"/>.</summary>
        public static string Of(JsonNode document)
        {
            var builder = new StringBuilder(256);
            Write(builder, document, keywordContext: true);
            return builder.ToString();
        }

        private static void Write(StringBuilder b, JsonNode node, bool keywordContext)
        {
            switch (node.Kind)
            {
                case JsonNodeKind.Object:
                {
                    b.Append('{');
                    var first = true;
                    foreach (var member in node.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
                    {
                        if (keywordContext && Annotations.Contains(member.Name)) continue;
                        if (!first) b.Append(',');
                        first = false;
                        JsonNode.WriteString(b, member.Name);
                        b.Append(':');
                        // Under properties/definitions/$defs/patternProperties the member names are not keywords;
                        // inside enum/const/default values nothing is a keyword.
                        var childIsKeywordMap = member.Name is "properties" or "definitions" or "$defs" or "patternProperties" or "dependentSchemas";
                        var childIsData = member.Name is "enum" or "const" or "default" or "examples";
                        if (!keywordContext)
                        {
                            Write(b, member.Value, keywordContext: false);
                        }
                        else if (childIsData)
                        {
                            Write(b, member.Value, keywordContext: false);
                        }
                        else if (childIsKeywordMap && member.Value.Kind == JsonNodeKind.Object)
                        {
                            WriteSchemaMap(b, member.Value);
                        }
                        else
                        {
                            Write(b, member.Value, keywordContext: true);
                        }
                    }
                    b.Append('}');
                    return;
                }
                case JsonNodeKind.Array:
                    b.Append('[');
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        if (i > 0) b.Append(',');
                        Write(b, node.Items[i], keywordContext);
                    }
                    b.Append(']');
                    return;
                case JsonNodeKind.Number:
                    b.Append(NormalizeNumber(node.Text!));
                    return;
                default:
                    JsonNode.WriteJson(b, node);
                    return;
            }
        }

        private static void WriteSchemaMap(StringBuilder b, JsonNode map)
        {
            b.Append('{');
            var first = true;
            foreach (var member in map.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                if (!first) b.Append(',');
                first = false;
                JsonNode.WriteString(b, member.Name);
                b.Append(':');
                Write(b, member.Value, keywordContext: true);
            }
            b.Append('}');
        }

        private static string NormalizeNumber(string literal)
        {
            if (decimal.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                // "G29"-style: no trailing zeros, no exponent for values decimal can hold.
                var text = d.ToString(CultureInfo.InvariantCulture);
                if (text.IndexOf('.') >= 0) text = text.TrimEnd('0').TrimEnd('.');
                return text == "-0" ? "0" : text;
            }
            return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)
                ? f.ToString("R", CultureInfo.InvariantCulture)
                : literal;
        }
    }
}
