using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Generators.Model;
using Contracts.Schema;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Emit
{
    /// <summary>A schema type resolved to the C# type that represents it.</summary>
    internal abstract class TypePlan
    {
        protected TypePlan(string clr) => Clr = clr;

        /// <summary>The C# type, <c>global::</c>-qualified, without a nullable annotation.</summary>
        public string Clr { get; }

        /// <summary>True when null is a valid value (<c>["null", T]</c>, or a union with a null branch).</summary>
        public virtual bool IsNullable => false;

        /// <summary>The type as declared: <see cref="Clr"/> plus <c>?</c> when nullable.</summary>
        public string Declared => IsNullable ? Clr + "?" : Clr;

        /// <summary>Fewest bytes one value takes in Avro binary (for collection block checks).</summary>
        public virtual int MinAvroBytes => 1;

        /// <summary>
        /// A <c>string</c> as <c>string</c> (no logical type we map): the codecs read and write a nullable one and an
        /// array of them through one shared call instead of their own statements.
        /// </summary>
        public bool IsPlainString => this is PrimitivePlan { Kind: SchemaTypeKind.String } && Clr == "string";

        /// <summary><c>["null", "string"]</c> or <c>["string", "null"]</c> of a <see cref="IsPlainString"/>.</summary>
        public bool IsNullablePlainString => this is NullablePlan { Inner.IsPlainString: true };

        /// <summary>An array of <see cref="IsPlainString"/> items.</summary>
        public bool IsPlainStringArray => this is ArrayPlan { Item.IsPlainString: true };
    }

    internal sealed class PrimitivePlan : TypePlan
    {
        public PrimitivePlan(string clr, SchemaTypeKind kind, LogicalType? logical) : base(clr)
        {
            Kind = kind;
            Logical = logical;
        }

        public SchemaTypeKind Kind { get; }
        public LogicalType? Logical { get; }
        public string? LogicalName => Logical?.Name;
        public override bool IsNullable => Kind == SchemaTypeKind.Null;
        public override int MinAvroBytes => Kind == SchemaTypeKind.Null ? 0 : Kind == SchemaTypeKind.Float ? 4 : Kind == SchemaTypeKind.Double ? 8 : 1;
    }

    internal sealed class AnyPlan : TypePlan
    {
        public AnyPlan() : base("global::System.Text.Json.JsonElement") { }
    }

    internal sealed class FixedPlan : TypePlan
    {
        public FixedPlan(string clr, FixedType type) : base(clr) => Type = type;
        public FixedType Type { get; }
        public override int MinAvroBytes => Type.Size;
    }

    internal sealed class EnumPlan : TypePlan
    {
        public EnumPlan(string clr, EnumType type, string[] members) : base(clr)
        {
            Type = type;
            Members = members;
        }

        public EnumType Type { get; }
        public string[] Members { get; }
        /// <summary>Position among the contract's enums (names its JSON helpers).</summary>
        public int Index { get; set; }
        public int? DefaultOrdinal => Type.Default is null ? null : Type.Symbols.ToList().IndexOf(Type.Default);
    }

    internal sealed class RecordRefPlan : TypePlan
    {
        private readonly Func<RecordPlan> _resolve;

        public RecordRefPlan(string clr, Func<RecordPlan> resolve) : base(clr) => _resolve = resolve;

        public RecordPlan Record => _resolve();

        // A recursive record may take as little as its non-recursive part; 0 keeps the block check sound.
        public override int MinAvroBytes => 0;
    }

    internal sealed class ArrayPlan : TypePlan
    {
        public ArrayPlan(TypePlan item) : base("global::System.Collections.Generic.IReadOnlyList<" + item.Declared + ">") => Item = item;
        public TypePlan Item { get; }
    }

    internal sealed class MapPlan : TypePlan
    {
        public MapPlan(TypePlan value) : base("global::System.Collections.Generic.IReadOnlyDictionary<string, " + value.Declared + ">") => Value = value;
        public TypePlan Value { get; }
    }

    /// <summary><c>["null", T]</c> (either order): <c>T?</c>.</summary>
    internal sealed class NullablePlan : TypePlan
    {
        public NullablePlan(TypePlan inner, int nullIndex) : base(inner.Clr)
        {
            Inner = inner;
            NullIndex = nullIndex;
        }

        public TypePlan Inner { get; }
        public int NullIndex { get; }
        public int ValueIndex => 1 - NullIndex;
        public override bool IsNullable => true;
    }

    /// <summary>A union of several non-null branches: a closed record hierarchy.</summary>
    internal sealed class UnionPlan : TypePlan
    {
        public UnionPlan(string clr, string name, int? nullIndex, List<UnionCase> cases, string doc) : base(clr)
        {
            Name = name;
            NullIndex = nullIndex;
            Cases = cases;
            Doc = doc;
        }

        public string Name { get; }
        public int? NullIndex { get; }
        public List<UnionCase> Cases { get; }
        public int BranchCount => Cases.Count + (NullIndex is null ? 0 : 1);
        public string Doc { get; }
        public override bool IsNullable => NullIndex is not null;
    }

    internal sealed class UnionCase
    {
        public UnionCase(string name, string clr, TypePlan type, int index, string jsonName)
        {
            Name = name;
            Clr = clr;
            Type = type;
            Index = index;
            JsonName = jsonName;
        }

        /// <summary>The nested case type's identifier.</summary>
        public string Name { get; }
        /// <summary>The nested case type, qualified.</summary>
        public string Clr { get; }
        public TypePlan Type { get; }
        /// <summary>The branch index in the schema.</summary>
        public int Index { get; }
        /// <summary>The branch's name in JSON (Avro JSON encoding: full name, or the primitive/array/map name).</summary>
        public string JsonName { get; }
    }

    internal sealed class FieldPlan
    {
        public FieldPlan(FieldDefinition field, string property, TypePlan type, string? defaultExpression, string jsonName)
        {
            Field = field;
            Property = property;
            Type = type;
            DefaultExpression = defaultExpression;
            JsonName = jsonName;
        }

        public FieldPlan WithDefault(string? defaultExpression) => new FieldPlan(Field, Property, Type, defaultExpression, JsonName);

        public FieldDefinition Field { get; }
        public string Property { get; }
        public TypePlan Type { get; }
        /// <summary>The C# initializer for the schema default, or null when there is none (or it cannot be expressed).</summary>
        public string? DefaultExpression { get; }
        /// <summary>True when the field is required when constructing (no default the generator can express).</summary>
        public bool IsRequired => DefaultExpression is null && !(Type.IsNullable && Field.DefaultJson == "null");
        public string JsonName { get; }
    }

    internal sealed class RecordPlan
    {
        public RecordPlan(RecordType type, string name, string clr, int index, bool isRoot)
        {
            Type = type;
            Name = name;
            Clr = clr;
            Index = index;
            IsRoot = isRoot;
        }

        public RecordType Type { get; }
        public string Name { get; }
        public string Clr { get; }
        public int Index { get; }
        public bool IsRoot { get; }
        public List<FieldPlan> Fields { get; } = new List<FieldPlan>();
        public List<UnionPlan> Unions { get; } = new List<UnionPlan>();
    }

    /// <summary>
    /// One contract version resolved to C#: the type names of the record and of every named type and union
    /// it defines, the property names, types and defaults. Built from the spec at emit time (not cached).
    /// </summary>
    internal sealed class ContractPlan
    {
        private static readonly HashSet<string> ReservedMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "PrintMembers", "MemberwiseClone", "Finalize",
        };

        private static readonly HashSet<string> ContractMembers = new HashSet<string>(StringComparer.Ordinal)
        {
            "ContractInfo", "GetPartitionKey", "GetIdempotencyKey", "ToLatest",
        };

        private readonly Dictionary<string, RecordPlan> _records = new Dictionary<string, RecordPlan>(StringComparer.Ordinal);
        private readonly Dictionary<string, TypePlan> _named = new Dictionary<string, TypePlan>(StringComparer.Ordinal);

        public ContractPlan(ContractSchema schema, bool isLatest, GeneratorOptions options)
        {
            Schema = schema;
            var root = schema.RootRecord ?? throw new ArgumentException("a contract's root is a record", nameof(schema));
            Namespace = NamespaceOf(schema, options);
            TypeName = ContractTypeName(schema, isLatest);
            Clr = "global::" + Namespace + "." + TypeName;
            Options = options;

            // Names taken at the contract level: properties, the contract members, the type itself.
            var taken = new HashSet<string>(ContractMembers, StringComparer.Ordinal) { CSharpSyntax.Bare(TypeName) };
            foreach (var field in root.Fields) taken.Add(CSharpSyntax.Bare(PropertyName(field.Name, TypeName, isContract: true)));

            var index = 0;
            Root = new RecordPlan(root, TypeName, Clr, index++, isRoot: true);
            _records[root.FullName] = Root;
            _named[root.FullName] = new RecordRefPlan(Clr, () => Root);
            foreach (var named in schema.NamedTypes)
            {
                if (named.FullName == root.FullName) continue;
                var name = CSharpSyntax.Bare(CSharpSyntax.Identifier(CSharpNames.ToPascalCase(named.Name)));
                while (taken.Contains(name)) name += "Type";
                taken.Add(name);
                var identifier = CSharpSyntax.Identifier(name);
                var clr = Clr + "." + identifier;
                switch (named)
                {
                    case RecordType record:
                        var plan = new RecordPlan(record, identifier, clr, index++, isRoot: false);
                        _records[record.FullName] = plan;
                        _named[record.FullName] = new RecordRefPlan(clr, () => plan);
                        break;
                    case EnumType enumType:
                        _named[enumType.FullName] = new EnumPlan(clr, enumType, enumType.Symbols.Select(s => CSharpSyntax.Identifier(CSharpNames.ToPascalCase(s))).ToArray());
                        var enumPlan = (EnumPlan)_named[enumType.FullName];
                        enumPlan.Index = Enums.Count;
                        Enums.Add(enumPlan);
                        break;
                    case FixedType fixedType:
                        _named[fixedType.FullName] = new FixedPlan(FixedClr(fixedType), fixedType);
                        break;
                }
            }
            foreach (var record in Records) Fill(record);
            // Defaults second: a record-typed default needs the fields of that record, which may be filled later.
            foreach (var record in Records)
            {
                for (var i = 0; i < record.Fields.Count; i++) record.Fields[i] = record.Fields[i].WithDefault(DefaultValues.Expression(record.Fields[i].Field, record.Fields[i].Type));
            }
        }

        public ContractSchema Schema { get; }
        public GeneratorOptions Options { get; }
        public string Namespace { get; }
        public string TypeName { get; }
        public string Clr { get; }
        public RecordPlan Root { get; }
        public List<EnumPlan> Enums { get; } = new List<EnumPlan>();
        public IEnumerable<RecordPlan> Records => _records.Values.OrderBy(r => r.Index);
        public IEnumerable<RecordPlan> NestedRecords => Records.Where(r => !r.IsRoot);

        /// <summary>The contract type's name: the latest version has the plain name, earlier ones a <c>V&lt;n&gt;</c> suffix.</summary>
        public static string ContractTypeName(ContractSchema schema, bool isLatest)
        {
            var name = CSharpNames.ToPascalCase(schema.RootRecord!.Name);
            return CSharpSyntax.Identifier(isLatest ? name : name + "V" + schema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        public static string NamespaceOf(ContractSchema schema, GeneratorOptions options)
        {
            if (schema.Settings.ClrNamespace is { } mapped) return Qualify(mapped);
            var ns = schema.RootRecord?.Namespace;
            if (string.IsNullOrEmpty(ns)) return Qualify(options.RegistryNamespace);
            foreach (var entry in options.NamespaceMap.OrderByDescending(e => e.SchemaNamespace.Length))
            {
                if (ns == entry.SchemaNamespace) return Qualify(entry.ClrNamespace);
                if (ns!.StartsWith(entry.SchemaNamespace + ".", StringComparison.Ordinal))
                {
                    return Qualify(entry.ClrNamespace + "." + string.Join(".", ns.Substring(entry.SchemaNamespace.Length + 1).Split('.').Select(CSharpNames.ToPascalCase)));
                }
            }
            return Qualify(string.Join(".", ns!.Split('.').Select(CSharpNames.ToPascalCase)));
        }

        private static string Qualify(string ns) => string.Join(".", ns.Split('.').Where(p => p.Length > 0).Select(CSharpSyntax.Identifier));

        public static string PropertyName(string fieldName, string enclosingType, bool isContract)
        {
            var name = CSharpSyntax.Bare(CSharpSyntax.Identifier(CSharpNames.ToPascalCase(fieldName)));
            if (name == CSharpSyntax.Bare(enclosingType) || ReservedMembers.Contains(name) || (isContract && ContractMembers.Contains(name))) name += "Value";
            return CSharpSyntax.Identifier(name);
        }

        private void Fill(RecordPlan record)
        {
            var unionNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in record.Type.Fields)
            {
                var property = PropertyName(field.Name, record.Name, record.IsRoot);
                var unionCount = 0;
                var type = Resolve(field.Type, record, CSharpSyntax.Bare(property), ref unionCount, unionNames, field.Doc ?? field.Name);
                var jsonName = Options.JsonNaming == JsonNaming.CamelCase ? CamelCase(CSharpSyntax.Bare(property)) : field.Name;
                record.Fields.Add(new FieldPlan(field, property, type, null, jsonName));
            }
        }

        private static string CamelCase(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);

        private TypePlan Resolve(SchemaType type, RecordPlan owner, string fieldName, ref int unionCount, HashSet<string> unionNames, string doc)
        {
            switch (type)
            {
                case PrimitiveType primitive:
                    return new PrimitivePlan(PrimitiveClr(primitive), primitive.PrimitiveKind, primitive.Logical);
                case AnyType:
                    return new AnyPlan();
                case NamedTypeReference reference:
                    return _named[reference.FullName];
                case NamedType named:
                    return _named[named.FullName];
                case ArrayType array:
                    return new ArrayPlan(Resolve(array.Items, owner, fieldName, ref unionCount, unionNames, doc));
                case MapType map:
                    return new MapPlan(Resolve(map.Values, owner, fieldName, ref unionCount, unionNames, doc));
                case UnionType union when union.IsNullableWrapper:
                    var nullIndex = union.Branches[0].Kind == SchemaTypeKind.Null ? 0 : 1;
                    return new NullablePlan(Resolve(union.NonNullBranch!, owner, fieldName, ref unionCount, unionNames, doc), nullIndex);
                case UnionType union:
                    {
                        var name = fieldName + "Union" + (unionCount++ == 0 ? "" : unionCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        while (unionNames.Contains(name)) name += "_";
                        unionNames.Add(name);
                        var identifier = CSharpSyntax.Identifier(name);
                        var clr = owner.Clr + "." + identifier;
                        int? unionNull = null;
                        var cases = new List<UnionCase>();
                        var caseNames = new HashSet<string>(StringComparer.Ordinal) { name };
                        for (var i = 0; i < union.Branches.Count; i++)
                        {
                            var branch = union.Branches[i];
                            if (branch.Kind == SchemaTypeKind.Null)
                            {
                                unionNull = i;
                                continue;
                            }
                            var plan = Resolve(branch, owner, fieldName, ref unionCount, unionNames, doc);
                            var caseName = CaseName(branch);
                            while (caseNames.Contains(caseName)) caseName += "_";
                            caseNames.Add(caseName);
                            var caseIdentifier = CSharpSyntax.Identifier(caseName);
                            cases.Add(new UnionCase(caseIdentifier, clr + "." + caseIdentifier, plan, i, JsonBranchName(branch)));
                        }
                        var result = new UnionPlan(clr, identifier, unionNull, cases, doc);
                        owner.Unions.Add(result);
                        return result;
                    }
                default:
                    throw new InvalidOperationException("unsupported schema type " + type.Kind);
            }
        }

        private string CaseName(SchemaType branch) => branch switch
        {
            NamedTypeReference r => _named[r.FullName] is FixedPlan f ? f.Type.Name : ShortName(r.FullName),
            NamedType n => n.Name,
            PrimitiveType { Logical: { } logical } => CSharpNames.ToPascalCase(logical.Name),
            PrimitiveType p => p.PrimitiveKind.ToString(),
            ArrayType => "Array",
            MapType => "Map",
            AnyType => "Any",
            _ => "Branch",
        };

        private static string ShortName(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? fullName : fullName.Substring(dot + 1);
        }

        private static string JsonBranchName(SchemaType branch) => branch switch
        {
            NamedTypeReference r => r.FullName,
            NamedType n => n.FullName,
            PrimitiveType p => p.PrimitiveKind.ToString().ToLowerInvariant(),
            ArrayType => "array",
            MapType => "map",
            _ => "any",
        };

        private static string PrimitiveClr(PrimitiveType primitive)
        {
            switch (primitive.Logical?.Name)
            {
                case LogicalType.Uuid: return "global::System.Guid";
                case LogicalType.Date: return "global::System.DateOnly";
                case LogicalType.TimeMillis:
                case LogicalType.TimeMicros: return "global::System.TimeOnly";
                case LogicalType.TimestampMillis:
                case LogicalType.TimestampMicros: return "global::System.DateTimeOffset";
                case LogicalType.LocalTimestampMillis:
                case LogicalType.LocalTimestampMicros: return "global::System.DateTime";
                case LogicalType.Decimal: return "decimal";
            }
            return primitive.PrimitiveKind switch
            {
                SchemaTypeKind.Null => "object",
                SchemaTypeKind.Boolean => "bool",
                SchemaTypeKind.Int => "int",
                SchemaTypeKind.Long => "long",
                SchemaTypeKind.Float => "float",
                SchemaTypeKind.Double => "double",
                SchemaTypeKind.Bytes => "byte[]",
                _ => "string",
            };
        }

        private static string FixedClr(FixedType type) => type.Logical?.Name switch
        {
            LogicalType.Decimal => "decimal",
            LogicalType.Duration => "global::Contracts.Avro.AvroDuration",
            LogicalType.Uuid => "global::System.Guid",
            _ => "byte[]",
        };
    }
}
