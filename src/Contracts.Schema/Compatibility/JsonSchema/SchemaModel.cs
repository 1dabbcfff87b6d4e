using System.Collections.Generic;
using System.Text.RegularExpressions;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>The JSON Schema dialect a document is read with (from its <c>$schema</c>).</summary>
    internal enum SchemaDialect
    {
        Draft4,
        Draft6,
        Draft7,

        /// <summary>2019-09 and 2020-12: <c>$ref</c> has siblings, <c>prefixItems</c>, <c>unevaluated*</c>, <c>dependent*</c>.</summary>
        Modern,
    }

    /// <summary>
    /// The shape of one schema part, the way Confluent's engine sees it: keywords are grouped by the
    /// instance type they constrain, and a schema with keywords of several groups is an implicit
    /// <c>allOf</c> of one part per group.
    /// </summary>
    internal enum SchemaKind
    {
        Empty,
        False,
        String,
        Number,
        Boolean,
        Null,
        Object,
        Array,
        Enum,
        Const,
        Combined,
        Not,
        Reference,
        Conditional,
    }

    internal enum CombinedCriterion
    {
        AllOf,
        AnyOf,
        OneOf,
    }

    /// <summary>A schema (or one keyword group of a schema) built from its JSON node.</summary>
    /// <remarks>Instances are created once per node and part, so reference identity names a schema in memo keys.</remarks>
    internal abstract class SchemaModel
    {
        protected SchemaModel(JsonNode node, SchemaDocument document, string partTag)
        {
            Node = node;
            Document = document;
            PartTag = partTag;
        }

        public abstract SchemaKind Kind { get; }

        /// <summary>The schema's node (an object or a boolean); parts of one schema share it.</summary>
        public JsonNode Node { get; }

        public SchemaDocument Document { get; }

        /// <summary>Distinguishes the parts of one node in structural keys.</summary>
        public string PartTag { get; }

        public string? Id { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public JsonNode? Default { get; set; }

        public string? ConnectType { get; set; }

        public bool HasDefault => Default is not null;

        private string? _structuralKey;

        /// <summary>Equal for structurally equal schemas (used to collapse duplicate subschemas).</summary>
        public string StructuralKey => _structuralKey ??= PartTag + "|" + CanonicalJson.Write(Node);

        public override string ToString() => Kind + " at #" + Node.Pointer;
    }

    /// <summary><c>{}</c>, <c>true</c>, <c>false</c>, <c>{"type":"boolean"}</c>, <c>{"type":"null"}</c>, <c>if/then/else</c>.</summary>
    internal sealed class LeafModel : SchemaModel
    {
        public LeafModel(SchemaKind kind, JsonNode node, SchemaDocument document, bool isTrue = false)
            : base(node, document, kind.ToString())
        {
            Kind = kind;
            IsTrue = isTrue;
        }

        public override SchemaKind Kind { get; }

        /// <summary>The boolean schema <c>true</c> (Confluent tells it apart from <c>{}</c> by class, not by meaning).</summary>
        public bool IsTrue { get; }
    }

    internal sealed class StringModel : SchemaModel
    {
        public StringModel(JsonNode node, SchemaDocument document) : base(node, document, "string") { }

        public override SchemaKind Kind => SchemaKind.String;

        public JsonNode? MinLength { get; set; }

        public JsonNode? MaxLength { get; set; }

        public JsonNode? Pattern { get; set; }
    }

    internal sealed class NumberModel : SchemaModel
    {
        public NumberModel(JsonNode node, SchemaDocument document, bool requiresInteger)
            : base(node, document, requiresInteger ? "integer" : "number")
        {
            RequiresInteger = requiresInteger;
        }

        public override SchemaKind Kind => SchemaKind.Number;

        public bool RequiresInteger { get; }

        public JsonNode? Minimum { get; set; }

        public JsonNode? Maximum { get; set; }

        public JsonNode? ExclusiveMinimum { get; set; }

        public JsonNode? ExclusiveMaximum { get; set; }

        public JsonNode? MultipleOf { get; set; }
    }

    internal sealed class PropertyEntry
    {
        public PropertyEntry(JsonMember member, SchemaModel schema)
        {
            Member = member;
            Schema = schema;
        }

        public string Name => Member.Name;

        public JsonMember Member { get; }

        public SchemaModel Schema { get; }
    }

    internal sealed class PatternEntry
    {
        public PatternEntry(string pattern, Regex? regex, SchemaModel schema)
        {
            Pattern = pattern;
            Regex = regex;
            Schema = schema;
        }

        public string Pattern { get; }

        /// <summary>Null when the pattern is not a valid .NET regular expression (it then matches nothing).</summary>
        public Regex? Regex { get; }

        public SchemaModel Schema { get; }
    }

    internal sealed class ObjectModel : SchemaModel
    {
        public ObjectModel(JsonNode node, SchemaDocument document) : base(node, document, "object") { }

        public override SchemaKind Kind => SchemaKind.Object;

        /// <summary>Declared properties in document order; the index finds one by name in constant time.</summary>
        public List<PropertyEntry> Properties { get; } = new List<PropertyEntry>();

        public Dictionary<string, PropertyEntry> PropertyIndex { get; } = new Dictionary<string, PropertyEntry>();

        public JsonNode? PropertiesNode { get; set; }

        /// <summary>Required names, each with the node of its first mention in <c>required</c>.</summary>
        public Dictionary<string, JsonNode> Required { get; } = new Dictionary<string, JsonNode>();

        public JsonNode? RequiredNode { get; set; }

        public bool PermitsAdditionalProperties { get; set; } = true;

        public SchemaModel? AdditionalPropertiesSchema { get; set; }

        public JsonNode? AdditionalPropertiesNode { get; set; }

        public List<PatternEntry> PatternProperties { get; } = new List<PatternEntry>();

        /// <summary>Property dependencies (<c>dependencies</c> arrays, <c>dependentRequired</c>) in document order.</summary>
        public List<KeyValuePair<string, JsonNode>> PropertyDependencies { get; } = new List<KeyValuePair<string, JsonNode>>();

        /// <summary>Schema dependencies (<c>dependencies</c> schemas, <c>dependentSchemas</c>) in document order.</summary>
        public List<KeyValuePair<string, SchemaModel>> SchemaDependencies { get; } = new List<KeyValuePair<string, SchemaModel>>();

        public JsonNode? DependenciesNode { get; set; }

        /// <summary><c>unevaluatedProperties</c> (2019-09 and later only).</summary>
        public SchemaModel? UnevaluatedProperties { get; set; }

        public JsonNode? MinProperties { get; set; }

        public JsonNode? MaxProperties { get; set; }
    }

    internal sealed class ArrayModel : SchemaModel
    {
        public ArrayModel(JsonNode node, SchemaDocument document) : base(node, document, "array") { }

        public override SchemaKind Kind => SchemaKind.Array;

        /// <summary>One schema for every item (<c>items</c> as a schema without a tuple).</summary>
        public SchemaModel? AllItems { get; set; }

        /// <summary>Tuple item schemas (<c>items</c> as an array, or <c>prefixItems</c>).</summary>
        public List<SchemaModel> ItemSchemas { get; } = new List<SchemaModel>();

        public JsonNode? ItemSchemasNode { get; set; }

        public bool PermitsAdditionalItems { get; set; } = true;

        public SchemaModel? AdditionalItemsSchema { get; set; }

        public JsonNode? AdditionalItemsNode { get; set; }

        public SchemaModel? UnevaluatedItems { get; set; }

        public JsonNode? MinItems { get; set; }

        public JsonNode? MaxItems { get; set; }

        public bool UniqueItems { get; set; }

        public JsonNode? MinContains { get; set; }

        /// <summary>2019-09 and later: <c>minContains</c> is 1 when <c>contains</c> is present and it is absent.</summary>
        public bool MinContainsDefaultsToOne { get; set; }

        public JsonNode? MaxContains { get; set; }
    }

    internal sealed class EnumModel : SchemaModel
    {
        public EnumModel(JsonNode node, SchemaDocument document, JsonNode values) : base(node, document, "enum")
        {
            ValuesNode = values;
        }

        public override SchemaKind Kind => SchemaKind.Enum;

        public JsonNode ValuesNode { get; }
    }

    internal sealed class ConstModel : SchemaModel
    {
        public ConstModel(JsonNode node, SchemaDocument document, JsonNode value) : base(node, document, "const")
        {
            Value = value;
        }

        public override SchemaKind Kind => SchemaKind.Const;

        public JsonNode Value { get; }
    }

    internal sealed class CombinedModel : SchemaModel
    {
        public CombinedModel(JsonNode node, SchemaDocument document, CombinedCriterion criterion, List<SchemaModel> subschemas, string partTag)
            : base(node, document, partTag)
        {
            Criterion = criterion;
            Subschemas = subschemas;
        }

        public override SchemaKind Kind => SchemaKind.Combined;

        public CombinedCriterion Criterion { get; }

        public List<SchemaModel> Subschemas { get; }

        /// <summary>True for the allOf Confluent forms from a schema whose keywords constrain several instance types.</summary>
        public bool IsImplicit { get; set; }

        /// <summary>The keyword's array (or the <c>type</c> array), when the combination is written in the schema.</summary>
        public JsonNode? KeywordNode { get; set; }

        public string CriterionName => Criterion switch
        {
            CombinedCriterion.AllOf => "allOf",
            CombinedCriterion.AnyOf => "anyOf",
            _ => "oneOf",
        };
    }

    internal sealed class NotModel : SchemaModel
    {
        public NotModel(JsonNode node, SchemaDocument document, SchemaModel mustNotMatch) : base(node, document, "not")
        {
            MustNotMatch = mustNotMatch;
        }

        public override SchemaKind Kind => SchemaKind.Not;

        public SchemaModel MustNotMatch { get; }
    }

    internal sealed class ReferenceModel : SchemaModel
    {
        public ReferenceModel(JsonNode node, SchemaDocument document, JsonNode refNode) : base(node, document, "$ref")
        {
            RefNode = refNode;
        }

        public override SchemaKind Kind => SchemaKind.Reference;

        public JsonNode RefNode { get; }

        public string Ref => RefNode.Text ?? "";

        public bool IsResolved { get; set; }

        /// <summary>The referred schema, once resolved; null with <see cref="Error"/> set when it cannot be.</summary>
        public SchemaModel? Target { get; set; }

        public string? Error { get; set; }
    }
}
