using System;
using System.Collections.Generic;
using System.Text;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>Which <see cref="JsonSchemaChangeKind"/>s are compatible under each policy, and their Confluent names.</summary>
    public static class JsonSchemaChangeKinds
    {
        // Confluent's COMPATIBLE_CHANGES_STRICT: every change here keeps "the update accepts every
        // instance the original accepted" true, assuming an open content model may hold anything.
        private static readonly HashSet<JsonSchemaChangeKind> CompatibleStrict = new HashSet<JsonSchemaChangeKind>
        {
            JsonSchemaChangeKind.IdChanged,
            JsonSchemaChangeKind.DescriptionChanged,
            JsonSchemaChangeKind.TitleChanged,
            JsonSchemaChangeKind.DefaultChanged,
            JsonSchemaChangeKind.SchemaRemoved,
            JsonSchemaChangeKind.TypeExtended,
            JsonSchemaChangeKind.MaxLengthRemoved,
            JsonSchemaChangeKind.MaxLengthIncreased,
            JsonSchemaChangeKind.MinLengthRemoved,
            JsonSchemaChangeKind.MinLengthDecreased,
            JsonSchemaChangeKind.PatternRemoved,
            JsonSchemaChangeKind.MaximumRemoved,
            JsonSchemaChangeKind.MaximumIncreased,
            JsonSchemaChangeKind.MinimumRemoved,
            JsonSchemaChangeKind.MinimumDecreased,
            JsonSchemaChangeKind.ExclusiveMaximumRemoved,
            JsonSchemaChangeKind.ExclusiveMaximumIncreased,
            JsonSchemaChangeKind.ExclusiveMinimumRemoved,
            JsonSchemaChangeKind.ExclusiveMinimumDecreased,
            JsonSchemaChangeKind.MultipleOfRemoved,
            JsonSchemaChangeKind.MultipleOfReduced,
            JsonSchemaChangeKind.RequiredAttributeWithDefaultAdded,
            JsonSchemaChangeKind.RequiredAttributeRemoved,
            JsonSchemaChangeKind.MaxPropertiesRemoved,
            JsonSchemaChangeKind.MaxPropertiesIncreased,
            JsonSchemaChangeKind.MinPropertiesRemoved,
            JsonSchemaChangeKind.MinPropertiesDecreased,
            JsonSchemaChangeKind.AdditionalPropertiesAdded,
            JsonSchemaChangeKind.AdditionalPropertiesExtended,
            JsonSchemaChangeKind.DependencyArrayRemoved,
            JsonSchemaChangeKind.DependencyArrayNarrowed,
            JsonSchemaChangeKind.DependencySchemaRemoved,
            JsonSchemaChangeKind.PropertyWithEmptySchemaAddedToOpenContentModel,
            JsonSchemaChangeKind.RequiredPropertyWithDefaultAddedToUnopenContentModel,
            JsonSchemaChangeKind.OptionalPropertyAddedToUnopenContentModel,
            JsonSchemaChangeKind.PropertyRemovedFromOpenContentModel,
            JsonSchemaChangeKind.PropertyWithFalseRemovedFromClosedContentModel,
            JsonSchemaChangeKind.PropertyRemovedIsCoveredByPartiallyOpenContentModel,
            JsonSchemaChangeKind.PropertyAddedIsCoveredByPartiallyOpenContentModel,
            JsonSchemaChangeKind.UnevaluatedPropertiesAdded,
            JsonSchemaChangeKind.UnevaluatedPropertiesExtended,
            JsonSchemaChangeKind.MaxItemsRemoved,
            JsonSchemaChangeKind.MaxItemsIncreased,
            JsonSchemaChangeKind.MinItemsRemoved,
            JsonSchemaChangeKind.MinItemsDecreased,
            JsonSchemaChangeKind.MaxContainsRemoved,
            JsonSchemaChangeKind.MaxContainsIncreased,
            JsonSchemaChangeKind.MinContainsRemoved,
            JsonSchemaChangeKind.MinContainsDecreased,
            JsonSchemaChangeKind.UniqueItemsRemoved,
            JsonSchemaChangeKind.AdditionalItemsAdded,
            JsonSchemaChangeKind.AdditionalItemsExtended,
            JsonSchemaChangeKind.UnevaluatedItemsAdded,
            JsonSchemaChangeKind.UnevaluatedItemsExtended,
            JsonSchemaChangeKind.ItemWithEmptySchemaAddedToOpenContentModel,
            JsonSchemaChangeKind.ItemAddedToClosedContentModel,
            JsonSchemaChangeKind.ItemRemovedFromOpenContentModel,
            JsonSchemaChangeKind.ItemWithFalseRemovedFromClosedContentModel,
            JsonSchemaChangeKind.ItemRemovedIsCoveredByPartiallyOpenContentModel,
            JsonSchemaChangeKind.ItemAddedIsCoveredByPartiallyOpenContentModel,
            JsonSchemaChangeKind.EnumArrayExtended,
            JsonSchemaChangeKind.CombinedTypeExtended,
            JsonSchemaChangeKind.ProductTypeNarrowed,
            JsonSchemaChangeKind.SumTypeExtended,
            JsonSchemaChangeKind.NotTypeNarrowed,
        };

        // LENIENT additionally trusts that open content models only ever carried the declared
        // properties, so adding/removing properties and closing the model are accepted.
        private static readonly HashSet<JsonSchemaChangeKind> CompatibleLenient = new HashSet<JsonSchemaChangeKind>(CompatibleStrict)
        {
            JsonSchemaChangeKind.AdditionalPropertiesRemoved,
            JsonSchemaChangeKind.AdditionalPropertiesNarrowed,
            JsonSchemaChangeKind.RequiredPropertyWithDefaultAddedToOpenContentModel,
            JsonSchemaChangeKind.OptionalPropertyAddedToOpenContentModel,
            JsonSchemaChangeKind.PropertyRemovedFromClosedContentModel,
            JsonSchemaChangeKind.PropertyRemovedNotCoveredByPartiallyOpenContentModel,
            JsonSchemaChangeKind.PropertyAddedNotCoveredByPartiallyOpenContentModel,
            JsonSchemaChangeKind.UnevaluatedPropertiesRemoved,
            JsonSchemaChangeKind.UnevaluatedPropertiesNarrowed,
        };

        private static readonly Dictionary<JsonSchemaChangeKind, string> ConfluentNames = BuildConfluentNames();

        /// <summary>True when a change of this kind keeps the update able to read what the original accepted.</summary>
        public static bool IsCompatible(this JsonSchemaChangeKind kind, JsonSchemaPolicy policy)
            => (policy == JsonSchemaPolicy.Lenient ? CompatibleLenient : CompatibleStrict).Contains(kind);

        /// <summary>The Confluent spelling of the kind, e.g. <c>OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL</c>.</summary>
        public static string ToConfluentName(this JsonSchemaChangeKind kind) => ConfluentNames[kind];

        /// <summary>Parses a Confluent difference type name; false for names we do not model.</summary>
        public static bool TryParseConfluentName(string name, out JsonSchemaChangeKind kind)
        {
            foreach (var pair in ConfluentNames)
            {
                if (string.Equals(pair.Value, name, StringComparison.Ordinal))
                {
                    kind = pair.Key;
                    return true;
                }
            }
            kind = default;
            return false;
        }

        private static Dictionary<JsonSchemaChangeKind, string> BuildConfluentNames()
        {
            var names = new Dictionary<JsonSchemaChangeKind, string>();
            foreach (JsonSchemaChangeKind kind in Enum.GetValues(typeof(JsonSchemaChangeKind)))
            {
                var pascal = kind.ToString();
                var builder = new StringBuilder(pascal.Length + 8);
                for (var i = 0; i < pascal.Length; i++)
                {
                    if (i > 0 && char.IsUpper(pascal[i])) builder.Append('_');
                    builder.Append(char.ToUpperInvariant(pascal[i]));
                }
                names.Add(kind, builder.ToString());
            }
            return names;
        }
    }
}
