using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Json
{
    /// <summary>The kind of a JSON value.</summary>
    public enum JsonNodeKind
    {
        /// <summary>An object.</summary>
        Object,
        /// <summary>An array.</summary>
        Array,
        /// <summary>A string.</summary>
        String,
        /// <summary>A number.</summary>
        Number,
        /// <summary><c>true</c>.</summary>
        True,
        /// <summary><c>false</c>.</summary>
        False,
        /// <summary><c>null</c>.</summary>
        Null,
    }

    /// <summary>A member of a JSON object: its name, where the name stands, and its value.</summary>
    public sealed class JsonMember
    {
        internal JsonMember(string name, SourceSpan nameSpan, JsonNode value)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
        }

        /// <summary>The member name.</summary>
        public string Name { get; }

        /// <summary>Where the name (with its quotes) stands.</summary>
        public SourceSpan NameSpan { get; }

        /// <summary>The value.</summary>
        public JsonNode Value { get; }
    }

    /// <summary>
    /// A JSON value that knows where it stands in its file, so every diagnostic can point at a line and
    /// column. Made by <see cref="JsonParser"/>; read-only once parsed.
    /// </summary>
    public sealed class JsonNode
    {
        private static readonly IReadOnlyList<JsonMember> NoMembers = System.Array.Empty<JsonMember>();
        private static readonly IReadOnlyList<JsonNode> NoItems = System.Array.Empty<JsonNode>();
        private string? _pointer;

        internal JsonNode(JsonNodeKind kind, SourceSpan span, string? text, IReadOnlyList<JsonMember>? members, IReadOnlyList<JsonNode>? items)
        {
            Kind = kind;
            Span = span;
            Text = text;
            Members = members ?? NoMembers;
            Items = items ?? NoItems;
        }

        /// <summary>The kind of value.</summary>
        public JsonNodeKind Kind { get; }

        /// <summary>Where the value stands in its file.</summary>
        public SourceSpan Span { get; }

        /// <summary>The string's value, or a number's literal text; null for other kinds.</summary>
        public string? Text { get; }

        /// <summary>An object's members in document order (duplicates included); empty for other kinds.</summary>
        public IReadOnlyList<JsonMember> Members { get; }

        /// <summary>An array's items; empty for other kinds.</summary>
        public IReadOnlyList<JsonNode> Items { get; }

        /// <summary>The containing node, or null for the root.</summary>
        public JsonNode? Parent { get; internal set; }

        /// <summary>The member name (object parent) or index (array parent) under which this node stands.</summary>
        public string? Key { get; internal set; }

        /// <summary>The member that holds this node, when the parent is an object.</summary>
        public JsonMember? Member { get; internal set; }

        /// <summary>True for an object.</summary>
        public bool IsObject => Kind == JsonNodeKind.Object;

        /// <summary>True for an array.</summary>
        public bool IsArray => Kind == JsonNodeKind.Array;

        /// <summary>True for a string.</summary>
        public bool IsString => Kind == JsonNodeKind.String;

        /// <summary>True for <c>true</c> or <c>false</c>.</summary>
        public bool IsBoolean => Kind == JsonNodeKind.True || Kind == JsonNodeKind.False;

        /// <summary>The JSON pointer (RFC 6901) of this node from the document root, e.g. <c>/fields/2/type</c>.</summary>
        public string Pointer => _pointer ??= BuildPointer();

        /// <summary>The first member with this name, or null.</summary>
        public JsonNode? this[string name] => Get(name);

        /// <summary>The first member with this name, or null.</summary>
        public JsonNode? Get(string name)
        {
            var members = Members;
            if (members.Count > IndexThreshold)
            {
                // Large objects (e.g. 10,000 properties) are indexed once, so lookups stay constant-time.
                var index = _index ??= BuildIndex(members);
                return index.TryGetValue(name, out var found) ? found : null;
            }
            for (var i = 0; i < members.Count; i++)
            {
                if (string.Equals(members[i].Name, name, StringComparison.Ordinal)) return members[i].Value;
            }
            return null;
        }

        private const int IndexThreshold = 16;

        private Dictionary<string, JsonNode>? _index;

        private static Dictionary<string, JsonNode> BuildIndex(IReadOnlyList<JsonMember> members)
        {
            var index = new Dictionary<string, JsonNode>(members.Count, StringComparer.Ordinal);
            foreach (var member in members)
            {
                if (!index.ContainsKey(member.Name)) index.Add(member.Name, member.Value);
            }
            return index;
        }

        /// <summary>The first member with this name.</summary>
        public bool TryGet(string name, out JsonNode value)
        {
            value = Get(name)!;
            return value is not null;
        }

        /// <summary>The member's string value, or null when absent or not a string.</summary>
        public string? GetString(string name)
        {
            var node = Get(name);
            return node is { Kind: JsonNodeKind.String } ? node.Text : null;
        }

        /// <summary>The number as a 64-bit integer, when it is an integer in range.</summary>
        public bool TryGetInt64(out long value)
        {
            value = 0;
            return Kind == JsonNodeKind.Number && Text is not null
                && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>The number as a double.</summary>
        public bool TryGetDouble(out double value)
        {
            value = 0;
            return Kind == JsonNodeKind.Number && Text is not null
                && double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>The number as a decimal (exact for the literals JSON schemas use).</summary>
        public bool TryGetDecimal(out decimal value)
        {
            value = 0;
            return Kind == JsonNodeKind.Number && Text is not null
                && decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>True when the number has no fraction (1, 1.0 and 1e2 all count as integers).</summary>
        public bool IsIntegral => Kind == JsonNodeKind.Number && TryGetDouble(out var d) && !double.IsInfinity(d) && Math.Floor(d) == d;

        /// <summary>Compact JSON text of this value (members in document order), for messages and canonical forms.</summary>
        public string ToJson()
        {
            var builder = new StringBuilder();
            WriteJson(builder, this);
            return builder.ToString();
        }

        /// <summary>A short, one-line rendering for messages (cut at <paramref name="max"/> characters).</summary>
        public string ToShortJson(int max = 120)
        {
            var json = ToJson();
            return json.Length <= max ? json : json.Substring(0, max - 1) + "…";
        }

        /// <summary>Structural equality of two JSON values (object member order ignored, numbers compared by value).</summary>
        public static bool DeepEquals(JsonNode? a, JsonNode? b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a is null || b is null) return false;
            if (a.Kind != b.Kind) return false;
            switch (a.Kind)
            {
                case JsonNodeKind.String:
                    return string.Equals(a.Text, b.Text, StringComparison.Ordinal);
                case JsonNodeKind.Number:
                    if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db)) return da == db;
                    return a.TryGetDouble(out var fa) && b.TryGetDouble(out var fb) && fa.Equals(fb);
                case JsonNodeKind.Array:
                    if (a.Items.Count != b.Items.Count) return false;
                    for (var i = 0; i < a.Items.Count; i++)
                    {
                        if (!DeepEquals(a.Items[i], b.Items[i])) return false;
                    }
                    return true;
                case JsonNodeKind.Object:
                    if (a.Members.Count != b.Members.Count) return false;
                    foreach (var member in a.Members)
                    {
                        if (!DeepEquals(member.Value, b.Get(member.Name))) return false;
                    }
                    return true;
                default:
                    return true;
            }
        }

        internal static void WriteJson(StringBuilder builder, JsonNode node)
        {
            switch (node.Kind)
            {
                case JsonNodeKind.Object:
                    builder.Append('{');
                    for (var i = 0; i < node.Members.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        WriteString(builder, node.Members[i].Name);
                        builder.Append(':');
                        WriteJson(builder, node.Members[i].Value);
                    }
                    builder.Append('}');
                    break;
                case JsonNodeKind.Array:
                    builder.Append('[');
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        WriteJson(builder, node.Items[i]);
                    }
                    builder.Append(']');
                    break;
                case JsonNodeKind.String:
                    WriteString(builder, node.Text!);
                    break;
                case JsonNodeKind.Number:
                    builder.Append(node.Text);
                    break;
                case JsonNodeKind.True:
                    builder.Append("true");
                    break;
                case JsonNodeKind.False:
                    builder.Append("false");
                    break;
                default:
                    builder.Append("null");
                    break;
            }
        }

        /// <summary>Writes a JSON string literal with the minimal escapes (the form Avro's canonical form uses).</summary>
        public static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }
                        break;
                }
            }
            builder.Append('"');
        }

        private string BuildPointer()
        {
            if (Parent is null) return "";
            var escaped = Key!.Replace("~", "~0").Replace("/", "~1");
            return Parent.Pointer + "/" + escaped;
        }
    }
}
