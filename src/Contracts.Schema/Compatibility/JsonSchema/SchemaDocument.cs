using System;
using System.Collections.Generic;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>One schema document: its root, dialect, and the ids and anchors declared in it.</summary>
    internal sealed class SchemaDocument
    {
        private Dictionary<string, JsonNode>? _ids;

        public SchemaDocument(JsonNode root, string? name)
        {
            Root = root;
            Name = name;
            Dialect = DetectDialect(root);
        }

        public JsonNode Root { get; }

        /// <summary>The name the external resolver was asked for, or null for the schema under check.</summary>
        public string? Name { get; }

        public SchemaDialect Dialect { get; }

        /// <summary>The id keyword of the dialect (<c>id</c> in draft 4, <c>$id</c> after).</summary>
        public string IdKeyword => Dialect == SchemaDialect.Draft4 ? "id" : "$id";

        /// <summary>The root's id, or null.</summary>
        public string? BaseId => Root.IsObject ? Root.GetString(IdKeyword) : null;

        /// <summary>The node declaring this id (<c>$id</c>/<c>id</c> value, or <c>#name</c> for <c>$anchor</c>).</summary>
        public JsonNode? FindById(string id)
        {
            if (_ids is null)
            {
                _ids = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
                Index(Root);
            }
            return _ids.TryGetValue(id, out var node) ? node : null;
        }

        private void Index(JsonNode node)
        {
            if (node.IsObject)
            {
                foreach (var member in node.Members)
                {
                    if (member.Value.IsString && (member.Name == IdKeyword || member.Name == "$anchor"))
                    {
                        var key = member.Name == "$anchor" ? "#" + member.Value.Text : member.Value.Text!;
                        if (!_ids!.ContainsKey(key)) _ids.Add(key, node);
                    }
                    else if (member.Value.IsObject || member.Value.IsArray)
                    {
                        Index(member.Value);
                    }
                }
            }
            else if (node.IsArray)
            {
                foreach (var item in node.Items) Index(item);
            }
        }

        private static SchemaDialect DetectDialect(JsonNode root)
        {
            var uri = root.IsObject ? root.GetString("$schema") : null;
            if (uri is null) return SchemaDialect.Draft7;
            if (uri.IndexOf("2020-12", StringComparison.Ordinal) >= 0 || uri.IndexOf("2019-09", StringComparison.Ordinal) >= 0) return SchemaDialect.Modern;
            if (uri.IndexOf("draft-04", StringComparison.Ordinal) >= 0) return SchemaDialect.Draft4;
            if (uri.IndexOf("draft-06", StringComparison.Ordinal) >= 0) return SchemaDialect.Draft6;
            return SchemaDialect.Draft7;
        }
    }
}
