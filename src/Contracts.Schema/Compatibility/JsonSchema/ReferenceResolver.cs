using System;
using System.Collections.Generic;
using System.Globalization;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// Resolves <c>$ref</c>: local JSON pointers (<c>#/definitions/x</c>, <c>#/$defs/x</c>, escapes
    /// <c>~0</c>, <c>~1</c> and percent-encoding), anchors (<c>#name</c> via <c>$id</c> or <c>$anchor</c>),
    /// the document's own or embedded <c>$id</c>s, and other documents through the caller's resolver,
    /// which is given the reference without its fragment (e.g. <c>Money.v1.schema.json</c>).
    /// </summary>
    internal sealed class ReferenceResolver
    {
        private readonly Func<string, JsonNode?>? _resolveExternal;
        private readonly Dictionary<string, SchemaDocument?> _externalDocuments = new Dictionary<string, SchemaDocument?>(StringComparer.Ordinal);

        public ReferenceResolver(Func<string, JsonNode?>? resolveExternal)
        {
            _resolveExternal = resolveExternal;
        }

        /// <summary>Finds the node a reference points at, and its document; or explains why not.</summary>
        public bool TryResolve(ReferenceModel reference, out JsonNode target, out SchemaDocument document, out string error)
        {
            target = null!;
            document = reference.Document;
            error = "";
            var text = reference.Ref;
            var hash = text.IndexOf('#');
            var uri = hash < 0 ? text : text.Substring(0, hash);
            var fragment = hash < 0 ? null : text.Substring(hash + 1);
            var baseNode = document.Root;

            if (uri.Length > 0)
            {
                var declared = document.FindById(uri) ?? document.FindById(uri + "#");
                if (declared is not null)
                {
                    baseNode = declared;
                }
                else
                {
                    var external = LoadExternal(uri);
                    if (external is null)
                    {
                        error = _resolveExternal is null
                            ? $"`{text}` refers to another document and no external resolver was given"
                            : $"`{text}` refers to document `{uri}`, which the external resolver did not find";
                        return false;
                    }
                    document = external;
                    baseNode = external.Root;
                }
            }

            if (string.IsNullOrEmpty(fragment))
            {
                target = baseNode;
                return true;
            }

            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(fragment);
            }
            catch (UriFormatException)
            {
                decoded = fragment!;
            }

            if (decoded.Length > 0 && decoded[0] == '/')
            {
                var found = Walk(baseNode, decoded)
                    ?? (ReferenceEquals(baseNode, document.Root) ? WalkWithDefinitionsBridge(document.Root, decoded) : null);
                if (found is null)
                {
                    error = $"`{text}` points at nothing: no node at `{decoded}`";
                    return false;
                }
                target = found;
                return true;
            }

            var anchored = document.FindById("#" + decoded) ?? (uri.Length > 0 ? document.FindById(uri + "#" + decoded) : null);
            if (anchored is null)
            {
                error = $"`{text}` names an anchor `{decoded}` that no `$id` or `$anchor` declares";
                return false;
            }
            target = anchored;
            return true;
        }

        private SchemaDocument? LoadExternal(string uri)
        {
            if (_externalDocuments.TryGetValue(uri, out var cached)) return cached;
            var root = _resolveExternal?.Invoke(uri);
            var document = root is null ? null : new SchemaDocument(root, uri);
            _externalDocuments[uri] = document;
            return document;
        }

        // Confluent copies top-level `definitions` into `$defs` before loading, so `#/$defs/X` finds a
        // body written under `definitions`; we accept both directions.
        private static JsonNode? WalkWithDefinitionsBridge(JsonNode root, string pointer)
        {
            if (pointer.StartsWith("/$defs/", StringComparison.Ordinal)) return Walk(root, "/definitions/" + pointer.Substring(7));
            if (pointer.StartsWith("/definitions/", StringComparison.Ordinal)) return Walk(root, "/$defs/" + pointer.Substring(13));
            return null;
        }

        private static JsonNode? Walk(JsonNode node, string pointer)
        {
            var current = node;
            var segments = pointer.Substring(1).Split('/');
            foreach (var raw in segments)
            {
                var segment = raw.Replace("~1", "/").Replace("~0", "~");
                if (current.IsObject)
                {
                    var next = current.Get(segment);
                    if (next is null) return null;
                    current = next;
                }
                else if (current.IsArray)
                {
                    if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= current.Items.Count) return null;
                    current = current.Items[index];
                }
                else
                {
                    return null;
                }
            }
            return current;
        }
    }
}
