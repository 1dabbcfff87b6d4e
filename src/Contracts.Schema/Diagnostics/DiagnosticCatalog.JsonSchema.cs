namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>CTR2101: A schema's type changed (see docs/diagnostics/CTR2101.md).</summary>
        public const string JsonSchemaTypeChanged = "CTR2101";

        /// <summary>CTR2102: A number schema was narrowed to integer (see docs/diagnostics/CTR2102.md).</summary>
        public const string JsonSchemaTypeNarrowed = "CTR2102";

        /// <summary>CTR2103: A subschema was added where any value was accepted (see docs/diagnostics/CTR2103.md).</summary>
        public const string JsonSchemaSubschemaAdded = "CTR2103";

        /// <summary>CTR2104: A string length bound was added or tightened (see docs/diagnostics/CTR2104.md).</summary>
        public const string JsonSchemaStringLengthTightened = "CTR2104";

        /// <summary>CTR2105: A string pattern was added or changed (see docs/diagnostics/CTR2105.md).</summary>
        public const string JsonSchemaPatternTightened = "CTR2105";

        /// <summary>CTR2106: A numeric bound was added or tightened (see docs/diagnostics/CTR2106.md).</summary>
        public const string JsonSchemaNumericRangeTightened = "CTR2106";

        /// <summary>CTR2107: multipleOf was added or changed to a stricter value (see docs/diagnostics/CTR2107.md).</summary>
        public const string JsonSchemaMultipleOfTightened = "CTR2107";

        /// <summary>CTR2108: An existing property became required (see docs/diagnostics/CTR2108.md).</summary>
        public const string JsonSchemaPropertyMadeRequired = "CTR2108";

        /// <summary>CTR2109: A property count bound was added or tightened (see docs/diagnostics/CTR2109.md).</summary>
        public const string JsonSchemaPropertyCountTightened = "CTR2109";

        /// <summary>CTR2110: Additional (or unevaluated) properties were restricted (see docs/diagnostics/CTR2110.md).</summary>
        public const string JsonSchemaAdditionalPropertiesRestricted = "CTR2110";

        /// <summary>CTR2111: A property or schema dependency was added or extended (see docs/diagnostics/CTR2111.md).</summary>
        public const string JsonSchemaDependencyAdded = "CTR2111";

        /// <summary>CTR2112: A property was added to an open content model (see docs/diagnostics/CTR2112.md).</summary>
        public const string JsonSchemaPropertyAddedToOpenContentModel = "CTR2112";

        /// <summary>CTR2113: A required property without default was added to a closed or partially open content model (see docs/diagnostics/CTR2113.md).</summary>
        public const string JsonSchemaRequiredPropertyAddedToClosedContentModel = "CTR2113";

        /// <summary>CTR2114: A property was removed from a closed content model (see docs/diagnostics/CTR2114.md).</summary>
        public const string JsonSchemaPropertyRemovedFromClosedContentModel = "CTR2114";

        /// <summary>CTR2115: A property added or removed is not covered by the partially open content model (see docs/diagnostics/CTR2115.md).</summary>
        public const string JsonSchemaPropertyNotCoveredByPartiallyOpenContentModel = "CTR2115";

        /// <summary>CTR2116: An array size or contains-count bound was added or tightened (see docs/diagnostics/CTR2116.md).</summary>
        public const string JsonSchemaArraySizeTightened = "CTR2116";

        /// <summary>CTR2117: uniqueItems was added (see docs/diagnostics/CTR2117.md).</summary>
        public const string JsonSchemaUniqueItemsAdded = "CTR2117";

        /// <summary>CTR2118: Additional (or unevaluated) array items were restricted (see docs/diagnostics/CTR2118.md).</summary>
        public const string JsonSchemaAdditionalItemsRestricted = "CTR2118";

        /// <summary>CTR2119: A tuple item was added to an open array (see docs/diagnostics/CTR2119.md).</summary>
        public const string JsonSchemaTupleItemAddedToOpenArray = "CTR2119";

        /// <summary>CTR2120: A tuple item was removed from a closed array (see docs/diagnostics/CTR2120.md).</summary>
        public const string JsonSchemaTupleItemRemovedFromClosedArray = "CTR2120";

        /// <summary>CTR2121: A tuple item added or removed is not covered by the additional-items schema (see docs/diagnostics/CTR2121.md).</summary>
        public const string JsonSchemaTupleItemNotCoveredByAdditionalItems = "CTR2121";

        /// <summary>CTR2122: An enum lost values or a const changed (see docs/diagnostics/CTR2122.md).</summary>
        public const string JsonSchemaEnumNarrowed = "CTR2122";

        /// <summary>CTR2123: allOf/anyOf/oneOf changed to a stricter combination (see docs/diagnostics/CTR2123.md).</summary>
        public const string JsonSchemaCombinationCriterionChanged = "CTR2123";

        /// <summary>CTR2124: allOf gained a subschema (see docs/diagnostics/CTR2124.md).</summary>
        public const string JsonSchemaAllOfExtended = "CTR2124";

        /// <summary>CTR2125: oneOf/anyOf (or a type array) lost an alternative (see docs/diagnostics/CTR2125.md).</summary>
        public const string JsonSchemaAlternativeRemoved = "CTR2125";

        /// <summary>CTR2126: The subschemas of allOf/anyOf/oneOf no longer match (see docs/diagnostics/CTR2126.md).</summary>
        public const string JsonSchemaCombinedSubschemasChanged = "CTR2126";

        /// <summary>CTR2127: The not schema excludes more instances (see docs/diagnostics/CTR2127.md).</summary>
        public const string JsonSchemaNotExtended = "CTR2127";

        /// <summary>CTR2190: A $ref could not be resolved (see docs/diagnostics/CTR2190.md).</summary>
        public const string JsonSchemaReferenceUnresolved = "CTR2190";

        /// <summary>CTR2191: The comparison went deeper than the engine allows (see docs/diagnostics/CTR2191.md).</summary>
        public const string JsonSchemaComparisonTooDeep = "CTR2191";

        static partial void RegisterJsonSchemaCompatibilityRules()
        {
            Add(JsonSchemaTypeChanged, "A schema's type changed", CompatibilityCategory);
            Add(JsonSchemaTypeNarrowed, "A number schema was narrowed to integer", CompatibilityCategory);
            Add(JsonSchemaSubschemaAdded, "A subschema was added where any value was accepted", CompatibilityCategory);
            Add(JsonSchemaStringLengthTightened, "A string length bound was added or tightened", CompatibilityCategory);
            Add(JsonSchemaPatternTightened, "A string pattern was added or changed", CompatibilityCategory);
            Add(JsonSchemaNumericRangeTightened, "A numeric bound was added or tightened", CompatibilityCategory);
            Add(JsonSchemaMultipleOfTightened, "multipleOf was added or changed to a stricter value", CompatibilityCategory);
            Add(JsonSchemaPropertyMadeRequired, "An existing property became required", CompatibilityCategory);
            Add(JsonSchemaPropertyCountTightened, "A property count bound was added or tightened", CompatibilityCategory);
            Add(JsonSchemaAdditionalPropertiesRestricted, "Additional (or unevaluated) properties were restricted", CompatibilityCategory);
            Add(JsonSchemaDependencyAdded, "A property or schema dependency was added or extended", CompatibilityCategory);
            Add(JsonSchemaPropertyAddedToOpenContentModel, "A property was added to an open content model", CompatibilityCategory);
            Add(JsonSchemaRequiredPropertyAddedToClosedContentModel, "A required property without default was added to a closed or partially open content model", CompatibilityCategory);
            Add(JsonSchemaPropertyRemovedFromClosedContentModel, "A property was removed from a closed content model", CompatibilityCategory);
            Add(JsonSchemaPropertyNotCoveredByPartiallyOpenContentModel, "A property added or removed is not covered by the partially open content model", CompatibilityCategory);
            Add(JsonSchemaArraySizeTightened, "An array size or contains-count bound was added or tightened", CompatibilityCategory);
            Add(JsonSchemaUniqueItemsAdded, "uniqueItems was added", CompatibilityCategory);
            Add(JsonSchemaAdditionalItemsRestricted, "Additional (or unevaluated) array items were restricted", CompatibilityCategory);
            Add(JsonSchemaTupleItemAddedToOpenArray, "A tuple item was added to an open array", CompatibilityCategory);
            Add(JsonSchemaTupleItemRemovedFromClosedArray, "A tuple item was removed from a closed array", CompatibilityCategory);
            Add(JsonSchemaTupleItemNotCoveredByAdditionalItems, "A tuple item added or removed is not covered by the additional-items schema", CompatibilityCategory);
            Add(JsonSchemaEnumNarrowed, "An enum lost values or a const changed", CompatibilityCategory);
            Add(JsonSchemaCombinationCriterionChanged, "allOf/anyOf/oneOf changed to a stricter combination", CompatibilityCategory);
            Add(JsonSchemaAllOfExtended, "allOf gained a subschema", CompatibilityCategory);
            Add(JsonSchemaAlternativeRemoved, "oneOf/anyOf (or a type array) lost an alternative", CompatibilityCategory);
            Add(JsonSchemaCombinedSubschemasChanged, "The subschemas of allOf/anyOf/oneOf no longer match", CompatibilityCategory);
            Add(JsonSchemaNotExtended, "The not schema excludes more instances", CompatibilityCategory);
            Add(JsonSchemaReferenceUnresolved, "A $ref could not be resolved", CompatibilityCategory);
            Add(JsonSchemaComparisonTooDeep, "The comparison went deeper than the engine allows", CompatibilityCategory);
        }
    }
}
