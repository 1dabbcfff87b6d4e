using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Schema.Avro
{
    /// <summary>
    /// Avro's Parsing Canonical Form, as the specification defines it: primitives in simple form, full names
    /// without namespaces, only the attributes that matter for parsing (name, type, fields, symbols, items,
    /// values, size) in that order, no whitespace. Docs, aliases, defaults and logical types are stripped.
    /// </summary>
    public static class AvroCanonicalForm
    {
        /// <summary>The Parsing Canonical Form of <paramref name="schema"/>.</summary>
        public static string Of(SchemaType schema)
        {
            var builder = new StringBuilder(256);
            Write(builder, schema, new HashSet<string>(System.StringComparer.Ordinal));
            return builder.ToString();
        }

        private static void Write(StringBuilder b, SchemaType type, HashSet<string> seen)
        {
            switch (type)
            {
                case NamedTypeReference reference:
                    JsonNode.WriteString(b, reference.FullName);
                    return;
                case NamedType named when !seen.Add(named.FullName):
                    JsonNode.WriteString(b, named.FullName);
                    return;
                case RecordType record:
                    b.Append("{\"name\":");
                    JsonNode.WriteString(b, record.FullName);
                    b.Append(",\"type\":\"record\",\"fields\":[");
                    for (var i = 0; i < record.Fields.Count; i++)
                    {
                        if (i > 0) b.Append(',');
                        b.Append("{\"name\":");
                        JsonNode.WriteString(b, record.Fields[i].Name);
                        b.Append(",\"type\":");
                        Write(b, record.Fields[i].Type, seen);
                        b.Append('}');
                    }
                    b.Append("]}");
                    return;
                case EnumType enumType:
                    b.Append("{\"name\":");
                    JsonNode.WriteString(b, enumType.FullName);
                    b.Append(",\"type\":\"enum\",\"symbols\":[");
                    for (var i = 0; i < enumType.Symbols.Count; i++)
                    {
                        if (i > 0) b.Append(',');
                        JsonNode.WriteString(b, enumType.Symbols[i]);
                    }
                    b.Append("]}");
                    return;
                case FixedType fixedType:
                    b.Append("{\"name\":");
                    JsonNode.WriteString(b, fixedType.FullName);
                    b.Append(",\"type\":\"fixed\",\"size\":").Append(fixedType.Size.ToString(CultureInfo.InvariantCulture)).Append('}');
                    return;
                case ArrayType array:
                    b.Append("{\"type\":\"array\",\"items\":");
                    Write(b, array.Items, seen);
                    b.Append('}');
                    return;
                case MapType map:
                    b.Append("{\"type\":\"map\",\"values\":");
                    Write(b, map.Values, seen);
                    b.Append('}');
                    return;
                case UnionType union:
                    b.Append('[');
                    for (var i = 0; i < union.Branches.Count; i++)
                    {
                        if (i > 0) b.Append(',');
                        Write(b, union.Branches[i], seen);
                    }
                    b.Append(']');
                    return;
                default:
                    b.Append('"').Append(PrimitiveName(type.Kind)).Append('"');
                    return;
            }
        }

        /// <summary>The Avro name of a primitive kind.</summary>
        public static string PrimitiveName(SchemaTypeKind kind) => kind switch
        {
            SchemaTypeKind.Null => "null",
            SchemaTypeKind.Boolean => "boolean",
            SchemaTypeKind.Int => "int",
            SchemaTypeKind.Long => "long",
            SchemaTypeKind.Float => "float",
            SchemaTypeKind.Double => "double",
            SchemaTypeKind.Bytes => "bytes",
            SchemaTypeKind.String => "string",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}
