using System.Collections.Generic;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// Rule ids (<c>CTR21xx</c>), messages and fixes for incompatible JSON Schema changes. Each change
    /// kind that can be incompatible maps to exactly one rule; related kinds (e.g. every way of
    /// tightening a string length) share a rule. Messages speak of the writer (the original schema,
    /// whose data must be read) and the reader (the update).
    /// </summary>
    public static class JsonSchemaRules
    {
        private static readonly Dictionary<JsonSchemaChangeKind, string> RuleIds = new Dictionary<JsonSchemaChangeKind, string>
        {
            [JsonSchemaChangeKind.TypeChanged] = DiagnosticCatalog.JsonSchemaTypeChanged,
            [JsonSchemaChangeKind.TypeNarrowed] = DiagnosticCatalog.JsonSchemaTypeNarrowed,
            [JsonSchemaChangeKind.SchemaAdded] = DiagnosticCatalog.JsonSchemaSubschemaAdded,
            [JsonSchemaChangeKind.MaxLengthAdded] = DiagnosticCatalog.JsonSchemaStringLengthTightened,
            [JsonSchemaChangeKind.MaxLengthDecreased] = DiagnosticCatalog.JsonSchemaStringLengthTightened,
            [JsonSchemaChangeKind.MinLengthAdded] = DiagnosticCatalog.JsonSchemaStringLengthTightened,
            [JsonSchemaChangeKind.MinLengthIncreased] = DiagnosticCatalog.JsonSchemaStringLengthTightened,
            [JsonSchemaChangeKind.PatternAdded] = DiagnosticCatalog.JsonSchemaPatternTightened,
            [JsonSchemaChangeKind.PatternChanged] = DiagnosticCatalog.JsonSchemaPatternTightened,
            [JsonSchemaChangeKind.MaximumAdded] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.MaximumDecreased] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.MinimumAdded] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.MinimumIncreased] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.ExclusiveMaximumAdded] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.ExclusiveMaximumDecreased] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.ExclusiveMinimumAdded] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.ExclusiveMinimumIncreased] = DiagnosticCatalog.JsonSchemaNumericRangeTightened,
            [JsonSchemaChangeKind.MultipleOfAdded] = DiagnosticCatalog.JsonSchemaMultipleOfTightened,
            [JsonSchemaChangeKind.MultipleOfExpanded] = DiagnosticCatalog.JsonSchemaMultipleOfTightened,
            [JsonSchemaChangeKind.MultipleOfChanged] = DiagnosticCatalog.JsonSchemaMultipleOfTightened,
            [JsonSchemaChangeKind.RequiredAttributeAdded] = DiagnosticCatalog.JsonSchemaPropertyMadeRequired,
            [JsonSchemaChangeKind.MaxPropertiesAdded] = DiagnosticCatalog.JsonSchemaPropertyCountTightened,
            [JsonSchemaChangeKind.MaxPropertiesDecreased] = DiagnosticCatalog.JsonSchemaPropertyCountTightened,
            [JsonSchemaChangeKind.MinPropertiesAdded] = DiagnosticCatalog.JsonSchemaPropertyCountTightened,
            [JsonSchemaChangeKind.MinPropertiesIncreased] = DiagnosticCatalog.JsonSchemaPropertyCountTightened,
            [JsonSchemaChangeKind.AdditionalPropertiesRemoved] = DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted,
            [JsonSchemaChangeKind.AdditionalPropertiesNarrowed] = DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted,
            [JsonSchemaChangeKind.UnevaluatedPropertiesRemoved] = DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted,
            [JsonSchemaChangeKind.UnevaluatedPropertiesNarrowed] = DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted,
            [JsonSchemaChangeKind.DependencyArrayAdded] = DiagnosticCatalog.JsonSchemaDependencyAdded,
            [JsonSchemaChangeKind.DependencyArrayExtended] = DiagnosticCatalog.JsonSchemaDependencyAdded,
            [JsonSchemaChangeKind.DependencyArrayChanged] = DiagnosticCatalog.JsonSchemaDependencyAdded,
            [JsonSchemaChangeKind.DependencySchemaAdded] = DiagnosticCatalog.JsonSchemaDependencyAdded,
            [JsonSchemaChangeKind.OptionalPropertyAddedToOpenContentModel] = DiagnosticCatalog.JsonSchemaPropertyAddedToOpenContentModel,
            [JsonSchemaChangeKind.RequiredPropertyAddedToOpenContentModel] = DiagnosticCatalog.JsonSchemaPropertyAddedToOpenContentModel,
            [JsonSchemaChangeKind.RequiredPropertyWithDefaultAddedToOpenContentModel] = DiagnosticCatalog.JsonSchemaPropertyAddedToOpenContentModel,
            [JsonSchemaChangeKind.RequiredPropertyAddedToUnopenContentModel] = DiagnosticCatalog.JsonSchemaRequiredPropertyAddedToClosedContentModel,
            [JsonSchemaChangeKind.PropertyRemovedFromClosedContentModel] = DiagnosticCatalog.JsonSchemaPropertyRemovedFromClosedContentModel,
            [JsonSchemaChangeKind.PropertyAddedNotCoveredByPartiallyOpenContentModel] = DiagnosticCatalog.JsonSchemaPropertyNotCoveredByPartiallyOpenContentModel,
            [JsonSchemaChangeKind.PropertyRemovedNotCoveredByPartiallyOpenContentModel] = DiagnosticCatalog.JsonSchemaPropertyNotCoveredByPartiallyOpenContentModel,
            [JsonSchemaChangeKind.MaxItemsAdded] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MaxItemsDecreased] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MinItemsAdded] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MinItemsIncreased] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MaxContainsAdded] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MaxContainsDecreased] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MinContainsAdded] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.MinContainsIncreased] = DiagnosticCatalog.JsonSchemaArraySizeTightened,
            [JsonSchemaChangeKind.UniqueItemsAdded] = DiagnosticCatalog.JsonSchemaUniqueItemsAdded,
            [JsonSchemaChangeKind.AdditionalItemsRemoved] = DiagnosticCatalog.JsonSchemaAdditionalItemsRestricted,
            [JsonSchemaChangeKind.AdditionalItemsNarrowed] = DiagnosticCatalog.JsonSchemaAdditionalItemsRestricted,
            [JsonSchemaChangeKind.UnevaluatedItemsRemoved] = DiagnosticCatalog.JsonSchemaAdditionalItemsRestricted,
            [JsonSchemaChangeKind.UnevaluatedItemsNarrowed] = DiagnosticCatalog.JsonSchemaAdditionalItemsRestricted,
            [JsonSchemaChangeKind.ItemAddedToOpenContentModel] = DiagnosticCatalog.JsonSchemaTupleItemAddedToOpenArray,
            [JsonSchemaChangeKind.ItemRemovedFromClosedContentModel] = DiagnosticCatalog.JsonSchemaTupleItemRemovedFromClosedArray,
            [JsonSchemaChangeKind.ItemAddedNotCoveredByPartiallyOpenContentModel] = DiagnosticCatalog.JsonSchemaTupleItemNotCoveredByAdditionalItems,
            [JsonSchemaChangeKind.ItemRemovedNotCoveredByPartiallyOpenContentModel] = DiagnosticCatalog.JsonSchemaTupleItemNotCoveredByAdditionalItems,
            [JsonSchemaChangeKind.EnumArrayNarrowed] = DiagnosticCatalog.JsonSchemaEnumNarrowed,
            [JsonSchemaChangeKind.EnumArrayChanged] = DiagnosticCatalog.JsonSchemaEnumNarrowed,
            [JsonSchemaChangeKind.CombinedTypeChanged] = DiagnosticCatalog.JsonSchemaCombinationCriterionChanged,
            [JsonSchemaChangeKind.ProductTypeExtended] = DiagnosticCatalog.JsonSchemaAllOfExtended,
            [JsonSchemaChangeKind.SumTypeNarrowed] = DiagnosticCatalog.JsonSchemaAlternativeRemoved,
            [JsonSchemaChangeKind.CombinedTypeSubschemasChanged] = DiagnosticCatalog.JsonSchemaCombinedSubschemasChanged,
            [JsonSchemaChangeKind.NotTypeExtended] = DiagnosticCatalog.JsonSchemaNotExtended,
            [JsonSchemaChangeKind.ReferenceUnresolved] = DiagnosticCatalog.JsonSchemaReferenceUnresolved,
            [JsonSchemaChangeKind.ComparisonTooDeep] = DiagnosticCatalog.JsonSchemaComparisonTooDeep,
        };

        /// <summary>The rule id of a kind that can be incompatible, or null for kinds that are compatible under every policy.</summary>
        public static string? RuleIdOf(JsonSchemaChangeKind kind) => RuleIds.TryGetValue(kind, out var id) ? id : null;

        /// <summary>Every JSON Schema compatibility rule id, in id order.</summary>
        public static IReadOnlyCollection<string> AllRuleIds => SortedRuleIds;

        private static readonly SortedSet<string> SortedRuleIds = new SortedSet<string>(RuleIds.Values);

        /// <summary>The issue reported for a change of a kind that can be incompatible.</summary>
        /// <exception cref="System.ArgumentException">The kind is compatible under every policy, so it has no rule.</exception>
        public static CompatibilityIssue ToIssue(JsonSchemaChange change)
        {
            if (change is null) throw new System.ArgumentNullException(nameof(change));
            var ruleId = RuleIdOf(change.Kind) ?? throw new System.ArgumentException($"{change.Kind} is compatible under every policy and has no rule.", nameof(change));
            var (message, fix) = Describe(change);
            return new CompatibilityIssue(
                ruleId,
                message,
                fix,
                change.UpdatePointer,
                change.OriginalPointer,
                change.UpdateLocation,
                change.OriginalLocation,
                change.UpdateNode.ToShortJson(),
                change.OriginalNode.ToShortJson());
        }

        private static (string Message, string Fix) Describe(JsonSchemaChange change)
        {
            var at = "`" + change.Path + "`";
            var name = change.Subject ?? LastSegment(change.Path);
            var writer = Fragment(change.OriginalNode);
            var reader = Fragment(change.UpdateNode);
            switch (change.Kind)
            {
                case JsonSchemaChangeKind.TypeChanged:
                    return ($"The schema at {at} changed type: the writer has {writer}, the reader {reader}, so data written by the writer is rejected.",
                        $"Keep the writer's type at {at} (or accept both with `anyOf`), or publish the change as a new subject.");
                case JsonSchemaChangeKind.TypeNarrowed:
                    return ($"The schema at {at} was narrowed from `number` to `integer`; numbers with a fraction are rejected.",
                        $"Keep `\"type\": \"number\"` at {at}.");
                case JsonSchemaChangeKind.SchemaAdded:
                    return ($"The reader adds the schema {reader} at {at}, where the writer accepted any value.",
                        $"Remove the new schema at {at}, or make it accept any value (`true`).");
                case JsonSchemaChangeKind.MaxLengthAdded:
                case JsonSchemaChangeKind.MinLengthAdded:
                case JsonSchemaChangeKind.PatternAdded:
                case JsonSchemaChangeKind.MaximumAdded:
                case JsonSchemaChangeKind.MinimumAdded:
                case JsonSchemaChangeKind.ExclusiveMaximumAdded:
                case JsonSchemaChangeKind.ExclusiveMinimumAdded:
                case JsonSchemaChangeKind.MultipleOfAdded:
                case JsonSchemaChangeKind.MaxPropertiesAdded:
                case JsonSchemaChangeKind.MinPropertiesAdded:
                case JsonSchemaChangeKind.MaxItemsAdded:
                case JsonSchemaChangeKind.MinItemsAdded:
                case JsonSchemaChangeKind.MaxContainsAdded:
                case JsonSchemaChangeKind.MinContainsAdded:
                    return ($"The reader adds `{LastSegment(change.Path)}: {change.UpdateNode.ToShortJson(60)}` at {at}; values the writer allowed may now be rejected.",
                        $"Remove the new `{LastSegment(change.Path)}` at {at}.");
                case JsonSchemaChangeKind.MaxLengthDecreased:
                case JsonSchemaChangeKind.MaximumDecreased:
                case JsonSchemaChangeKind.ExclusiveMaximumDecreased:
                case JsonSchemaChangeKind.MaxPropertiesDecreased:
                case JsonSchemaChangeKind.MaxItemsDecreased:
                case JsonSchemaChangeKind.MaxContainsDecreased:
                    return ($"`{LastSegment(change.Path)}` at {at} was lowered from {writer} to {reader}; larger values the writer allowed are rejected.",
                        $"Keep `{LastSegment(change.Path)}` at {writer} or higher at {at}.");
                case JsonSchemaChangeKind.MinLengthIncreased:
                case JsonSchemaChangeKind.MinimumIncreased:
                case JsonSchemaChangeKind.ExclusiveMinimumIncreased:
                case JsonSchemaChangeKind.MinPropertiesIncreased:
                case JsonSchemaChangeKind.MinItemsIncreased:
                case JsonSchemaChangeKind.MinContainsIncreased:
                    return ($"`{LastSegment(change.Path)}` at {at} was raised from {writer} to {reader}; smaller values the writer allowed are rejected.",
                        $"Keep `{LastSegment(change.Path)}` at {writer} or lower at {at}.");
                case JsonSchemaChangeKind.PatternChanged:
                    return ($"`pattern` at {at} changed from {writer} to {reader}; strings matching only the old pattern are rejected.",
                        $"Keep `pattern` {writer} at {at}, or remove it.");
                case JsonSchemaChangeKind.MultipleOfExpanded:
                case JsonSchemaChangeKind.MultipleOfChanged:
                    return ($"`multipleOf` at {at} changed from {writer} to {reader}; multiples of {writer} that are not multiples of {reader} are rejected.",
                        $"Keep `multipleOf` {writer} at {at}, or use a divisor of it.");
                case JsonSchemaChangeKind.RequiredAttributeAdded:
                    return ($"Property `{name}` became required at {at}; writer data without `{name}` is rejected.",
                        $"Keep `{name}` optional, or give it a `default` before adding it to `required`.");
                case JsonSchemaChangeKind.AdditionalPropertiesRemoved:
                case JsonSchemaChangeKind.UnevaluatedPropertiesRemoved:
                    return ($"The reader forbids undeclared properties at {at} ({reader}); the writer allowed them.",
                        $"Keep the content model open at {at} (STRICT never allows closing it); under LENIENT, add every property writers send to `properties` before closing the content model.");
                case JsonSchemaChangeKind.AdditionalPropertiesNarrowed:
                case JsonSchemaChangeKind.UnevaluatedPropertiesNarrowed:
                    return ($"The reader constrains undeclared properties at {at} with {reader}; the writer allowed any value.",
                        $"Remove the new schema at {at}, or declare the properties writers send.");
                case JsonSchemaChangeKind.DependencyArrayAdded:
                case JsonSchemaChangeKind.DependencyArrayExtended:
                case JsonSchemaChangeKind.DependencyArrayChanged:
                case JsonSchemaChangeKind.DependencySchemaAdded:
                    return ($"The reader adds or extends the dependency of `{name}` at {at} ({reader}); writer data with `{name}` may not satisfy it.",
                        $"Remove the new dependency of `{name}` at {at}.");
                case JsonSchemaChangeKind.OptionalPropertyAddedToOpenContentModel:
                case JsonSchemaChangeKind.RequiredPropertyAddedToOpenContentModel:
                case JsonSchemaChangeKind.RequiredPropertyWithDefaultAddedToOpenContentModel:
                    return ($"Property `{name}` was added at {at} with schema {reader}, but the writer's content model is open: it accepted any value under `{name}`.",
                        $"Declare `{name}` with the empty schema (`true`) instead, or use the LENIENT policy if writers never sent undeclared properties (under STRICT only a closed content model, `additionalProperties: false` from the first version, lets properties be added).");
                case JsonSchemaChangeKind.RequiredPropertyAddedToUnopenContentModel:
                    return ($"Required property `{name}` without a default was added at {at}; writer data never has it.",
                        $"Add `{name}` as an optional property, or give it a `default`.");
                case JsonSchemaChangeKind.PropertyRemovedFromClosedContentModel:
                    return ($"Property `{name}` was removed at {at}, and the reader's content model is closed, so writer data carrying `{name}` is rejected.",
                        $"Keep property `{name}` in `properties`, or let additional properties accept its values.");
                case JsonSchemaChangeKind.PropertyAddedNotCoveredByPartiallyOpenContentModel:
                    return ($"Property `{name}` was added at {at} with schema {reader}, which rejects values the writer's additional/pattern properties schema {writer} accepted under that name.",
                        $"Give `{name}` a schema that accepts everything {writer} accepts.");
                case JsonSchemaChangeKind.PropertyRemovedNotCoveredByPartiallyOpenContentModel:
                    return ($"Property `{name}` was removed at {at}; the reader's additional/pattern properties schema {reader} rejects values the writer allowed for `{name}`.",
                        $"Keep property `{name}`, or widen {reader} to accept its values.");
                case JsonSchemaChangeKind.UniqueItemsAdded:
                    return ($"The reader requires unique items at {at}; writer arrays with duplicates are rejected.",
                        $"Remove `uniqueItems: true` at {at}.");
                case JsonSchemaChangeKind.AdditionalItemsRemoved:
                case JsonSchemaChangeKind.UnevaluatedItemsRemoved:
                    return ($"The reader forbids array items beyond its tuple at {at}; the writer allowed them.",
                        $"Keep additional items allowed at {at}.");
                case JsonSchemaChangeKind.AdditionalItemsNarrowed:
                case JsonSchemaChangeKind.UnevaluatedItemsNarrowed:
                    return ($"The reader constrains array items beyond its tuple at {at} with {reader}; the writer allowed any value.",
                        $"Remove the new schema at {at}.");
                case JsonSchemaChangeKind.ItemAddedToOpenContentModel:
                    return ($"Tuple item {at} was added with schema {reader}, but the writer's array is open: it accepted any value there.",
                        $"Give the new tuple item at {at} the empty schema (`true`), or close the array (`additionalItems: false`) in an earlier version before adding it.");
                case JsonSchemaChangeKind.ItemRemovedFromClosedContentModel:
                    return ($"Tuple item {at} was removed and the reader's array is closed, so writer arrays with that item are rejected.",
                        $"Keep the tuple item at {at}, or allow additional items that accept it.");
                case JsonSchemaChangeKind.ItemAddedNotCoveredByPartiallyOpenContentModel:
                    return ($"Tuple item {at} was added with schema {reader}, which rejects values the writer's additional-items schema {writer} accepted.",
                        $"Make the item schema at {at} accept everything {writer} accepts.");
                case JsonSchemaChangeKind.ItemRemovedNotCoveredByPartiallyOpenContentModel:
                    return ($"Tuple item {at} was removed; the reader's additional-items schema {reader} rejects values the writer allowed there.",
                        $"Keep the tuple item at {at}, or widen {reader}.");
                case JsonSchemaChangeKind.EnumArrayNarrowed:
                case JsonSchemaChangeKind.EnumArrayChanged:
                    var value = change.Subject is null ? writer : "`" + change.Subject + "`";
                    return ($"The reader no longer accepts {value} at {at} (writer {Fragment(change.OriginalNode.Parent ?? change.OriginalNode)}, reader {reader}).",
                        change.Path.EndsWith("/const", System.StringComparison.Ordinal) ? $"Keep `const` {writer} at {at}." : $"Keep enum value {value} at {at}.");
                case JsonSchemaChangeKind.CombinedTypeChanged:
                    return ($"The combination at {at} changed to a stricter one ({change.Subject}).",
                        $"Keep the writer's combination keyword at {at}, or change it only to `anyOf`.");
                case JsonSchemaChangeKind.ProductTypeExtended:
                    return ($"`allOf` at {at} gained a subschema; writer data must now also satisfy it.",
                        $"Remove the added `allOf` subschema at {at}.");
                case JsonSchemaChangeKind.SumTypeNarrowed:
                    return ($"The alternatives at {at} lost a member; writer data of the removed alternative is rejected.",
                        $"Keep every alternative of {writer} at {at}.");
                case JsonSchemaChangeKind.CombinedTypeSubschemasChanged:
                    return ($"The subschemas at {at} can no longer each be matched to a compatible counterpart (writer {writer}, reader {reader}).",
                        $"Keep each subschema at {at} accepting what the writer's counterpart accepted.");
                case JsonSchemaChangeKind.NotTypeExtended:
                    return ($"The `not` schema at {at} now excludes more values (writer {writer}, reader {reader}).",
                        $"Keep the `not` schema at {at} no wider than {writer}.");
                case JsonSchemaChangeKind.ReferenceUnresolved:
                    return ($"A `$ref` at {at} cannot be resolved: {change.Subject}; the schemas cannot be compared there.",
                        "Point the `$ref` at a local definition that exists, or give the external resolver the referenced document.");
                case JsonSchemaChangeKind.ComparisonTooDeep:
                    return ($"The comparison reached {DiffSession.MaxDepth} nested schemas at {at} and stopped there.",
                        $"Flatten the chain of nested `$ref`s leading to {at}.");
                default:
                    return ($"{change.Kind.ToConfluentName()} at {at} (writer {writer}, reader {reader}).",
                        $"Revert the change at {at}.");
            }
        }

        private static string Fragment(JsonNode node) => "`" + node.ToShortJson(60) + "`";

        private static string LastSegment(string path)
        {
            var slash = path.LastIndexOf('/');
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
