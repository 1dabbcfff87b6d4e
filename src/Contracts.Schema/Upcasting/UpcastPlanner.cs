using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Upcasting
{
    /// <summary>
    /// Plans the step from one version of a subject to the next (schema diff → upcast plan). The step is
    /// determined when schema resolution determines it, with Avro's rules (<see cref="AvroResolution"/>, the
    /// ones the compatibility engine checks): fields matched by name or alias, added fields taken from their
    /// defaults, removed fields dropped, promotions, enum symbols by name or the reader enum's default, unions
    /// through the first reader branch that reads a writer branch, nested records recursively.
    /// </summary>
    /// <remarks>
    /// Avro steps must also pass the compatibility engine (the newer version reads the older); its first issue is
    /// the reason given when they do not. The plan is stricter than the engine in one way: the engine ignores
    /// logical types (as Avro resolution does), but a changed logical type (a decimal's scale, a plain long that
    /// becomes a timestamp) changes what a value means, so such a step is not determined.
    /// JSON Schema steps are planned on the same model with the same rules (JSON Schema has no aliases, and an
    /// optional property has the default null); they are judged on the generated objects, which hold only the
    /// properties their version declares, so the open-content-model concern of JSON Schema compatibility does
    /// not arise.
    /// </remarks>
    public static class UpcastPlanner
    {
        /// <summary>Plans the step from <paramref name="writer"/> (older) to <paramref name="reader"/> (newer).</summary>
        /// <exception cref="ArgumentException">The versions are of different formats, or a root is not a record.</exception>
        public static UpcastStepPlan Plan(ContractSchema writer, ContractSchema reader)
        {
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            if (writer.Format != reader.Format) throw new ArgumentException($"{writer.Path} and {reader.Path} are in different schema languages", nameof(reader));
            if (writer.RootRecord is null || reader.RootRecord is null) throw new ArgumentException("a contract's root is a record");

            if (reader.Format == SchemaFormat.Avro)
            {
                var issues = AvroCompatibility.CheckCanRead(AvroSchemaParser.Parse(reader.Text, reader.Path), AvroSchemaParser.Parse(writer.Text, writer.Path));
                if (issues.Count > 0)
                {
                    var first = issues[0];
                    return new UpcastStepPlan(writer, reader, null, first.Message, first.ReaderLocation ?? reader.Root.Span);
                }
            }

            var planner = new Planner(writer, reader);
            var root = planner.Record(writer.RootRecord, reader.RootRecord);
            if (root is null || planner.AnyReachableFailed(root))
            {
                return new UpcastStepPlan(writer, reader, null, planner.Reason ?? "the schemas do not determine the step", planner.Location ?? reader.Root.Span);
            }
            return new UpcastStepPlan(writer, reader, root, null, null);
        }

        private sealed class Planner
        {
            private readonly Dictionary<string, NamedType> _writerTypes;
            private readonly Dictionary<string, NamedType> _readerTypes;
            private readonly Dictionary<(string Writer, string Reader), RecordMapping> _records = new Dictionary<(string, string), RecordMapping>();

            // Failures inside a union probe are not the step's reason: the next branch may read the value.
            private int _probing;

            public Planner(ContractSchema writer, ContractSchema reader)
            {
                _writerTypes = Index(writer);
                _readerTypes = Index(reader);
            }

            public string? Reason { get; private set; }

            public SourceSpan? Location { get; private set; }

            private static Dictionary<string, NamedType> Index(ContractSchema schema)
            {
                var index = new Dictionary<string, NamedType>(StringComparer.Ordinal);
                foreach (var named in schema.NamedTypes) index[named.FullName] = named;
                return index;
            }

            private static SchemaType Resolve(SchemaType type, Dictionary<string, NamedType> types)
                => type is NamedTypeReference reference && types.TryGetValue(reference.FullName, out var named) ? named : type;

            private ValueMapping? Fail(string reason, SourceSpan? location)
            {
                if (_probing == 0 && Reason is null)
                {
                    Reason = reason;
                    Location = location;
                }
                return null;
            }

            public RecordMapping? Record(RecordType writer, RecordType reader)
            {
                var key = (writer.FullName, reader.FullName);
                if (_records.TryGetValue(key, out var known)) return known.Failed ? null : known; // in progress: assumed readable, as the engine does
                var mapping = new RecordMapping(writer, reader);
                _records[key] = mapping;
                if (!AvroResolution.NamesMatch(reader, writer))
                {
                    mapping.Failed = true;
                    Fail($"record `{reader.FullName}` does not read record `{writer.FullName}`: the names differ", reader.Span);
                    return null;
                }
                var writerIndex = AvroResolution.FieldIndex(writer);
                for (var i = 0; i < reader.Fields.Count; i++)
                {
                    var field = reader.Fields[i];
                    var matched = AvroResolution.MatchWriterField(field, writerIndex, out var ambiguous);
                    if (ambiguous)
                    {
                        mapping.Failed = true;
                        Fail($"field `{field.Name}` of record `{reader.FullName}` matches several fields of the older version", field.Span);
                        return null;
                    }
                    if (matched < 0)
                    {
                        if (!field.HasDefault)
                        {
                            mapping.Failed = true;
                            Fail($"field `{field.Name}` of record `{reader.FullName}` is new and has no default", field.Span);
                            return null;
                        }
                        mapping.Add(new FieldMapping(field, i, null, -1, null));
                        continue;
                    }
                    var writerField = writer.Fields[matched];
                    var value = Value(writerField.Type, field.Type, field.Span);
                    if (value is null)
                    {
                        mapping.Failed = true;
                        return null;
                    }
                    mapping.Add(new FieldMapping(field, i, writerField, matched, value));
                }
                return mapping;
            }

            private ValueMapping? Value(SchemaType writerUse, SchemaType readerUse, SourceSpan? at)
            {
                var writer = Resolve(writerUse, _writerTypes);
                var reader = Resolve(readerUse, _readerTypes);
                if (writer is UnionType writerUnion)
                {
                    var branches = new List<BranchMapping>(writerUnion.Branches.Count);
                    for (var i = 0; i < writerUnion.Branches.Count; i++)
                    {
                        var branch = ToReader(i, writerUnion.Branches[i], readerUse, at);
                        if (branch is null) return null;
                        branches.Add(branch);
                    }
                    return new UnionMapping(branches);
                }
                if (reader is UnionType)
                {
                    var branch = ToReader(-1, writerUse, readerUse, at);
                    return branch is null ? null : new UnionMapping(new[] { branch });
                }
                if (writer.Kind == reader.Kind)
                {
                    switch (reader)
                    {
                        case PrimitiveType readerPrimitive:
                            var writerLogical = ((PrimitiveType)writer).Logical;
                            return Equals(writerLogical, readerPrimitive.Logical)
                                ? new SameValue(reader.Kind)
                                : Fail($"the logical type changes from {LogicalName(writerLogical)} to {LogicalName(readerPrimitive.Logical)}", at);
                        case ArrayType readerArray:
                            var items = Value(((ArrayType)writer).Items, readerArray.Items, at);
                            return items is null ? null : new ArrayMapping(items);
                        case MapType readerMap:
                            var values = Value(((MapType)writer).Values, readerMap.Values, at);
                            return values is null ? null : new MapMapping(values);
                        case FixedType readerFixed:
                            var writerFixed = (FixedType)writer;
                            if (!AvroResolution.NamesMatch(readerFixed, writerFixed)) return Fail($"fixed `{readerFixed.FullName}` does not read fixed `{writerFixed.FullName}`: the names differ", readerFixed.Span ?? at);
                            if (readerFixed.Size != writerFixed.Size) return Fail($"fixed `{readerFixed.FullName}` changes size", readerFixed.Span ?? at);
                            return Equals(readerFixed.Logical, writerFixed.Logical)
                                ? new SameValue(SchemaTypeKind.Fixed)
                                : Fail($"the logical type of fixed `{readerFixed.FullName}` changes from {LogicalName(writerFixed.Logical)} to {LogicalName(readerFixed.Logical)}", readerFixed.Span ?? at);
                        case EnumType readerEnum:
                            return Enum((EnumType)writer, readerEnum, at);
                        case RecordType readerRecord:
                            return Record((RecordType)writer, readerRecord);
                        case AnyType:
                            return new SameValue(SchemaTypeKind.Any);
                    }
                }
                if (AvroResolution.Promotes(writer.Kind, reader.Kind))
                {
                    if (writer is PrimitiveType { Logical: null } && reader is PrimitiveType { Logical: null }) return new PromotedValue(writer.Kind, reader.Kind);
                    return Fail($"{Describe(writer)} becomes {Describe(reader)} with a logical type on either side", at);
                }
                return Fail($"the type changes from {Describe(writer)} to {Describe(reader)}", at);
            }

            /// <summary>One writer branch (or the writer's one type) read by the reader type, or by the first reader branch that reads it.</summary>
            private BranchMapping? ToReader(int writerBranch, SchemaType writerUse, SchemaType readerUse, SourceSpan? at)
            {
                if (!(Resolve(readerUse, _readerTypes) is UnionType readerUnion))
                {
                    var value = Value(writerUse, readerUse, at);
                    return value is null ? null : new BranchMapping(writerBranch, -1, value);
                }
                _probing++;
                try
                {
                    for (var j = 0; j < readerUnion.Branches.Count; j++)
                    {
                        var value = Value(writerUse, readerUnion.Branches[j], at);
                        if (value is not null) return new BranchMapping(writerBranch, j, value);
                    }
                }
                finally
                {
                    _probing--;
                }
                Fail($"no branch of the newer union reads {Describe(Resolve(writerUse, _writerTypes))}", readerUse.Span ?? at);
                return null;
            }

            private ValueMapping? Enum(EnumType writer, EnumType reader, SourceSpan? at)
            {
                if (!AvroResolution.NamesMatch(reader, writer)) return Fail($"enum `{reader.FullName}` does not read enum `{writer.FullName}`: the names differ", reader.Span ?? at);
                var map = new int[writer.Symbols.Count];
                for (var i = 0; i < map.Length; i++)
                {
                    map[i] = AvroResolution.ReadSymbol(reader, writer.Symbols[i]);
                    if (map[i] < 0) return Fail($"enum `{reader.FullName}` lacks symbol `{writer.Symbols[i]}` and has no default", reader.Span ?? at);
                }
                return new EnumMapping(writer, reader, map);
            }

            /// <summary>True when a record pair reachable from <paramref name="root"/> turned out not to be determined (recursion assumed it was).</summary>
            public bool AnyReachableFailed(RecordMapping root)
            {
                var seen = new HashSet<RecordMapping>();
                var stack = new Stack<ValueMapping>();
                stack.Push(root);
                while (stack.Count > 0)
                {
                    switch (stack.Pop())
                    {
                        case RecordMapping record:
                            if (!seen.Add(record)) break;
                            if (record.Failed) return true;
                            foreach (var field in record.Fields.Where(f => f.Value is not null)) stack.Push(field.Value!);
                            break;
                        case ArrayMapping array:
                            stack.Push(array.Items);
                            break;
                        case MapMapping map:
                            stack.Push(map.Values);
                            break;
                        case UnionMapping union:
                            foreach (var branch in union.Branches) stack.Push(branch.Value);
                            break;
                    }
                }
                return false;
            }

            private static string LogicalName(LogicalType? logical) => logical is null ? "none" : logical.Name == LogicalType.Decimal ? $"decimal({logical.Precision},{logical.Scale})" : logical.Name;

            private static string Describe(SchemaType type) => type switch
            {
                PrimitiveType { Logical: { } logical } primitive => $"`{AvroCanonicalForm.PrimitiveName(primitive.Kind)}` ({LogicalName(logical)})",
                _ => AvroPairChecker.Describe(type),
            };
        }
    }
}
