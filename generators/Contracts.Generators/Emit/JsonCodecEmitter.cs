using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Contracts.Schema.Model;

namespace Contracts.Generators.Emit
{
    /// <summary>
    /// Emits the JSON codec of one contract version: natural JSON over <c>Utf8JsonWriter</c>/<c>Utf8JsonReader</c>
    /// (field names as in the schema, nullable unions unwrapped, other unions as <c>{"branch": value}</c>).
    /// </summary>
    internal static class JsonCodecEmitter
    {
        private const string Json = "global::Contracts.Json.ContractJson";
        private const string JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
        private const string JsonReader = "global::System.Text.Json.Utf8JsonReader";
        private const string TokenType = "global::System.Text.Json.JsonTokenType";

        public static string CodecName(ContractPlan plan) => CSharpSyntax.Bare(plan.TypeName) + "JsonCodec";

        public static void Emit(SourceWriter w, ContractPlan plan)
        {
            var name = CodecName(plan);
            CodecScaffold.Open(w, plan, name,
                "JSON codec of <see cref=\"" + plan.Clr + "\"/>: natural JSON, field names as in the schema.",
                "global::Contracts.Json.JsonCodec");
            foreach (var record in plan.Records)
            {
                EmitWrite(w, record);
                EmitRead(w, record);
            }
            foreach (var e in plan.Enums) EmitEnumHelpers(w, e, e.Index);
            w.Close();
            w.Close();
        }

        private static void EmitEnumHelpers(SourceWriter w, EnumPlan e, int index)
        {
            w.Line();
            w.Line("private static global::System.ReadOnlySpan<byte> Symbol" + index + "(" + e.Clr + " value) => value switch");
            w.Line("{");
            w.Indent();
            for (var i = 0; i < e.Members.Length; i++) w.Line(e.Clr + "." + e.Members[i] + " => " + CSharpSyntax.Utf8(e.Type.Symbols[i]) + ",");
            w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"not a symbol of " + e.Type.FullName.Replace("\"", "") + "\"),");
            w.Unindent();
            w.Line("};");
            w.Line();
            w.Open("private static " + e.Clr + " Parse" + index + "(ref " + JsonReader + " reader, string propertyName)");
            w.Open("if (reader.TokenType == " + TokenType + ".String)");
            for (var i = 0; i < e.Members.Length; i++)
            {
                w.Line("if (reader.ValueTextEquals(" + CSharpSyntax.Utf8(e.Type.Symbols[i]) + ")) return " + e.Clr + "." + e.Members[i] + ";");
            }
            if (e.DefaultOrdinal is { } d) w.Line("return " + e.Clr + "." + e.Members[d] + ";");
            w.Close();
            w.Line(Json + ".ThrowUnknownEnumSymbol(ref reader, propertyName);");
            w.Line("return default;");
            w.Close();
        }

        private static string Table(RecordPlan record) => "Props" + record.Index;

        private static void EmitWrite(SourceWriter w, RecordPlan record)
        {
            // One table per record holds the property names, for the reader to match and pre-encoded once for the
            // writer (as System.Text.Json's source generator does, the writer then skips validating and escaping the
            // name on every call); a static field per name would cost the compiler an initializer each.
            var table = Table(record);
            w.Line();
            w.Line("private static readonly global::Contracts.Json.JsonPropertyNames " + table + " = new global::Contracts.Json.JsonPropertyNames("
                + string.Join(", ", record.Fields.Select(f => CSharpSyntax.String(f.JsonName))) + ");");
            w.Line();
            CodecScaffold.OpenWrite(w, record, JsonWriter + " writer");
            w.Line("writer.WriteStartObject();");
            var names = new Names();
            for (var i = 0; i < record.Fields.Count; i++)
            {
                var field = record.Fields[i];
                var access = "value." + field.Property;
                // Name and value in one call where there is one (fewer checks per property, one statement to compile).
                string? combined = field.Type switch
                {
                    PrimitivePlan { LogicalName: "uuid" } => "WriteUuidProperty",
                    PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.String } => "WriteStringProperty",
                    // A null string is written as the literal null.
                    NullablePlan { IsNullablePlainString: true } => "WriteStringProperty",
                    PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.Boolean } => "WriteBooleanProperty",
                    PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.Int } => "WriteInt32Property",
                    PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.Long } => "WriteInt64Property",
                    PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.Float } => "WriteSingleProperty",
                    PrimitivePlan { LogicalName: null, Kind: SchemaTypeKind.Double } => "WriteDoubleProperty",
                    _ => null,
                };
                var index = i.ToString(CultureInfo.InvariantCulture);
                if (combined is not null)
                {
                    w.Line(Json + "." + combined + "(writer, " + table + ", " + index + ", " + access + ");");
                    continue;
                }
                w.Line(Json + ".WritePropertyName(writer, " + table + ", " + index + ");");
                WriteValue(w, field.Type, access, names);
            }
            w.Line("writer.WriteEndObject();");
            w.Close();
        }

        private static void WriteValue(SourceWriter w, TypePlan type, string value, Names names)
        {
            switch (type)
            {
                case ArrayPlan array when array.IsPlainStringArray:
                    w.Line(Json + ".WriteStringArray(writer, " + value + ");");
                    break;
                case NullablePlan nullable:
                    {
                        var v = names.Next("v");
                        w.Open("if (" + value + " is { } " + v + ")");
                        WriteValue(w, nullable.Inner, v, names);
                        w.Close();
                        w.Open("else");
                        w.Line("writer.WriteNullValue();");
                        w.Close();
                        break;
                    }
                case UnionPlan union:
                    {
                        w.Open("switch (" + value + ")");
                        foreach (var c in union.Cases)
                        {
                            var v = names.Next("c");
                            w.Line("case " + c.Clr + " " + v + ":");
                            w.Indent();
                            w.Line("writer.WriteStartObject();");
                            w.Line("writer.WritePropertyName(" + CSharpSyntax.Utf8(c.JsonName) + ");");
                            WriteValue(w, c.Type, v + ".Value", names);
                            w.Line("writer.WriteEndObject();");
                            w.Line("break;");
                            w.Unindent();
                        }
                        if (union.NullIndex is not null)
                        {
                            w.Line("case null:");
                            w.Indent();
                            w.Line("writer.WriteNullValue();");
                            w.Line("break;");
                            w.Unindent();
                        }
                        w.Line("default:");
                        w.Indent();
                        w.Line("throw new global::System.ArgumentException(\"the union value is null or not one of its cases\", nameof(value));");
                        w.Unindent();
                        w.Close();
                        break;
                    }
                case ArrayPlan array:
                    {
                        var item = names.Next("item");
                        var items = names.Next("items");
                        var i = names.Next("i");
                        w.Line("var " + items + " = " + value + ";");
                        w.Line("writer.WriteStartArray();");
                        w.Open("for (int " + i + " = 0; " + i + " < " + items + ".Count; " + i + "++)");
                        w.Line("var " + item + " = " + items + "[" + i + "];");
                        WriteValue(w, array.Item, item, names);
                        w.Close();
                        w.Line("writer.WriteEndArray();");
                        break;
                    }
                case MapPlan map:
                    {
                        var entry = names.Next("entry");
                        var entries = names.Next("entries");
                        w.Line("var " + entries + " = " + value + ";");
                        w.Line("writer.WriteStartObject();");
                        AvroCodecEmitter.MapLoop(w, map, entries, entry, names, () =>
                        {
                            w.Line("writer.WritePropertyName(" + entry + ".Key);");
                            WriteValue(w, map.Value, entry + ".Value", names);
                        });
                        w.Line("writer.WriteEndObject();");
                        break;
                    }
                case RecordRefPlan record:
                    w.Line(CodecScaffold.WriteMethod(record.Record) + "(writer, " + value + ");");
                    break;
                case EnumPlan e:
                    w.Line("writer.WriteStringValue(Symbol" + e.Index + "(" + value + "));");
                    break;
                case AnyPlan:
                    w.Line(value + ".WriteTo(writer);");
                    break;
                case FixedPlan f:
                    w.Line(f.Type.Logical?.Name switch
                    {
                        "decimal" => Json + ".WriteDecimal(writer, " + value + ", " + f.Type.Logical!.Precision + ", " + f.Type.Logical.Scale + ");",
                        "duration" => Json + ".WriteDuration(writer, " + value + ");",
                        "uuid" => "writer.WriteStringValue(" + value + ");",
                        _ => "writer.WriteBase64StringValue(" + value + ");",
                    });
                    break;
                case PrimitivePlan p:
                    w.Line(PrimitiveWrite(p, value));
                    break;
            }
        }

        private static string PrimitiveWrite(PrimitivePlan p, string value)
        {
            switch (p.LogicalName)
            {
                case "uuid": return "writer.WriteStringValue(" + value + ");";
                case "date": return Json + ".WriteDate(writer, " + value + ");";
                case "time-millis":
                case "time-micros": return Json + ".WriteTime(writer, " + value + ");";
                case "timestamp-millis":
                case "timestamp-micros": return Json + ".WriteTimestamp(writer, " + value + ");";
                case "local-timestamp-millis":
                case "local-timestamp-micros": return Json + ".WriteLocalTimestamp(writer, " + value + ");";
                case "decimal": return Json + ".WriteDecimal(writer, " + value + ", " + p.Logical!.Precision + ", " + p.Logical.Scale + ");";
            }
            return p.Kind switch
            {
                SchemaTypeKind.Null => "writer.WriteNullValue();",
                SchemaTypeKind.Boolean => "writer.WriteBooleanValue(" + value + ");",
                SchemaTypeKind.Int or SchemaTypeKind.Long or SchemaTypeKind.Float or SchemaTypeKind.Double => "writer.WriteNumberValue(" + value + ");",
                SchemaTypeKind.Bytes => "writer.WriteBase64StringValue(" + value + ");",
                _ => "writer.WriteStringValue(" + value + ");",
            };
        }

        private static bool IsValueType(TypePlan type) => type switch
        {
            NullablePlan or UnionPlan or ArrayPlan or MapPlan or RecordRefPlan => false,
            EnumPlan or AnyPlan => true,
            FixedPlan f => f.Clr != "byte[]",
            PrimitivePlan p => p.Clr != "string" && p.Clr != "byte[]" && p.Clr != "object",
            _ => false,
        };

        /// <summary>A default that allocates (a record, map or array) on a field that cannot be null: built only when absent.</summary>
        private static bool AllocatesDefault(FieldPlan field)
            => field.DefaultExpression is { } d && d.StartsWith("new ", System.StringComparison.Ordinal) && !field.Type.IsNullable && !IsValueType(field.Type);

        /// <summary>Fields whose presence the object walker tracks as a bit (the rest keep a flag or a null check).</summary>
        private const int TrackedFields = 64;

        private static bool IsRequired(FieldPlan field) => field.DefaultExpression is null && !field.Type.IsNullable;

        private static void EmitRead(SourceWriter w, RecordPlan record)
        {
            // Names are matched by a shared walker (ContractJson.ReadObject) that hands back the field's position:
            // one switch instead of a comparison, a Read() and a flag per field, which is far cheaper to compile.
            var table = Table(record);
            w.Line();
            CodecScaffold.OpenRead(w, record, JsonReader);
            w.Line("var o = " + Json + ".ReadObject(ref reader, " + table + ");");
            var names = new Names();
            var locals = new List<string>();
            for (var i = 0; i < record.Fields.Count; i++)
            {
                var field = record.Fields[i];
                var local = "f" + i.ToString(CultureInfo.InvariantCulture);
                locals.Add(local);
                if (AllocatesDefault(field))
                {
                    // Built only when the property is absent (see the object initializer below).
                    w.Line(field.Type.Clr + "? " + local + " = null;");
                }
                else if (field.DefaultExpression is { } d)
                {
                    w.Line(field.Type.Declared + " " + local + " = " + d + ";");
                }
                else if (field.Type.IsNullable)
                {
                    w.Line(field.Type.Declared + " " + local + " = null;");
                }
                else if (IsValueType(field.Type))
                {
                    w.Line(field.Type.Declared + " " + local + " = default;");
                    if (i >= TrackedFields) w.Line("bool has" + i + " = false;");
                }
                else
                {
                    w.Line(field.Type.Clr + "? " + local + " = null;");
                }
            }
            w.Open("while (o.Next(ref reader))");
            if (record.Fields.Count > 0)
            {
                w.Open("switch (o.Index)");
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    var field = record.Fields[i];
                    w.Line("case " + i.ToString(CultureInfo.InvariantCulture) + ":");
                    w.Indent();
                    var value = ReadValue(w, field.Type, CSharpSyntax.String(field.JsonName), names);
                    w.Line(locals[i] + " = " + value + ";");
                    if (i >= TrackedFields && IsRequired(field) && IsValueType(field.Type)) w.Line("has" + i + " = true;");
                    w.Line("break;");
                    w.Unindent();
                }
                w.Close();
            }
            w.Close();
            ulong required = 0;
            for (var i = 0; i < record.Fields.Count && i < TrackedFields; i++)
            {
                if (IsRequired(record.Fields[i])) required |= 1UL << i;
            }
            if (required != 0) w.Line("o.EnsureRequired(ref reader, 0x" + required.ToString("x", CultureInfo.InvariantCulture) + "UL);");
            for (var i = TrackedFields; i < record.Fields.Count; i++)
            {
                var field = record.Fields[i];
                if (!IsRequired(field)) continue;
                var condition = IsValueType(field.Type) ? "!has" + i : locals[i] + " is null";
                w.Line("if (" + condition + ") " + Json + ".ThrowMissingProperty(ref reader, " + CSharpSyntax.String(field.JsonName) + ");");
            }
            w.Line("return new " + record.Clr);
            w.Line("{");
            w.Indent();
            for (var i = 0; i < record.Fields.Count; i++)
            {
                var field = record.Fields[i];
                // A required reference the walker saw is not null (every reader of a non-nullable type returns one).
                var seen = IsRequired(field) && !IsValueType(field.Type) ? "!" : "";
                w.Line(field.Property + " = " + locals[i] + seen + (AllocatesDefault(field) ? " ?? " + field.DefaultExpression : "") + ",");
            }
            w.Unindent();
            w.Line("};");
            w.Close();
        }

        /// <summary>Emits statements that read the value the reader is on; returns an expression or local holding it.</summary>
        private static string ReadValue(SourceWriter w, TypePlan type, string property, Names names)
        {
            switch (type)
            {
                case NullablePlan nullable when nullable.IsNullablePlainString:
                    return Json + ".GetNullableString(ref reader, " + property + ")";
                case ArrayPlan array when array.IsPlainStringArray:
                    return Json + ".GetStringList(ref reader, " + property + ")";
                case NullablePlan nullable:
                    {
                        var local = names.Next("n");
                        w.Line(nullable.Declared + " " + local + " = null;");
                        w.Open("if (reader.TokenType != " + TokenType + ".Null)");
                        var inner = ReadValue(w, nullable.Inner, property, names);
                        w.Line(local + " = " + inner + ";");
                        w.Close();
                        return local;
                    }
                case UnionPlan union:
                    {
                        var local = names.Next("u");
                        w.Line(union.Clr + "? " + local + " = null;");
                        w.Open((union.NullIndex is null ? "" : "if (reader.TokenType != " + TokenType + ".Null)"));
                        w.Line(Json + ".ReadStartObject(ref reader, " + property + ");");
                        w.Line("if (!" + Json + ".ReadNextProperty(ref reader)) " + Json + ".ThrowNoUnionBranch(ref reader, " + property + ");");
                        for (var i = 0; i < union.Cases.Count; i++)
                        {
                            var c = union.Cases[i];
                            w.Open((i == 0 ? "if" : "else if") + " (reader.ValueTextEquals(" + CSharpSyntax.Utf8(c.JsonName) + "))");
                            w.Line("reader.Read();");
                            var branch = ReadValue(w, c.Type, property, names);
                            w.Line(local + " = new " + c.Clr + "(" + branch + ");");
                            w.Close();
                        }
                        w.Open("else");
                        w.Line(Json + ".ThrowNoUnionBranch(ref reader, " + property + ");");
                        w.Close();
                        w.Line("reader.Read();");
                        w.Line("if (reader.TokenType != " + TokenType + ".EndObject) " + Json + ".ThrowUnexpectedToken(ref reader, " + property + ", \"the end of the one-member union object\");");
                        w.Close();
                        if (union.NullIndex is null)
                        {
                            w.Line("if (" + local + " is null) " + Json + ".ThrowNoUnionBranch(ref reader, " + property + ");");
                        }
                        return local;
                    }
                case ArrayPlan array:
                    {
                        var local = names.Next("a");
                        w.Line(Json + ".ReadStartArray(ref reader, " + property + ");");
                        w.Line("var " + local + " = new global::System.Collections.Generic.List<" + array.Item.Declared + ">();");
                        w.Open("while (" + Json + ".ReadNextItem(ref reader))");
                        var item = ReadValue(w, array.Item, property, names);
                        w.Line(local + ".Add(" + item + ");");
                        w.Close();
                        return local;
                    }
                case MapPlan map:
                    {
                        var local = names.Next("m");
                        var key = names.Next("key");
                        w.Line(Json + ".ReadStartObject(ref reader, " + property + ");");
                        w.Line("var " + local + " = new global::System.Collections.Generic.Dictionary<string, " + map.Value.Declared + ">();");
                        w.Open("while (" + Json + ".ReadNextProperty(ref reader))");
                        w.Line("var " + key + " = reader.GetString() ?? string.Empty;");
                        w.Line("reader.Read();");
                        var value = ReadValue(w, map.Value, property, names);
                        w.Line(local + "[" + key + "] = " + value + ";");
                        w.Close();
                        return local;
                    }
                case RecordRefPlan record:
                    {
                        var local = names.Next("r");
                        w.Line("var " + local + " = " + CodecScaffold.ReadMethod(record.Record) + "(ref reader);");
                        return local;
                    }
                case EnumPlan e:
                    return "Parse" + e.Index + "(ref reader, " + property + ")";
                case AnyPlan:
                    return "global::System.Text.Json.JsonElement.ParseValue(ref reader)";
                case FixedPlan f:
                    switch (f.Type.Logical?.Name)
                    {
                        case "decimal": return Json + ".GetDecimal(ref reader, " + property + ", " + f.Type.Logical!.Precision + ", " + f.Type.Logical.Scale + ")";
                        case "duration": return Json + ".GetDuration(ref reader, " + property + ")";
                        case "uuid": return Json + ".GetUuid(ref reader, " + property + ")";
                        default:
                            {
                                var local = names.Next("x");
                                w.Line("var " + local + " = " + Json + ".GetBytes(ref reader, " + property + ");");
                                w.Line("if (" + local + ".Length != " + f.Type.Size + ") throw new global::Contracts.Exceptions.JsonDecodeException(reader.TokenStartIndex, \"expected " + f.Type.Size + " bytes for fixed " + f.Type.Name + "\", " + property + ");");
                                return local;
                            }
                    }
                case PrimitivePlan p:
                    switch (p.LogicalName)
                    {
                        case "uuid": return Json + ".GetUuid(ref reader, " + property + ")";
                        case "date": return Json + ".GetDate(ref reader, " + property + ")";
                        case "time-millis":
                        case "time-micros": return Json + ".GetTime(ref reader, " + property + ")";
                        case "timestamp-millis":
                        case "timestamp-micros": return Json + ".GetTimestamp(ref reader, " + property + ")";
                        case "local-timestamp-millis":
                        case "local-timestamp-micros": return Json + ".GetLocalTimestamp(ref reader, " + property + ")";
                        case "decimal": return Json + ".GetDecimal(ref reader, " + property + ", " + p.Logical!.Precision + ", " + p.Logical.Scale + ")";
                    }
                    return p.Kind switch
                    {
                        SchemaTypeKind.Null => "(object?)null",
                        SchemaTypeKind.Boolean => Json + ".GetBoolean(ref reader, " + property + ")",
                        SchemaTypeKind.Int => Json + ".GetInt32(ref reader, " + property + ")",
                        SchemaTypeKind.Long => Json + ".GetInt64(ref reader, " + property + ")",
                        SchemaTypeKind.Float => Json + ".GetSingle(ref reader, " + property + ")",
                        SchemaTypeKind.Double => Json + ".GetDouble(ref reader, " + property + ")",
                        SchemaTypeKind.Bytes => Json + ".GetBytes(ref reader, " + property + ")",
                        _ => Json + ".GetString(ref reader, " + property + ")",
                    };
                default:
                    throw new System.InvalidOperationException("no JSON decoding for " + type.Clr);
            }
        }
    }
}
