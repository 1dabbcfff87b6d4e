using System.Collections.Generic;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Upcasting
{
    /// <summary>
    /// How one version of a subject becomes the next: either a mapping that schema resolution determines
    /// (<see cref="Root"/>), or the reason why it is not determined and a hand-written step is needed.
    /// </summary>
    /// <remarks>Built on demand by <see cref="UpcastPlanner"/>; the nodes refer to the schemas' model types.</remarks>
    public sealed class UpcastStepPlan
    {
        internal UpcastStepPlan(ContractSchema writer, ContractSchema reader, RecordMapping? root, string? reason, SourceSpan? location)
        {
            Writer = writer;
            Reader = reader;
            Root = root;
            Reason = reason;
            Location = location;
        }

        /// <summary>The older version (the data as written).</summary>
        public ContractSchema Writer { get; }

        /// <summary>The newer version (the data as it is read).</summary>
        public ContractSchema Reader { get; }

        /// <summary>The mapping of the root record, or null when the step is not determined by the schemas.</summary>
        public RecordMapping? Root { get; }

        /// <summary>True when the schemas determine the step.</summary>
        public bool IsAutomatic => Root is not null;

        /// <summary>Why the step is not determined (null when it is).</summary>
        public string? Reason { get; }

        /// <summary>Where in the newer version's file the undetermined change stands, when known.</summary>
        public SourceSpan? Location { get; }
    }

    /// <summary>How a value of a writer type becomes a value of a reader type.</summary>
    public abstract class ValueMapping
    {
        private protected ValueMapping()
        {
        }
    }

    /// <summary>The same primitive (and logical type), or a fixed of the same size: the value is kept.</summary>
    public sealed class SameValue : ValueMapping
    {
        internal SameValue(SchemaTypeKind kind) => Kind = kind;

        /// <summary>The type's kind.</summary>
        public SchemaTypeKind Kind { get; }
    }

    /// <summary>An Avro promotion: int to long/float/double, long to float/double, float to double, string and bytes both ways.</summary>
    public sealed class PromotedValue : ValueMapping
    {
        internal PromotedValue(SchemaTypeKind from, SchemaTypeKind to)
        {
            From = from;
            To = to;
        }

        /// <summary>The writer's primitive.</summary>
        public SchemaTypeKind From { get; }

        /// <summary>The reader's primitive.</summary>
        public SchemaTypeKind To { get; }
    }

    /// <summary>An enum read by symbol name; a symbol the reader lacks is read as the reader's default.</summary>
    public sealed class EnumMapping : ValueMapping
    {
        internal EnumMapping(EnumType writer, EnumType reader, IReadOnlyList<int> readerSymbolOf)
        {
            Writer = writer;
            Reader = reader;
            ReaderSymbolOf = readerSymbolOf;
        }

        /// <summary>The writer enum.</summary>
        public EnumType Writer { get; }

        /// <summary>The reader enum.</summary>
        public EnumType Reader { get; }

        /// <summary>For each writer symbol (by position), the position of the reader symbol it is read as.</summary>
        public IReadOnlyList<int> ReaderSymbolOf { get; }

        /// <summary>True when every writer symbol keeps its position.</summary>
        public bool KeepsOrdinals
        {
            get
            {
                for (var i = 0; i < ReaderSymbolOf.Count; i++)
                {
                    if (ReaderSymbolOf[i] != i) return false;
                }
                return true;
            }
        }
    }

    /// <summary>A record read field by field: by name or alias, else from the reader field's default.</summary>
    public sealed class RecordMapping : ValueMapping
    {
        private readonly List<FieldMapping> _fields = new List<FieldMapping>();

        internal RecordMapping(RecordType writer, RecordType reader)
        {
            Writer = writer;
            Reader = reader;
        }

        /// <summary>The writer record.</summary>
        public RecordType Writer { get; }

        /// <summary>The reader record.</summary>
        public RecordType Reader { get; }

        /// <summary>One entry per reader field, in reader order. Writer fields the reader lacks are dropped.</summary>
        public IReadOnlyList<FieldMapping> Fields => _fields;

        internal void Add(FieldMapping field) => _fields.Add(field);

        /// <summary>Set while planning when this pair turned out not to be determined.</summary>
        internal bool Failed { get; set; }
    }

    /// <summary>One reader field: from a writer field (through <see cref="Value"/>) or from its default.</summary>
    public sealed class FieldMapping
    {
        internal FieldMapping(FieldDefinition reader, int readerIndex, FieldDefinition? writer, int writerIndex, ValueMapping? value)
        {
            Reader = reader;
            ReaderIndex = readerIndex;
            Writer = writer;
            WriterIndex = writerIndex;
            Value = value;
        }

        /// <summary>The reader field.</summary>
        public FieldDefinition Reader { get; }

        /// <summary>Its position in the reader record.</summary>
        public int ReaderIndex { get; }

        /// <summary>The writer field it reads, or null when it takes its default.</summary>
        public FieldDefinition? Writer { get; }

        /// <summary>The writer field's position, or -1.</summary>
        public int WriterIndex { get; }

        /// <summary>How the writer value becomes the reader value, or null when the default is taken.</summary>
        public ValueMapping? Value { get; }
    }

    /// <summary>An array, item by item.</summary>
    public sealed class ArrayMapping : ValueMapping
    {
        internal ArrayMapping(ValueMapping items) => Items = items;

        /// <summary>How each item is read.</summary>
        public ValueMapping Items { get; }
    }

    /// <summary>A map, value by value.</summary>
    public sealed class MapMapping : ValueMapping
    {
        internal MapMapping(ValueMapping values) => Values = values;

        /// <summary>How each value is read.</summary>
        public ValueMapping Values { get; }
    }

    /// <summary>
    /// A union on either side: each writer branch (or the writer's one type) is read by one reader branch (or the
    /// reader's one type), the first reader branch that can read it.
    /// </summary>
    public sealed class UnionMapping : ValueMapping
    {
        internal UnionMapping(IReadOnlyList<BranchMapping> branches) => Branches = branches;

        /// <summary>The writer branches, in writer order.</summary>
        public IReadOnlyList<BranchMapping> Branches { get; }
    }

    /// <summary>One writer branch and the reader branch that reads it.</summary>
    public sealed class BranchMapping
    {
        internal BranchMapping(int writerBranch, int readerBranch, ValueMapping value)
        {
            WriterBranch = writerBranch;
            ReaderBranch = readerBranch;
            Value = value;
        }

        /// <summary>The writer union branch index, or -1 when the writer type is not a union.</summary>
        public int WriterBranch { get; }

        /// <summary>The reader union branch index, or -1 when the reader type is not a union.</summary>
        public int ReaderBranch { get; }

        /// <summary>How the branch value is read.</summary>
        public ValueMapping Value { get; }
    }
}
