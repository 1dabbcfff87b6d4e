using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Avro;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Schema.JsonSchema
{
    /// <summary>The outcome of mapping one JSON Schema document onto the contract model.</summary>
    public sealed class JsonSchemaParseResult : SchemaParseResult
    {
        internal JsonSchemaParseResult(JsonNode? document, SchemaType? root, IReadOnlyDictionary<string, NamedType>? namedTypes, EquatableArray<SchemaDiagnostic> diagnostics)
            : base(document, root, namedTypes, diagnostics)
        {
        }

        internal static JsonSchemaParseResult NotJson(JsonSyntaxError error) => new JsonSchemaParseResult(null, null, null, InvalidJson(error));
    }

    /// <summary>
    /// Maps JSON Schema documents (drafts 7 and 2020-12) onto the contract model: objects become records,
    /// string enums become enums, <c>oneOf</c> becomes a union, <c>$ref</c> (local, or to a sibling file the
    /// caller supplies) becomes a named type. Does no I/O.
    /// </summary>
    public static class JsonSchemaParser
    {
        /// <summary>
        /// Parses <paramref name="text"/>. <paramref name="rootName"/> names the root record when the schema has no
        /// <c>title</c>; <paramref name="rootNamespace"/> is its namespace. <paramref name="resolveExternal"/> returns the
        /// text of a sibling file named by a <c>$ref</c> (without fragment), or null when there is none.
        /// </summary>
        public static JsonSchemaParseResult Parse(string text, string path, string rootName, string? rootNamespace = null, Func<string, string?>? resolveExternal = null)
        {
            var json = JsonParser.Parse(text, path);
            if (json.Root is null)
            {
                return JsonSchemaParseResult.NotJson(json.Error!);
            }
            var mapper = new Mapper(path, rootNamespace, resolveExternal);
            foreach (var duplicate in json.DuplicateMembers)
            {
                mapper.Error(DiagnosticCatalog.DuplicateJsonMember, duplicate.NameSpan, $"\"{duplicate.Name}\" appears twice in the same object; keep one");
            }
            var title = json.Root.GetString("title");
            var (ns, name) = title is not null && title.IndexOf('.') > 0 ? AvroNames.Split(title) : (rootNamespace, title ?? rootName);
            SchemaType? root = null;
            if (json.Root.Kind != JsonNodeKind.Object || !IsObjectSchema(json.Root))
            {
                mapper.Error(DiagnosticCatalog.UnsupportedJsonSchema, json.Root.Span, "a contract's JSON Schema must describe an object (\"type\": \"object\" with \"properties\")");
            }
            else
            {
                root = mapper.MapObject(json.Root, name!, ns, json.Root);
            }
            var diagnostics = mapper.Diagnostics;
            diagnostics.Sort((a, b) => a.Location.Offset.CompareTo(b.Location.Offset));
            var hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            return new JsonSchemaParseResult(json.Root, hasErrors ? null : root, mapper.Named, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
        }

        private static bool IsObjectSchema(JsonNode node)
        {
            var type = node.Get("type");
            if (type is { Kind: JsonNodeKind.String }) return type.Text == "object";
            return type is null && (node.Get("properties") is not null || node.Get("allOf") is not null);
        }

        private sealed class Mapper
        {
            private readonly string _path;
            private readonly string? _namespace;
            private readonly Func<string, string?>? _resolveExternal;
            private readonly Dictionary<JsonNode, string> _definedByNode = new Dictionary<JsonNode, string>();
            private readonly HashSet<string> _beingDefined = new HashSet<string>(StringComparer.Ordinal);
            private readonly Dictionary<string, JsonNode?> _external = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

            public Mapper(string path, string? ns, Func<string, string?>? resolveExternal)
            {
                _path = path;
                _namespace = ns;
                _resolveExternal = resolveExternal;
            }

            public List<SchemaDiagnostic> Diagnostics { get; } = new List<SchemaDiagnostic>();

            public Dictionary<string, NamedType> Named { get; } = new Dictionary<string, NamedType>(StringComparer.Ordinal);

            public void Error(string id, SourceSpan span, string message)
                => Diagnostics.Add(new SchemaDiagnostic(id, DiagnosticSeverity.Error, message, span.WithPath(_path)));

            public RecordType MapObject(JsonNode node, string name, string? ns, JsonNode document)
            {
                var fullName = AvroNames.Qualify(name, ns);
                _definedByNode[node] = fullName;
                _beingDefined.Add(fullName);
                var properties = new List<(JsonMember Member, JsonNode Owner)>();
                var required = new HashSet<string>(StringComparer.Ordinal);
                CollectProperties(node, document, properties, required, 0);
                var fields = new List<FieldDefinition>();
                var csharpNames = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (member, _) in properties)
                {
                    var propertyName = member.Name;
                    var csharp = CSharpNames.ToPascalCase(propertyName);
                    if (csharpNames.TryGetValue(csharp, out var other))
                    {
                        Error(DiagnosticCatalog.CSharpNameCollision, member.NameSpan, $"properties \"{other}\" and \"{propertyName}\" of \"{fullName}\" both become the C# property {csharp}; rename one");
                        continue;
                    }
                    csharpNames.Add(csharp, propertyName);
                    var isRequired = required.Contains(propertyName);
                    var type = MapType(member.Value, csharp, ns, document);
                    if (!isRequired && type.Kind != SchemaTypeKind.Null && !(type is UnionType u && u.Branches.Any(b => b.Kind == SchemaTypeKind.Null)) && type.Kind != SchemaTypeKind.Any)
                    {
                        // An optional property is absent or present; the model says "nullable".
                        type = new UnionType(new EquatableArray<SchemaType>(new[] { new PrimitiveType(SchemaTypeKind.Null), type })) { Pointer = type.Pointer, Span = type.Span };
                    }
                    var defaultNode = member.Value.Kind == JsonNodeKind.Object ? member.Value.Get("default") : null;
                    fields.Add(new FieldDefinition(propertyName, type, member.Value.Kind == JsonNodeKind.Object ? member.Value.GetString("description") : null,
                        defaultNode?.ToJson() ?? (isRequired ? null : "null"), EquatableArray<string>.Empty)
                    {
                        Pointer = member.Value.Pointer,
                        Span = member.NameSpan.WithPath(_path),
                        Required = isRequired,
                    });
                }
                foreach (var name2 in required)
                {
                    if (!properties.Any(p => p.Member.Name == name2))
                    {
                        var requiredNode = node.Get("required")!;
                        Error(DiagnosticCatalog.InvalidSchemaShape, requiredNode.Span, $"\"required\" lists \"{name2}\", which is not in \"properties\"; add the property or remove it from \"required\"");
                    }
                }
                var record = new RecordType(name, ns, node.GetString("description"), EquatableArray<string>.Empty, new EquatableArray<FieldDefinition>(fields.ToArray()))
                {
                    Pointer = node.Pointer,
                    Span = node.Span.WithPath(_path),
                };
                _beingDefined.Remove(fullName);
                if (Named.ContainsKey(fullName))
                {
                    Error(DiagnosticCatalog.DuplicateNamedType, node.Span, $"two different schemas both map to the type \"{fullName}\"; give one a distinct \"title\"");
                }
                Named[fullName] = record;
                return record;
            }

            private void CollectProperties(JsonNode node, JsonNode document, List<(JsonMember, JsonNode)> properties, HashSet<string> required, int depth)
            {
                if (depth > 32) return;
                var props = node.Get("properties");
                if (props is { Kind: JsonNodeKind.Object })
                {
                    foreach (var member in props.Members)
                    {
                        if (!properties.Any(p => p.Item1.Name == member.Name)) properties.Add((member, node));
                    }
                }
                else if (props is not null)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, props.Span, "\"properties\" must be an object");
                }
                var req = node.Get("required");
                if (req is { Kind: JsonNodeKind.Array })
                {
                    foreach (var item in req.Items)
                    {
                        if (item.Kind == JsonNodeKind.String) required.Add(item.Text!);
                        else Error(DiagnosticCatalog.InvalidSchemaShape, item.Span, "\"required\" must list property names as strings");
                    }
                }
                else if (req is not null)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, req.Span, "\"required\" must be an array of property names");
                }
                // allOf of object schemas merges their properties (the common "extends" idiom).
                var allOf = node.Get("allOf");
                if (allOf is { Kind: JsonNodeKind.Array })
                {
                    foreach (var part in allOf.Items)
                    {
                        var resolved = Resolve(part, document, out var partDocument);
                        if (resolved is null) continue;
                        if (resolved.Kind != JsonNodeKind.Object)
                        {
                            Error(DiagnosticCatalog.UnsupportedJsonSchema, part.Span, "an \"allOf\" part must be an object schema");
                            continue;
                        }
                        CollectProperties(resolved, partDocument, properties, required, depth + 1);
                    }
                }
            }

            /// <summary>Follows <c>$ref</c>s; returns the target node (or the node itself) and the document it lives in.</summary>
            private JsonNode? Resolve(JsonNode node, JsonNode document, out JsonNode targetDocument)
            {
                targetDocument = document;
                var hops = 0;
                while (node.Kind == JsonNodeKind.Object && node.Get("$ref") is { Kind: JsonNodeKind.String } refNode)
                {
                    if (++hops > 32)
                    {
                        Error(DiagnosticCatalog.UnresolvedReference, refNode.Span, "$ref chain is circular");
                        return null;
                    }
                    var target = ResolveRef(refNode, targetDocument, out var nextDocument);
                    if (target is null) return null;
                    node = target;
                    targetDocument = nextDocument;
                }
                return node;
            }

            private JsonNode? ResolveRef(JsonNode refNode, JsonNode document, out JsonNode targetDocument)
            {
                targetDocument = document;
                var reference = refNode.Text!;
                var hash = reference.IndexOf('#');
                var file = hash < 0 ? reference : reference.Substring(0, hash);
                var fragment = hash < 0 ? "" : reference.Substring(hash + 1);
                if (file.Length > 0)
                {
                    if (!_external.TryGetValue(file, out var external))
                    {
                        var text = _resolveExternal?.Invoke(file);
                        external = text is null ? null : JsonParser.Parse(text, file).Root;
                        _external[file] = external;
                    }
                    if (external is null)
                    {
                        Error(DiagnosticCatalog.UnresolvedReference, refNode.Span, $"$ref \"{reference}\" names the file \"{file}\", which is not a schema file beside this one (or is not valid JSON)");
                        return null;
                    }
                    targetDocument = external;
                }
                var target = JsonPointer.Evaluate(targetDocument, fragment);
                if (target is null)
                {
                    Error(DiagnosticCatalog.UnresolvedReference, refNode.Span, $"$ref \"{reference}\" does not resolve: no value at \"#{fragment}\"");
                }
                return target;
            }

            public SchemaType MapType(JsonNode node, string suggestedName, string? ns, JsonNode document)
            {
                if (node.Kind == JsonNodeKind.True) return new AnyType { Pointer = node.Pointer, Span = node.Span.WithPath(_path) };
                if (node.Kind != JsonNodeKind.Object)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, $"expected a schema object, found {node.ToShortJson()}");
                    return new AnyType();
                }
                if (node.Get("$ref") is { Kind: JsonNodeKind.String } refNode)
                {
                    var target = ResolveRef(refNode, document, out var targetDocument);
                    if (target is null) return new AnyType();
                    if (_definedByNode.TryGetValue(target, out var existing))
                    {
                        return new NamedTypeReference(existing) { Pointer = node.Pointer, Span = node.Span.WithPath(_path) };
                    }
                    var refName = target.GetString("title") ?? LastSegment(refNode.Text!);
                    return MapType(target, CSharpNames.ToPascalCase(refName), ns, targetDocument);
                }
                var span = node.Span.WithPath(_path);
                if (node.Get("enum") is { } enumNode)
                {
                    return MapEnum(node, enumNode, suggestedName, ns);
                }
                if (node.Get("oneOf") is { Kind: JsonNodeKind.Array } oneOf)
                {
                    return MapUnion(oneOf.Items, suggestedName, ns, document, node);
                }
                if (node.Get("anyOf") is { Kind: JsonNodeKind.Array } anyOf)
                {
                    return MapUnion(anyOf.Items, suggestedName, ns, document, node);
                }
                var typeNode = node.Get("type");
                if (typeNode is null)
                {
                    if (node.Get("properties") is not null || node.Get("allOf") is not null) return MapObject(node, node.GetString("title") ?? suggestedName, ns, document);
                    return new AnyType { Pointer = node.Pointer, Span = span };
                }
                if (typeNode.Kind == JsonNodeKind.Array)
                {
                    var branches = new List<SchemaType>();
                    var nullable = false;
                    foreach (var item in typeNode.Items)
                    {
                        if (item.Kind != JsonNodeKind.String)
                        {
                            Error(DiagnosticCatalog.InvalidSchemaShape, item.Span, "\"type\" array must list type names");
                            continue;
                        }
                        if (item.Text == "null")
                        {
                            nullable = true;
                            continue;
                        }
                        branches.Add(MapSingleType(node, item.Text!, item, suggestedName, ns, document));
                    }
                    if (branches.Count == 0) return new PrimitiveType(SchemaTypeKind.Null) { Pointer = node.Pointer, Span = span };
                    if (nullable) branches.Insert(0, new PrimitiveType(SchemaTypeKind.Null));
                    return branches.Count == 1 ? branches[0] : new UnionType(new EquatableArray<SchemaType>(branches.ToArray())) { Pointer = node.Pointer, Span = span };
                }
                if (typeNode.Kind != JsonNodeKind.String)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, typeNode.Span, "\"type\" must be a type name or an array of type names");
                    return new AnyType();
                }
                return MapSingleType(node, typeNode.Text!, typeNode, suggestedName, ns, document);
            }

            private SchemaType MapSingleType(JsonNode node, string type, JsonNode typeNode, string suggestedName, string? ns, JsonNode document)
            {
                var span = node.Span.WithPath(_path);
                switch (type)
                {
                    case "null":
                        return new PrimitiveType(SchemaTypeKind.Null) { Pointer = node.Pointer, Span = span };
                    case "boolean":
                        return new PrimitiveType(SchemaTypeKind.Boolean) { Pointer = node.Pointer, Span = span };
                    case "integer":
                        return new PrimitiveType(SchemaTypeKind.Long) { Pointer = node.Pointer, Span = span };
                    case "number":
                        return new PrimitiveType(SchemaTypeKind.Double) { Pointer = node.Pointer, Span = span };
                    case "string":
                    {
                        LogicalType? logical = node.GetString("format") switch
                        {
                            "uuid" => new LogicalType(LogicalType.Uuid),
                            "date" => new LogicalType(LogicalType.Date),
                            "date-time" => new LogicalType(LogicalType.TimestampMicros),
                            "time" => new LogicalType(LogicalType.TimeMicros),
                            _ => null,
                        };
                        return new PrimitiveType(SchemaTypeKind.String, logical) { Pointer = node.Pointer, Span = span };
                    }
                    case "array":
                    {
                        var items = node.Get("items");
                        var itemType = items is null ? new AnyType() : MapType(items, suggestedName + "Item", ns, document);
                        return new ArrayType(itemType) { Pointer = node.Pointer, Span = span };
                    }
                    case "object":
                    {
                        var additional = node.Get("additionalProperties");
                        if (node.Get("properties") is null && node.Get("allOf") is null && additional is { Kind: JsonNodeKind.Object })
                        {
                            return new MapType(MapType(additional, suggestedName + "Value", ns, document)) { Pointer = node.Pointer, Span = span };
                        }
                        if (node.Get("properties") is null && node.Get("allOf") is null)
                        {
                            return new MapType(new AnyType()) { Pointer = node.Pointer, Span = span };
                        }
                        return MapObject(node, node.GetString("title") ?? suggestedName, ns, document);
                    }
                    default:
                        Error(DiagnosticCatalog.InvalidSchemaShape, typeNode.Span, $"unknown JSON Schema type \"{type}\"; use string, integer, number, boolean, object, array or null");
                        return new AnyType();
                }
            }

            private SchemaType MapEnum(JsonNode node, JsonNode enumNode, string suggestedName, string? ns)
            {
                if (enumNode.Kind != JsonNodeKind.Array || enumNode.Items.Count == 0)
                {
                    Error(DiagnosticCatalog.InvalidEnum, enumNode.Span, "\"enum\" must be a non-empty array");
                    return new AnyType();
                }
                var symbols = new List<string>();
                var nullable = false;
                foreach (var item in enumNode.Items)
                {
                    if (item.Kind == JsonNodeKind.Null)
                    {
                        nullable = true;
                        continue;
                    }
                    if (item.Kind != JsonNodeKind.String)
                    {
                        Error(DiagnosticCatalog.UnsupportedJsonSchema, item.Span, "only string enums map to a contract enum; use strings for the values");
                        return new AnyType();
                    }
                    if (symbols.Contains(item.Text!))
                    {
                        Error(DiagnosticCatalog.InvalidEnum, item.Span, $"enum lists \"{item.Text}\" twice");
                        continue;
                    }
                    symbols.Add(item.Text!);
                }
                var name = node.GetString("title") ?? suggestedName;
                var fullName = AvroNames.Qualify(name, ns);
                var result = new EnumType(name, ns, node.GetString("description"), EquatableArray<string>.Empty, new EquatableArray<string>(symbols.ToArray()), node.GetString("default"))
                {
                    Pointer = node.Pointer,
                    Span = node.Span.WithPath(_path),
                };
                _definedByNode[node] = fullName;
                Named[fullName] = result;
                return nullable
                    ? new UnionType(new EquatableArray<SchemaType>(new SchemaType[] { new PrimitiveType(SchemaTypeKind.Null), result })) { Pointer = node.Pointer, Span = result.Span }
                    : result;
            }

            private SchemaType MapUnion(IReadOnlyList<JsonNode> items, string suggestedName, string? ns, JsonNode document, JsonNode node)
            {
                var branches = new List<SchemaType>();
                for (var i = 0; i < items.Count; i++)
                {
                    var branch = MapType(items[i], suggestedName + "Option" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ns, document);
                    if (branch is UnionType inner) branches.AddRange(inner.Branches);
                    else branches.Add(branch);
                }
                if (branches.Count == 1) return branches[0];
                return new UnionType(new EquatableArray<SchemaType>(branches.ToArray())) { Pointer = node.Pointer, Span = node.Span.WithPath(_path) };
            }

            private static string LastSegment(string reference)
            {
                var trimmed = reference.TrimEnd('/');
                var slash = trimmed.LastIndexOfAny(new[] { '/', '#' });
                var last = slash < 0 ? trimmed : trimmed.Substring(slash + 1);
                var dot = last.IndexOf('.');
                return dot > 0 ? last.Substring(0, dot) : last;
            }
        }
    }
}
