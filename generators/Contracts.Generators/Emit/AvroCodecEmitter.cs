using System.Globalization;
using System.Linq;
using Contracts.Schema.Model;

namespace Contracts.Generators.Emit
{
    /// <summary>
    /// Emits the Avro binary codec of one contract version: straight-line calls on
    /// <c>AvroWriter</c>/<c>AvroReader</c>, one write and one read method per record.
    /// </summary>
    internal static class AvroCodecEmitter
    {
        private const string Writer = "global::Contracts.Avro.AvroWriter";
        private const string Reader = "global::Contracts.Avro.AvroReader";

        public static string CodecName(ContractPlan plan) => CSharpSyntax.Bare(plan.TypeName) + "AvroCodec";

        public static void Emit(SourceWriter w, ContractPlan plan)
        {
            var name = CodecName(plan);
            CodecScaffold.Open(w, plan, name,
                "Avro binary codec of <see cref=\"" + plan.Clr + "\"/> (the bytes Apache.Avro writes for the same schema and data).",
                "global::Contracts.Avro.AvroCodec");
            foreach (var record in plan.Records)
            {
                EmitWrite(w, record);
                EmitRead(w, record);
            }
            w.Close();
            w.Close();
        }

        private static void EmitWrite(SourceWriter w, RecordPlan record)
        {
            w.Line();
            CodecScaffold.OpenWrite(w, record, "ref " + Writer + " writer");
            var names = new Names();
            foreach (var field in record.Fields) WriteValue(w, field.Type, "value." + field.Property, names);
            w.Close();
        }

        private static void WriteValue(SourceWriter w, TypePlan type, string value, Names names)
        {
            switch (type)
            {
                case NullablePlan nullable when nullable.IsNullablePlainString:
                    w.Line("writer.WriteNullableString(" + value + ", " + nullable.NullIndex + ");");
                    break;
                case ArrayPlan array when array.IsPlainStringArray:
                    w.Line("writer.WriteStringArray(" + value + ");");
                    break;
                case NullablePlan nullable:
                    {
                        var v = names.Next("v");
                        w.Open("if (" + value + " is { } " + v + ")");
                        w.Line("writer.WriteUnionIndex(" + nullable.ValueIndex + ");");
                        WriteValue(w, nullable.Inner, v, names);
                        w.Close();
                        w.Open("else");
                        w.Line("writer.WriteUnionIndex(" + nullable.NullIndex + ");");
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
                            w.Line("writer.WriteUnionIndex(" + c.Index + ");");
                            WriteValue(w, c.Type, v + ".Value", names);
                            w.Line("break;");
                            w.Unindent();
                        }
                        if (union.NullIndex is { } nullIndex)
                        {
                            w.Line("case null:");
                            w.Indent();
                            w.Line("writer.WriteUnionIndex(" + nullIndex + ");");
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
                        var items = names.Next("items");
                        var item = names.Next("item");
                        var i = names.Next("i");
                        w.Line("var " + items + " = " + value + ";");
                        w.Line("writer.WriteCollectionStart(" + items + ".Count);");
                        // Indexed, not foreach: enumerating an IReadOnlyList<T> would allocate an enumerator.
                        w.Open("for (int " + i + " = 0; " + i + " < " + items + ".Count; " + i + "++)");
                        w.Line("var " + item + " = " + items + "[" + i + "];");
                        WriteValue(w, array.Item, item, names);
                        w.Close();
                        w.Line("writer.WriteCollectionEnd();");
                        break;
                    }
                case MapPlan map:
                    {
                        var entries = names.Next("entries");
                        var entry = names.Next("entry");
                        w.Line("var " + entries + " = " + value + ";");
                        w.Line("writer.WriteCollectionStart(" + entries + ".Count);");
                        MapLoop(w, map, entries, entry, names, () =>
                        {
                            w.Line("writer.WriteString(" + entry + ".Key);");
                            WriteValue(w, map.Value, entry + ".Value", names);
                        });
                        w.Line("writer.WriteCollectionEnd();");
                        break;
                    }
                case RecordRefPlan record:
                    w.Line(CodecScaffold.WriteMethod(record.Record) + "(ref writer, " + value + ");");
                    break;
                case EnumPlan:
                    w.Line("writer.WriteEnum((int)" + value + ");");
                    break;
                case FixedPlan f:
                    switch (f.Type.Logical?.Name)
                    {
                        case "decimal":
                            w.Line("writer.WriteDecimalAsFixed(" + value + ", " + f.Type.Logical!.Precision + ", " + f.Type.Logical.Scale + ", " + f.Type.Size + ");");
                            break;
                        case "duration":
                            w.Line("writer.WriteDuration(" + value + ");");
                            break;
                        case "uuid":
                            w.Line("writer.WriteUuidAsFixed(" + value + ");");
                            break;
                        default:
                            w.Line("writer.WriteFixed(" + value + ", " + f.Type.Size + ");");
                            break;
                    }
                    break;
                case PrimitivePlan p:
                    w.Line(PrimitiveWrite(p, value));
                    break;
                default:
                    throw new System.InvalidOperationException("no Avro encoding for " + type.Clr);
            }
        }

        /// <summary>
        /// Emits a loop over a map's entries: a struct-enumerator <c>foreach</c> when the value is a
        /// <c>Dictionary</c> (no allocation), the interface otherwise.
        /// </summary>
        internal static void MapLoop(SourceWriter w, MapPlan map, string entries, string entry, Names names, System.Action body)
        {
            var dictionary = names.Next("dictionary");
            w.Open("if (" + entries + " is global::System.Collections.Generic.Dictionary<string, " + map.Value.Declared + "> " + dictionary + ")");
            w.Open("foreach (var " + entry + " in " + dictionary + ")");
            body();
            w.Close();
            w.Close();
            w.Open("else");
            w.Open("foreach (var " + entry + " in " + entries + ")");
            body();
            w.Close();
            w.Close();
        }

        private static string PrimitiveWrite(PrimitivePlan p, string value)
        {
            switch (p.LogicalName)
            {
                case "uuid": return "writer.WriteUuidAsString(" + value + ");";
                case "date": return "writer.WriteDate(" + value + ");";
                case "time-millis": return "writer.WriteTimeMillis(" + value + ");";
                case "time-micros": return "writer.WriteTimeMicros(" + value + ");";
                case "timestamp-millis": return "writer.WriteTimestampMillis(" + value + ");";
                case "timestamp-micros": return "writer.WriteTimestampMicros(" + value + ");";
                case "local-timestamp-millis": return "writer.WriteLocalTimestampMillis(" + value + ");";
                case "local-timestamp-micros": return "writer.WriteLocalTimestampMicros(" + value + ");";
                case "decimal": return "writer.WriteDecimal(" + value + ", " + p.Logical!.Precision + ", " + p.Logical.Scale + ");";
            }
            return p.Kind switch
            {
                SchemaTypeKind.Null => "writer.WriteNull();",
                SchemaTypeKind.Boolean => "writer.WriteBoolean(" + value + ");",
                SchemaTypeKind.Int => "writer.WriteInt(" + value + ");",
                SchemaTypeKind.Long => "writer.WriteLong(" + value + ");",
                SchemaTypeKind.Float => "writer.WriteFloat(" + value + ");",
                SchemaTypeKind.Double => "writer.WriteDouble(" + value + ");",
                SchemaTypeKind.Bytes => "writer.WriteBytes(" + value + ");",
                _ => "writer.WriteString(" + value + ");",
            };
        }

        private static void EmitRead(SourceWriter w, RecordPlan record)
        {
            w.Line();
            CodecScaffold.OpenRead(w, record, Reader);
            w.Line("reader.EnterNested();");
            var names = new Names();
            var locals = record.Fields.Select(f => ReadValue(w, f.Type, names)).ToList();
            w.Line("reader.ExitNested();");
            w.Line("return new " + record.Clr);
            w.Line("{");
            w.Indent();
            for (var i = 0; i < record.Fields.Count; i++) w.Line(record.Fields[i].Property + " = " + locals[i] + ",");
            w.Unindent();
            w.Line("};");
            w.Close();
        }

        /// <summary>Emits statements that read one value into a new local and returns the local's name.</summary>
        private static string ReadValue(SourceWriter w, TypePlan type, Names names)
        {
            var local = names.Next("f");
            switch (type)
            {
                case NullablePlan nullable when nullable.IsNullablePlainString:
                    w.Line("var " + local + " = reader.ReadNullableString(" + nullable.NullIndex + ");");
                    return local;
                case ArrayPlan array when array.IsPlainStringArray && array.Item.MinAvroBytes == 1:
                    w.Line("var " + local + " = reader.ReadStringList();");
                    return local;
                case NullablePlan nullable:
                    w.Line(nullable.Declared + " " + local + ";");
                    w.Open("if (reader.ReadUnionIndex(2) == " + nullable.NullIndex + ")");
                    w.Line(local + " = null;");
                    w.Close();
                    w.Open("else");
                    w.Line(local + " = " + ReadValue(w, nullable.Inner, names) + ";");
                    w.Close();
                    return local;
                case UnionPlan union:
                    w.Line(union.Declared + " " + local + ";");
                    w.Open("switch (reader.ReadUnionIndex(" + union.BranchCount + "))");
                    foreach (var c in union.Cases)
                    {
                        w.Line("case " + c.Index + ":");
                        w.Open("");
                        w.Line(local + " = new " + c.Clr + "(" + ReadValue(w, c.Type, names) + ");");
                        w.Line("break;");
                        w.Close();
                    }
                    if (union.NullIndex is { } nullIndex)
                    {
                        w.Line("case " + nullIndex + ":");
                        w.Indent();
                        w.Line(local + " = null;");
                        w.Line("break;");
                        w.Unindent();
                    }
                    w.Line("default:");
                    w.Indent();
                    w.Line("throw new global::System.InvalidOperationException(\"unreachable: ReadUnionIndex checked the branch index\");");
                    w.Unindent();
                    w.Close();
                    return local;
                case ArrayPlan array:
                    {
                        var seen = names.Next("seen");
                        var n = names.Next("n");
                        var i = names.Next("i");
                        w.Line("var " + local + " = new global::System.Collections.Generic.List<" + array.Item.Declared + ">();");
                        w.Line("long " + seen + " = 0;");
                        w.Line("reader.EnterNested();");
                        w.Open("for (int " + n + " = reader.ReadBlockCount(ref " + seen + ", " + array.Item.MinAvroBytes + "); " + n + " != 0; " + n + " = reader.ReadBlockCount(ref " + seen + ", " + array.Item.MinAvroBytes + "))");
                        w.Line(local + ".EnsureCapacity(" + local + ".Count + " + n + ");");
                        w.Open("for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++)");
                        w.Line(local + ".Add(" + ReadValue(w, array.Item, names) + ");");
                        w.Close();
                        w.Close();
                        w.Line("reader.ExitNested();");
                        return local;
                    }
                case MapPlan map:
                    {
                        var seen = names.Next("seen");
                        var n = names.Next("n");
                        var i = names.Next("i");
                        var key = names.Next("key");
                        w.Line("var " + local + " = new global::System.Collections.Generic.Dictionary<string, " + map.Value.Declared + ">();");
                        w.Line("long " + seen + " = 0;");
                        w.Line("reader.EnterNested();");
                        var min = 1 + map.Value.MinAvroBytes;
                        w.Open("for (int " + n + " = reader.ReadBlockCount(ref " + seen + ", " + min + "); " + n + " != 0; " + n + " = reader.ReadBlockCount(ref " + seen + ", " + min + "))");
                        w.Line(local + ".EnsureCapacity(" + local + ".Count + " + n + ");");
                        w.Open("for (int " + i + " = 0; " + i + " < " + n + "; " + i + "++)");
                        w.Line("var " + key + " = reader.ReadString();");
                        w.Line(local + "[" + key + "] = " + ReadValue(w, map.Value, names) + ";");
                        w.Close();
                        w.Close();
                        w.Line("reader.ExitNested();");
                        return local;
                    }
                default:
                    w.Line("var " + local + " = " + ReadExpression(type) + ";");
                    return local;
            }
        }

        private static string ReadExpression(TypePlan type)
        {
            switch (type)
            {
                case RecordRefPlan record:
                    return CodecScaffold.ReadMethod(record.Record) + "(ref reader)";
                case EnumPlan e:
                    var count = e.Members.Length.ToString(CultureInfo.InvariantCulture);
                    return e.DefaultOrdinal is { } d
                        ? "(" + e.Clr + ")global::Contracts.Avro.AvroEnum.ReadOrDefault(ref reader, " + count + ", " + d + ")"
                        : "(" + e.Clr + ")reader.ReadEnum(" + count + ")";
                case FixedPlan f:
                    return f.Type.Logical?.Name switch
                    {
                        "decimal" => "reader.ReadDecimalFromFixed(" + f.Type.Size + ", " + f.Type.Logical!.Scale + ")",
                        "duration" => "reader.ReadDuration()",
                        "uuid" => "reader.ReadUuidFromFixed()",
                        _ => "reader.ReadFixed(" + f.Type.Size + ").ToArray()",
                    };
                case PrimitivePlan p:
                    switch (p.LogicalName)
                    {
                        case "uuid": return "reader.ReadUuidFromString()";
                        case "date": return "reader.ReadDate()";
                        case "time-millis": return "reader.ReadTimeMillis()";
                        case "time-micros": return "reader.ReadTimeMicros()";
                        case "timestamp-millis": return "reader.ReadTimestampMillis()";
                        case "timestamp-micros": return "reader.ReadTimestampMicros()";
                        case "local-timestamp-millis": return "reader.ReadLocalTimestampMillis()";
                        case "local-timestamp-micros": return "reader.ReadLocalTimestampMicros()";
                        case "decimal": return "reader.ReadDecimal(" + p.Logical!.Scale + ")";
                    }
                    return p.Kind switch
                    {
                        SchemaTypeKind.Null => "(object?)null",
                        SchemaTypeKind.Boolean => "reader.ReadBoolean()",
                        SchemaTypeKind.Int => "reader.ReadInt()",
                        SchemaTypeKind.Long => "reader.ReadLong()",
                        SchemaTypeKind.Float => "reader.ReadFloat()",
                        SchemaTypeKind.Double => "reader.ReadDouble()",
                        SchemaTypeKind.Bytes => "reader.ReadBytes()",
                        _ => "reader.ReadString()",
                    };
                default:
                    throw new System.InvalidOperationException("no Avro decoding for " + type.Clr);
            }
        }
    }

    /// <summary>Unique local variable names within one generated method.</summary>
    internal sealed class Names
    {
        private int _next;

        public string Next(string prefix) => prefix + (_next++).ToString(CultureInfo.InvariantCulture);
    }
}
