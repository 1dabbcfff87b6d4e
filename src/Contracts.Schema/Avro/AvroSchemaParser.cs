using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Schema.Avro
{
    /// <summary>The outcome of parsing one Avro schema text.</summary>
    public sealed class AvroParseResult : SchemaParseResult
    {
        internal AvroParseResult(JsonNode? document, SchemaType? root, IReadOnlyDictionary<string, NamedType>? namedTypes, EquatableArray<SchemaDiagnostic> diagnostics)
            : base(document, root, namedTypes, diagnostics)
        {
        }

        internal static AvroParseResult NotJson(JsonSyntaxError error) => new AvroParseResult(null, null, null, InvalidJson(error));
    }

    /// <summary>
    /// Parses Avro schemas (<c>.avsc</c>) into the contract model, following the Avro 1.12 specification.
    /// Reports every problem in one pass with its line and column; does no I/O.
    /// </summary>
    public static class AvroSchemaParser
    {
        /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> names the file in diagnostics.</summary>
        public static AvroParseResult Parse(string text, string path)
        {
            var json = JsonParser.Parse(text, path);
            if (json.Root is null)
            {
                return AvroParseResult.NotJson(json.Error!);
            }
            return Parse(json, path);
        }

        /// <summary>Parses an already parsed JSON document.</summary>
        public static AvroParseResult Parse(JsonParseResult json, string path)
        {
            var parser = new Parser(path);
            foreach (var duplicate in json.DuplicateMembers)
            {
                parser.Error(DiagnosticCatalog.DuplicateJsonMember, duplicate.NameSpan, $"\"{duplicate.Name}\" appears twice in the same object; keep one");
            }
            var root = parser.ParseSchema(json.Root!, null);
            parser.ValidateDeferred();
            var diagnostics = parser.Diagnostics;
            diagnostics.Sort((a, b) => a.Location.Offset.CompareTo(b.Location.Offset));
            var hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            return new AvroParseResult(json.Root, hasErrors ? null : root, parser.Named, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
        }

        private sealed class Parser
        {
            private readonly string _path;
            private readonly List<(FieldDefinition Field, JsonNode Default, string RecordName)> _defaults = new List<(FieldDefinition, JsonNode, string)>();
            private readonly HashSet<string> _beingDefined = new HashSet<string>(StringComparer.Ordinal);

            public Parser(string path) => _path = path;

            public List<SchemaDiagnostic> Diagnostics { get; } = new List<SchemaDiagnostic>();

            public Dictionary<string, NamedType> Named { get; } = new Dictionary<string, NamedType>(StringComparer.Ordinal);

            public void Error(string id, SourceSpan span, string message)
                => Diagnostics.Add(new SchemaDiagnostic(id, DiagnosticSeverity.Error, message, span.WithPath(_path)));

            private void Warning(string id, SourceSpan span, string message)
                => Diagnostics.Add(new SchemaDiagnostic(id, DiagnosticSeverity.Warning, message, span.WithPath(_path)));

            private static SourceSpan At(JsonNode node) => node.Member?.NameSpan ?? node.Span;

            public SchemaType ParseSchema(JsonNode node, string? enclosingNamespace)
            {
                switch (node.Kind)
                {
                    case JsonNodeKind.String:
                        return ParseTypeName(node, enclosingNamespace);
                    case JsonNodeKind.Array:
                        return ParseUnion(node, enclosingNamespace);
                    case JsonNodeKind.Object:
                        return ParseObject(node, enclosingNamespace);
                    default:
                        Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, $"expected a schema (a type name, an object with \"type\", or a union array) but found {node.ToShortJson()}");
                        return Invalid(node);
                }
            }

            private static SchemaType Invalid(JsonNode node) => new PrimitiveType(SchemaTypeKind.Null) { Pointer = node.Pointer, Span = node.Span };

            private SchemaType ParseTypeName(JsonNode node, string? enclosingNamespace)
            {
                var name = node.Text!;
                if (AvroNames.IsPrimitive(name)) return Primitive(name, null, node);
                var candidates = name.IndexOf('.') >= 0 || string.IsNullOrEmpty(enclosingNamespace)
                    ? new[] { name }
                    : new[] { enclosingNamespace + "." + name, name };
                foreach (var candidate in candidates)
                {
                    if (Named.ContainsKey(candidate) || _beingDefined.Contains(candidate))
                    {
                        return new NamedTypeReference(candidate) { Pointer = node.Pointer, Span = node.Span.WithPath(_path) };
                    }
                }
                var hint = name is "record" or "enum" or "array" or "map" or "fixed"
                    ? $"\"{name}\" needs an object: {{\"type\": \"{name}\", ...}}"
                    : "use a primitive (null, boolean, int, long, float, double, bytes, string) or a named type defined earlier in this schema";
                Error(DiagnosticCatalog.UnknownType, node.Span, $"unknown type \"{name}\"; {hint}");
                return Invalid(node);
            }

            private SchemaType Primitive(string name, LogicalType? logical, JsonNode node)
            {
                var kind = name switch
                {
                    "null" => SchemaTypeKind.Null,
                    "boolean" => SchemaTypeKind.Boolean,
                    "int" => SchemaTypeKind.Int,
                    "long" => SchemaTypeKind.Long,
                    "float" => SchemaTypeKind.Float,
                    "double" => SchemaTypeKind.Double,
                    "bytes" => SchemaTypeKind.Bytes,
                    _ => SchemaTypeKind.String,
                };
                return new PrimitiveType(kind, logical) { Pointer = node.Pointer, Span = node.Span.WithPath(_path) };
            }

            private SchemaType ParseUnion(JsonNode node, string? enclosingNamespace)
            {
                var branches = new List<SchemaType>(node.Items.Count);
                var seen = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
                foreach (var item in node.Items)
                {
                    var branch = ParseSchema(item, enclosingNamespace);
                    if (branch.Kind == SchemaTypeKind.Union)
                    {
                        Error(DiagnosticCatalog.InvalidUnion, item.Span, "a union cannot directly contain another union; list the inner union's branches in the outer one");
                    }
                    var key = UnionKey(branch);
                    if (key is not null)
                    {
                        if (seen.ContainsKey(key))
                        {
                            Error(DiagnosticCatalog.InvalidUnion, item.Span, $"the union already has a \"{key}\" branch; a union may hold each type once (named types once per name)");
                        }
                        else
                        {
                            seen.Add(key, item);
                        }
                    }
                    branches.Add(branch);
                }
                return new UnionType(new EquatableArray<SchemaType>(branches.ToArray())) { Pointer = node.Pointer, Span = node.Span.WithPath(_path) };
            }

            private static string? UnionKey(SchemaType type) => type switch
            {
                NamedType named => named.FullName,
                NamedTypeReference reference => reference.FullName,
                UnionType => null,
                _ => type.Kind.ToString().ToLowerInvariant(),
            };

            private SchemaType ParseObject(JsonNode node, string? enclosingNamespace)
            {
                var typeNode = node.Get("type");
                if (typeNode is null)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, "a schema object needs a \"type\" attribute");
                    return Invalid(node);
                }
                if (typeNode.Kind != JsonNodeKind.String)
                {
                    if (typeNode.Kind == JsonNodeKind.Object || typeNode.Kind == JsonNodeKind.Array)
                    {
                        // {"type": {...}} and {"type": [...]} wrap a schema; parse the inner one.
                        return ParseSchema(typeNode, enclosingNamespace);
                    }
                    Error(DiagnosticCatalog.InvalidSchemaShape, typeNode.Span, $"\"type\" must be a string, object or array, not {typeNode.ToShortJson()}");
                    return Invalid(node);
                }
                var type = typeNode.Text!;
                switch (type)
                {
                    case "record":
                    case "error":
                        return ParseRecord(node, enclosingNamespace);
                    case "enum":
                        return ParseEnum(node, enclosingNamespace);
                    case "fixed":
                        return ParseFixed(node, enclosingNamespace);
                    case "array":
                    {
                        var items = node.Get("items");
                        if (items is null)
                        {
                            Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, "an array schema needs \"items\"");
                            return Invalid(node);
                        }
                        return new ArrayType(ParseSchema(items, enclosingNamespace)) { Pointer = node.Pointer, Span = node.Span.WithPath(_path), Properties = ExtraProperties(node, ArrayAttributes) };
                    }
                    case "map":
                    {
                        var values = node.Get("values");
                        if (values is null)
                        {
                            Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, "a map schema needs \"values\"");
                            return Invalid(node);
                        }
                        return new MapType(ParseSchema(values, enclosingNamespace)) { Pointer = node.Pointer, Span = node.Span.WithPath(_path), Properties = ExtraProperties(node, MapAttributes) };
                    }
                    default:
                        if (AvroNames.IsPrimitive(type))
                        {
                            var logical = ParseLogicalType(node, type, null);
                            var primitive = (PrimitiveType)Primitive(type, logical, node);
                            return primitive with { Properties = ExtraProperties(node, PrimitiveAttributes) };
                        }
                        // {"type": "com.example.Name"} refers to a named type.
                        return ParseTypeName(typeNode, enclosingNamespace) is var resolved && resolved is NamedTypeReference reference
                            ? reference with { Pointer = node.Pointer, Span = node.Span.WithPath(_path) }
                            : resolved;
                }
            }

            private static readonly HashSet<string> RecordAttributes = new HashSet<string>(StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "fields" };
            private static readonly HashSet<string> EnumAttributes = new HashSet<string>(StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "symbols", "default" };
            private static readonly HashSet<string> FixedAttributes = new HashSet<string>(StringComparer.Ordinal) { "type", "name", "namespace", "doc", "aliases", "size", "logicalType", "precision", "scale" };
            private static readonly HashSet<string> ArrayAttributes = new HashSet<string>(StringComparer.Ordinal) { "type", "items" };
            private static readonly HashSet<string> MapAttributes = new HashSet<string>(StringComparer.Ordinal) { "type", "values" };
            private static readonly HashSet<string> PrimitiveAttributes = new HashSet<string>(StringComparer.Ordinal) { "type", "logicalType", "precision", "scale" };
            private static readonly HashSet<string> FieldAttributes = new HashSet<string>(StringComparer.Ordinal) { "name", "type", "doc", "default", "order", "aliases" };

            private static EquatableArray<SchemaProperty> ExtraProperties(JsonNode node, HashSet<string> known)
            {
                List<SchemaProperty>? extra = null;
                foreach (var member in node.Members)
                {
                    if (known.Contains(member.Name)) continue;
                    (extra ??= new List<SchemaProperty>()).Add(new SchemaProperty(member.Name, member.Value.ToJson()));
                }
                return extra is null ? EquatableArray<SchemaProperty>.Empty : new EquatableArray<SchemaProperty>(extra.ToArray());
            }

            private (string Name, string? Namespace)? ParseName(JsonNode node, string? enclosingNamespace, string what)
            {
                var nameNode = node.Get("name");
                if (nameNode is null || nameNode.Kind != JsonNodeKind.String)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, nameNode?.Span ?? node.Span, $"a {what} needs a \"name\" string");
                    return null;
                }
                var raw = nameNode.Text!;
                string? ns;
                string name;
                if (raw.IndexOf('.') >= 0)
                {
                    (ns, name) = AvroNames.Split(raw);
                }
                else
                {
                    name = raw;
                    var nsNode = node.Get("namespace");
                    if (nsNode is null)
                    {
                        ns = enclosingNamespace;
                    }
                    else if (nsNode.Kind == JsonNodeKind.String)
                    {
                        ns = nsNode.Text;
                    }
                    else if (nsNode.Kind == JsonNodeKind.Null)
                    {
                        ns = null;
                    }
                    else
                    {
                        Error(DiagnosticCatalog.InvalidSchemaShape, nsNode.Span, "\"namespace\" must be a string");
                        ns = enclosingNamespace;
                    }
                    if (!AvroNames.IsValidNamespace(ns))
                    {
                        Error(DiagnosticCatalog.InvalidName, nsNode?.Span ?? nameNode.Span, $"invalid namespace \"{ns}\": use dot-separated names of letters, digits and underscores, each starting with a letter or underscore");
                    }
                }
                if (!AvroNames.IsValidName(name) || (ns is not null && raw.IndexOf('.') >= 0 && !AvroNames.IsValidNamespace(ns)))
                {
                    Error(DiagnosticCatalog.InvalidName, nameNode.Span, $"invalid {what} name \"{raw}\": a name starts with a letter or underscore and holds only letters, digits and underscores");
                    return null;
                }
                if (AvroNames.IsPrimitive(name) && string.IsNullOrEmpty(ns))
                {
                    Error(DiagnosticCatalog.InvalidName, nameNode.Span, $"\"{name}\" is a primitive type name and cannot name a {what}; choose another name");
                    return null;
                }
                return (name, string.IsNullOrEmpty(ns) ? null : ns);
            }

            private EquatableArray<string> ParseAliases(JsonNode node, string? ns, bool qualify)
            {
                var aliases = node.Get("aliases");
                if (aliases is null) return EquatableArray<string>.Empty;
                if (aliases.Kind != JsonNodeKind.Array)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, aliases.Span, "\"aliases\" must be an array of names");
                    return EquatableArray<string>.Empty;
                }
                var list = new List<string>();
                foreach (var item in aliases.Items)
                {
                    if (item.Kind != JsonNodeKind.String)
                    {
                        Error(DiagnosticCatalog.InvalidSchemaShape, item.Span, "an alias must be a string");
                        continue;
                    }
                    var alias = item.Text!;
                    var (aliasNs, aliasName) = AvroNames.Split(alias);
                    if (!AvroNames.IsValidName(aliasName) || !AvroNames.IsValidNamespace(aliasNs) || (!qualify && aliasNs is not null))
                    {
                        Error(DiagnosticCatalog.InvalidName, item.Span, $"invalid alias \"{alias}\"");
                        continue;
                    }
                    list.Add(qualify ? AvroNames.Qualify(alias, ns) : alias);
                }
                return new EquatableArray<string>(list.ToArray());
            }

            private string? ParseDoc(JsonNode node)
            {
                var doc = node.Get("doc");
                if (doc is null) return null;
                if (doc.Kind != JsonNodeKind.String)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, doc.Span, "\"doc\" must be a string");
                    return null;
                }
                return doc.Text;
            }

            private bool BeginDefinition(string fullName, JsonNode node)
            {
                if (Named.ContainsKey(fullName) || _beingDefined.Contains(fullName))
                {
                    Error(DiagnosticCatalog.DuplicateNamedType, node.Get("name")?.Span ?? node.Span, $"the type \"{fullName}\" is defined twice; define it once and refer to it by name afterwards");
                    return false;
                }
                _beingDefined.Add(fullName);
                return true;
            }

            private void EndDefinition(NamedType type)
            {
                _beingDefined.Remove(type.FullName);
                Named[type.FullName] = type;
            }

            private SchemaType ParseRecord(JsonNode node, string? enclosingNamespace)
            {
                var parsedName = ParseName(node, enclosingNamespace, "record");
                var name = parsedName?.Name ?? "_invalid";
                var ns = parsedName?.Namespace ?? enclosingNamespace;
                var fullName = AvroNames.Qualify(name, ns);
                var defined = parsedName is not null && BeginDefinition(fullName, node);
                var doc = ParseDoc(node);
                var aliases = ParseAliases(node, ns, qualify: true);
                var fields = new List<FieldDefinition>();
                var fieldsNode = node.Get("fields");
                if (fieldsNode is null || fieldsNode.Kind != JsonNodeKind.Array)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, fieldsNode?.Span ?? node.Span, "a record needs a \"fields\" array");
                }
                else
                {
                    var names = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
                    var csharpNames = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var fieldNode in fieldsNode.Items)
                    {
                        var field = ParseField(fieldNode, ns, name);
                        if (field is null) continue;
                        var nameSpan = fieldNode.Get("name")!.Span;
                        if (names.ContainsKey(field.Name))
                        {
                            Error(DiagnosticCatalog.DuplicateField, nameSpan, $"record \"{fullName}\" already has a field \"{field.Name}\"; rename or remove one");
                            continue;
                        }
                        names.Add(field.Name, fieldNode);
                        var csharp = CSharpNames.ToPascalCase(field.Name);
                        if (csharpNames.TryGetValue(csharp, out var other))
                        {
                            Error(DiagnosticCatalog.CSharpNameCollision, nameSpan, $"fields \"{other}\" and \"{field.Name}\" of record \"{fullName}\" both become the C# property {csharp}; rename one");
                        }
                        else
                        {
                            csharpNames.Add(csharp, field.Name);
                        }
                        fields.Add(field);
                    }
                }
                var record = new RecordType(name, ns, doc, aliases, new EquatableArray<FieldDefinition>(fields.ToArray()))
                {
                    Pointer = node.Pointer,
                    Span = node.Span.WithPath(_path),
                    Properties = ExtraProperties(node, RecordAttributes),
                };
                if (defined) EndDefinition(record);
                return record;
            }

            private FieldDefinition? ParseField(JsonNode node, string? ns, string recordName)
            {
                if (node.Kind != JsonNodeKind.Object)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, $"a field of record \"{recordName}\" must be an object with \"name\" and \"type\"");
                    return null;
                }
                var nameNode = node.Get("name");
                if (nameNode is null || nameNode.Kind != JsonNodeKind.String)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, nameNode?.Span ?? node.Span, $"a field of record \"{recordName}\" needs a \"name\" string");
                    return null;
                }
                var name = nameNode.Text!;
                if (!AvroNames.IsValidName(name))
                {
                    Error(DiagnosticCatalog.InvalidName, nameNode.Span, $"invalid field name \"{name}\": a name starts with a letter or underscore and holds only letters, digits and underscores");
                }
                var typeNode = node.Get("type");
                if (typeNode is null)
                {
                    Error(DiagnosticCatalog.InvalidSchemaShape, node.Span, $"field \"{name}\" needs a \"type\"");
                    return null;
                }
                var type = ParseSchema(typeNode, ns);
                var order = FieldOrder.Ascending;
                var orderNode = node.Get("order");
                if (orderNode is not null)
                {
                    switch (orderNode.Kind == JsonNodeKind.String ? orderNode.Text : null)
                    {
                        case "ascending": break;
                        case "descending": order = FieldOrder.Descending; break;
                        case "ignore": order = FieldOrder.Ignore; break;
                        default:
                            Error(DiagnosticCatalog.InvalidSchemaShape, orderNode.Span, $"field \"{name}\": \"order\" must be \"ascending\", \"descending\" or \"ignore\"");
                            break;
                    }
                }
                var defaultNode = node.Get("default");
                var field = new FieldDefinition(name, type, ParseDoc(node), defaultNode?.ToJson(), ParseAliases(node, null, qualify: false), order)
                {
                    Pointer = node.Pointer,
                    Span = node.Span.WithPath(_path),
                    Properties = ExtraProperties(node, FieldAttributes),
                };
                if (defaultNode is not null) _defaults.Add((field, defaultNode, recordName));
                return field;
            }

            private SchemaType ParseEnum(JsonNode node, string? enclosingNamespace)
            {
                var parsedName = ParseName(node, enclosingNamespace, "enum");
                var name = parsedName?.Name ?? "_invalid";
                var ns = parsedName?.Namespace ?? enclosingNamespace;
                var fullName = AvroNames.Qualify(name, ns);
                var defined = parsedName is not null && BeginDefinition(fullName, node);
                var symbols = new List<string>();
                var symbolsNode = node.Get("symbols");
                if (symbolsNode is null || symbolsNode.Kind != JsonNodeKind.Array)
                {
                    Error(DiagnosticCatalog.InvalidEnum, symbolsNode?.Span ?? node.Span, $"enum \"{fullName}\" needs a \"symbols\" array");
                }
                else
                {
                    var csharpNames = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var item in symbolsNode.Items)
                    {
                        if (item.Kind != JsonNodeKind.String || !AvroNames.IsValidName(item.Text))
                        {
                            Error(DiagnosticCatalog.InvalidEnum, item.Span, $"enum \"{fullName}\": symbol {item.ToShortJson()} is not a valid name (letters, digits and underscores, not starting with a digit)");
                            continue;
                        }
                        if (symbols.Contains(item.Text!))
                        {
                            Error(DiagnosticCatalog.InvalidEnum, item.Span, $"enum \"{fullName}\" lists symbol \"{item.Text}\" twice");
                            continue;
                        }
                        var csharp = CSharpNames.ToPascalCase(item.Text!);
                        if (csharpNames.TryGetValue(csharp, out var other))
                        {
                            Error(DiagnosticCatalog.CSharpNameCollision, item.Span, $"enum \"{fullName}\": symbols \"{other}\" and \"{item.Text}\" both become the C# member {csharp}; rename one");
                        }
                        else
                        {
                            csharpNames.Add(csharp, item.Text!);
                        }
                        symbols.Add(item.Text!);
                    }
                }
                string? defaultSymbol = null;
                var defaultNode = node.Get("default");
                if (defaultNode is not null)
                {
                    if (defaultNode.Kind != JsonNodeKind.String || !symbols.Contains(defaultNode.Text!))
                    {
                        Error(DiagnosticCatalog.InvalidEnum, defaultNode.Span, $"enum \"{fullName}\": default {defaultNode.ToShortJson()} is not one of its symbols");
                    }
                    else
                    {
                        defaultSymbol = defaultNode.Text;
                    }
                }
                var result = new EnumType(name, ns, ParseDoc(node), ParseAliases(node, ns, qualify: true), new EquatableArray<string>(symbols.ToArray()), defaultSymbol)
                {
                    Pointer = node.Pointer,
                    Span = node.Span.WithPath(_path),
                    Properties = ExtraProperties(node, EnumAttributes),
                };
                if (defined) EndDefinition(result);
                return result;
            }

            private SchemaType ParseFixed(JsonNode node, string? enclosingNamespace)
            {
                var parsedName = ParseName(node, enclosingNamespace, "fixed");
                var name = parsedName?.Name ?? "_invalid";
                var ns = parsedName?.Namespace ?? enclosingNamespace;
                var fullName = AvroNames.Qualify(name, ns);
                var defined = parsedName is not null && BeginDefinition(fullName, node);
                var size = 0;
                var sizeNode = node.Get("size");
                if (sizeNode is null || !sizeNode.TryGetInt64(out var rawSize) || rawSize < 0 || rawSize > int.MaxValue)
                {
                    Error(DiagnosticCatalog.InvalidFixedSize, sizeNode?.Span ?? node.Span, $"fixed \"{fullName}\" needs a \"size\": a non-negative integer number of bytes");
                }
                else
                {
                    size = (int)rawSize;
                }
                var logical = ParseLogicalType(node, "fixed", size);
                var result = new FixedType(name, ns, ParseDoc(node), ParseAliases(node, ns, qualify: true), size, logical)
                {
                    Pointer = node.Pointer,
                    Span = node.Span.WithPath(_path),
                    Properties = ExtraProperties(node, FixedAttributes),
                };
                if (defined) EndDefinition(result);
                return result;
            }

            private LogicalType? ParseLogicalType(JsonNode node, string underlying, int? fixedSize)
            {
                var logicalNode = node.Get("logicalType");
                if (logicalNode is null) return null;
                if (logicalNode.Kind != JsonNodeKind.String)
                {
                    Error(DiagnosticCatalog.InvalidLogicalType, logicalNode.Span, "\"logicalType\" must be a string");
                    return null;
                }
                var name = logicalNode.Text!;
                string? expected;
                switch (name)
                {
                    case LogicalType.Uuid:
                        if (underlying == "string" || (underlying == "fixed" && fixedSize == 16)) return new LogicalType(name);
                        expected = "\"string\" or a fixed of size 16";
                        break;
                    case LogicalType.Date:
                    case LogicalType.TimeMillis:
                        if (underlying == "int") return new LogicalType(name);
                        expected = "\"int\"";
                        break;
                    case LogicalType.TimeMicros:
                    case LogicalType.TimestampMillis:
                    case LogicalType.TimestampMicros:
                    case LogicalType.LocalTimestampMillis:
                    case LogicalType.LocalTimestampMicros:
                        if (underlying == "long") return new LogicalType(name);
                        expected = "\"long\"";
                        break;
                    case LogicalType.Duration:
                        if (underlying == "fixed" && fixedSize == 12) return new LogicalType(name);
                        expected = "a fixed of size 12";
                        break;
                    case LogicalType.Decimal:
                        return ParseDecimal(node, logicalNode, underlying, fixedSize);
                    default:
                        Warning(DiagnosticCatalog.UnknownLogicalType, logicalNode.Span, $"unknown logical type \"{name}\" is ignored; the value is read as its underlying type {underlying}");
                        return null;
                }
                Error(DiagnosticCatalog.InvalidLogicalType, logicalNode.Span, $"logical type \"{name}\" must annotate {expected}, not {underlying}{(fixedSize is int s ? $" of size {s}" : "")}");
                return null;
            }

            private LogicalType? ParseDecimal(JsonNode node, JsonNode logicalNode, string underlying, int? fixedSize)
            {
                if (underlying != "bytes" && underlying != "fixed")
                {
                    Error(DiagnosticCatalog.InvalidLogicalType, logicalNode.Span, $"logical type \"decimal\" must annotate \"bytes\" or a fixed, not {underlying}");
                    return null;
                }
                var precisionNode = node.Get("precision");
                if (precisionNode is null || !precisionNode.TryGetInt64(out var precision) || precision <= 0 || precision > int.MaxValue)
                {
                    Error(DiagnosticCatalog.InvalidLogicalType, precisionNode?.Span ?? logicalNode.Span, "decimal needs \"precision\": a positive integer (the number of significant digits)");
                    return null;
                }
                long scale = 0;
                var scaleNode = node.Get("scale");
                if (scaleNode is not null && (!scaleNode.TryGetInt64(out scale) || scale < 0))
                {
                    Error(DiagnosticCatalog.InvalidLogicalType, scaleNode.Span, "decimal \"scale\" must be a non-negative integer");
                    return null;
                }
                if (scale > precision)
                {
                    Error(DiagnosticCatalog.InvalidLogicalType, scaleNode!.Span, $"decimal scale {scale} is larger than its precision {precision}");
                    return null;
                }
                if (fixedSize is int size)
                {
                    // The largest precision a two's-complement number of `size` bytes can hold: floor(log10(2^(8*size-1) - 1)).
                    var maxPrecision = size == 0 ? 0 : (long)Math.Floor(Math.Log10(2) * (8 * size - 1));
                    if (precision > maxPrecision)
                    {
                        Error(DiagnosticCatalog.InvalidLogicalType, precisionNode.Span, $"decimal precision {precision} does not fit in a fixed of {size} bytes (at most {maxPrecision} digits)");
                        return null;
                    }
                }
                return new LogicalType(LogicalType.Decimal, (int)precision, (int)scale);
            }

            public void ValidateDeferred()
            {
                foreach (var (field, node, recordName) in _defaults)
                {
                    var problem = AvroDefaults.Validate(field.Type, node, Named);
                    if (problem is not null)
                    {
                        Error(DiagnosticCatalog.InvalidDefault, node.Span, $"field \"{field.Name}\" of record \"{recordName}\": default {node.ToShortJson()} {problem}");
                    }
                }
            }
        }
    }
}
