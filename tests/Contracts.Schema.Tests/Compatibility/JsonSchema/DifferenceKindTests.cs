using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.JsonSchema;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>One small original/update pair per difference kind, with the STRICT verdict it must get.</summary>
    public sealed class DifferenceKindTests
    {
        public static TheoryData<string, string, string, bool> Pairs => new TheoryData<string, string, string, bool>
        {
            { "IdChanged", "{\"$id\":\"urn:a\"}", "{\"$id\":\"urn:b\"}", true },
            { "DescriptionChanged", "{\"description\":\"a\"}", "{\"description\":\"b\"}", true },
            { "TitleChanged", "{\"title\":\"a\"}", "{\"title\":\"b\"}", true },
            { "DefaultChanged", "{\"type\":\"string\",\"default\":\"a\"}", "{\"type\":\"string\",\"default\":\"b\"}", true },
            { "SchemaAdded", "{\"type\":\"array\"}", "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", false },
            { "SchemaRemoved", "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "{\"type\":\"array\"}", true },
            { "TypeExtended", "{\"type\":\"integer\"}", "{\"type\":\"number\"}", true },
            { "TypeNarrowed", "{\"type\":\"number\"}", "{\"type\":\"integer\"}", false },
            { "TypeChanged", "{\"type\":\"string\"}", "{\"type\":\"boolean\"}", false },
            { "MaxLengthAdded", "{\"type\":\"string\"}", "{\"type\":\"string\",\"maxLength\":5}", false },
            { "MaxLengthRemoved", "{\"type\":\"string\",\"maxLength\":5}", "{\"type\":\"string\"}", true },
            { "MaxLengthIncreased", "{\"type\":\"string\",\"maxLength\":5}", "{\"type\":\"string\",\"maxLength\":6}", true },
            { "MaxLengthDecreased", "{\"type\":\"string\",\"maxLength\":5}", "{\"type\":\"string\",\"maxLength\":4}", false },
            { "MinLengthAdded", "{\"type\":\"string\"}", "{\"type\":\"string\",\"minLength\":1}", false },
            { "MinLengthRemoved", "{\"type\":\"string\",\"minLength\":1}", "{\"type\":\"string\"}", true },
            { "MinLengthIncreased", "{\"type\":\"string\",\"minLength\":1}", "{\"type\":\"string\",\"minLength\":2}", false },
            { "MinLengthDecreased", "{\"type\":\"string\",\"minLength\":2}", "{\"type\":\"string\",\"minLength\":1}", true },
            { "PatternAdded", "{\"type\":\"string\"}", "{\"type\":\"string\",\"pattern\":\"^a\"}", false },
            { "PatternRemoved", "{\"type\":\"string\",\"pattern\":\"^a\"}", "{\"type\":\"string\"}", true },
            { "PatternChanged", "{\"type\":\"string\",\"pattern\":\"^a\"}", "{\"type\":\"string\",\"pattern\":\"^b\"}", false },
            { "MaximumAdded", "{\"type\":\"number\"}", "{\"type\":\"number\",\"maximum\":5}", false },
            { "MaximumRemoved", "{\"type\":\"number\",\"maximum\":5}", "{\"type\":\"number\"}", true },
            { "MaximumIncreased", "{\"type\":\"number\",\"maximum\":5}", "{\"type\":\"number\",\"maximum\":6}", true },
            { "MaximumDecreased", "{\"type\":\"number\",\"maximum\":6}", "{\"type\":\"number\",\"maximum\":5}", false },
            { "MinimumAdded", "{\"type\":\"number\"}", "{\"type\":\"number\",\"minimum\":5}", false },
            { "MinimumRemoved", "{\"type\":\"number\",\"minimum\":5}", "{\"type\":\"number\"}", true },
            { "MinimumIncreased", "{\"type\":\"number\",\"minimum\":5}", "{\"type\":\"number\",\"minimum\":6}", false },
            { "MinimumDecreased", "{\"type\":\"number\",\"minimum\":6}", "{\"type\":\"number\",\"minimum\":5}", true },
            { "ExclusiveMaximumAdded", "{\"type\":\"number\"}", "{\"type\":\"number\",\"exclusiveMaximum\":5}", false },
            { "ExclusiveMaximumRemoved", "{\"type\":\"number\",\"exclusiveMaximum\":5}", "{\"type\":\"number\"}", true },
            { "ExclusiveMaximumIncreased", "{\"type\":\"number\",\"exclusiveMaximum\":5}", "{\"type\":\"number\",\"exclusiveMaximum\":6}", true },
            { "ExclusiveMaximumDecreased", "{\"type\":\"number\",\"exclusiveMaximum\":6}", "{\"type\":\"number\",\"exclusiveMaximum\":5}", false },
            { "ExclusiveMinimumAdded", "{\"type\":\"number\"}", "{\"type\":\"number\",\"exclusiveMinimum\":5}", false },
            { "ExclusiveMinimumRemoved", "{\"type\":\"number\",\"exclusiveMinimum\":5}", "{\"type\":\"number\"}", true },
            { "ExclusiveMinimumIncreased", "{\"type\":\"number\",\"exclusiveMinimum\":5}", "{\"type\":\"number\",\"exclusiveMinimum\":6}", false },
            { "ExclusiveMinimumDecreased", "{\"type\":\"number\",\"exclusiveMinimum\":6}", "{\"type\":\"number\",\"exclusiveMinimum\":5}", true },
            { "MultipleOfAdded", "{\"type\":\"number\"}", "{\"type\":\"number\",\"multipleOf\":2}", false },
            { "MultipleOfRemoved", "{\"type\":\"number\",\"multipleOf\":2}", "{\"type\":\"number\"}", true },
            { "MultipleOfExpanded", "{\"type\":\"number\",\"multipleOf\":2}", "{\"type\":\"number\",\"multipleOf\":4}", false },
            { "MultipleOfReduced", "{\"type\":\"number\",\"multipleOf\":4}", "{\"type\":\"number\",\"multipleOf\":2}", true },
            { "MultipleOfChanged", "{\"type\":\"number\",\"multipleOf\":4}", "{\"type\":\"number\",\"multipleOf\":3}", false },
            { "RequiredAttributeAdded", "{\"properties\":{\"a\":{}}}", "{\"properties\":{\"a\":{}},\"required\":[\"a\"]}", false },
            { "RequiredAttributeWithDefaultAdded", "{\"properties\":{\"a\":{}}}", "{\"properties\":{\"a\":{\"default\":1}},\"required\":[\"a\"]}", true },
            { "RequiredAttributeRemoved", "{\"properties\":{\"a\":{}},\"required\":[\"a\"]}", "{\"properties\":{\"a\":{}}}", true },
            { "MaxPropertiesAdded", "{\"type\":\"object\"}", "{\"type\":\"object\",\"maxProperties\":2}", false },
            { "MaxPropertiesRemoved", "{\"type\":\"object\",\"maxProperties\":2}", "{\"type\":\"object\"}", true },
            { "MaxPropertiesIncreased", "{\"type\":\"object\",\"maxProperties\":2}", "{\"type\":\"object\",\"maxProperties\":3}", true },
            { "MaxPropertiesDecreased", "{\"type\":\"object\",\"maxProperties\":3}", "{\"type\":\"object\",\"maxProperties\":2}", false },
            { "MinPropertiesAdded", "{\"type\":\"object\"}", "{\"type\":\"object\",\"minProperties\":2}", false },
            { "MinPropertiesRemoved", "{\"type\":\"object\",\"minProperties\":2}", "{\"type\":\"object\"}", true },
            { "MinPropertiesIncreased", "{\"type\":\"object\",\"minProperties\":2}", "{\"type\":\"object\",\"minProperties\":3}", false },
            { "MinPropertiesDecreased", "{\"type\":\"object\",\"minProperties\":3}", "{\"type\":\"object\",\"minProperties\":2}", true },
            { "MaxItemsAdded", "{\"type\":\"array\"}", "{\"type\":\"array\",\"maxItems\":2}", false },
            { "MaxItemsRemoved", "{\"type\":\"array\",\"maxItems\":2}", "{\"type\":\"array\"}", true },
            { "MaxItemsIncreased", "{\"type\":\"array\",\"maxItems\":2}", "{\"type\":\"array\",\"maxItems\":3}", true },
            { "MaxItemsDecreased", "{\"type\":\"array\",\"maxItems\":3}", "{\"type\":\"array\",\"maxItems\":2}", false },
            { "MinItemsAdded", "{\"type\":\"array\"}", "{\"type\":\"array\",\"minItems\":2}", false },
            { "MinItemsRemoved", "{\"type\":\"array\",\"minItems\":2}", "{\"type\":\"array\"}", true },
            { "MinItemsIncreased", "{\"type\":\"array\",\"minItems\":2}", "{\"type\":\"array\",\"minItems\":3}", false },
            { "MinItemsDecreased", "{\"type\":\"array\",\"minItems\":3}", "{\"type\":\"array\",\"minItems\":2}", true },
            { "MaxContainsAdded", "{\"type\":\"array\"}", "{\"type\":\"array\",\"maxContains\":2}", false },
            { "MaxContainsRemoved", "{\"type\":\"array\",\"maxContains\":2}", "{\"type\":\"array\"}", true },
            { "MaxContainsIncreased", "{\"type\":\"array\",\"maxContains\":2}", "{\"type\":\"array\",\"maxContains\":3}", true },
            { "MaxContainsDecreased", "{\"type\":\"array\",\"maxContains\":3}", "{\"type\":\"array\",\"maxContains\":2}", false },
            { "MinContainsAdded", "{\"type\":\"array\"}", "{\"type\":\"array\",\"minContains\":2}", false },
            { "MinContainsRemoved", "{\"type\":\"array\",\"minContains\":2}", "{\"type\":\"array\"}", true },
            { "MinContainsIncreased", "{\"type\":\"array\",\"minContains\":2}", "{\"type\":\"array\",\"minContains\":3}", false },
            { "MinContainsDecreased", "{\"type\":\"array\",\"minContains\":3}", "{\"type\":\"array\",\"minContains\":2}", true },
            { "AdditionalPropertiesAdded", "{\"additionalProperties\":false}", "{\"additionalProperties\":true}", true },
            { "AdditionalPropertiesRemoved", "{\"additionalProperties\":true}", "{\"additionalProperties\":false}", false },
            { "AdditionalPropertiesExtended", "{\"additionalProperties\":{\"type\":\"string\"}}", "{\"additionalProperties\":true}", true },
            { "AdditionalPropertiesNarrowed", "{\"additionalProperties\":true}", "{\"additionalProperties\":{\"type\":\"string\"}}", false },
            { "DependencyArrayAdded", "{\"dependencies\":{}}", "{\"dependencies\":{\"a\":[\"b\"]}}", false },
            { "DependencyArrayRemoved", "{\"dependencies\":{\"a\":[\"b\"]}}", "{\"dependencies\":{}}", true },
            { "DependencyArrayExtended", "{\"dependencies\":{\"a\":[\"b\"]}}", "{\"dependencies\":{\"a\":[\"b\",\"c\"]}}", false },
            { "DependencyArrayNarrowed", "{\"dependencies\":{\"a\":[\"b\",\"c\"]}}", "{\"dependencies\":{\"a\":[\"b\"]}}", true },
            { "DependencyArrayChanged", "{\"dependencies\":{\"a\":[\"b\"]}}", "{\"dependencies\":{\"a\":[\"c\"]}}", false },
            { "DependencySchemaAdded", "{\"dependencies\":{}}", "{\"dependencies\":{\"a\":{\"required\":[\"b\"]}}}", false },
            { "DependencySchemaRemoved", "{\"dependencies\":{\"a\":{\"required\":[\"b\"]}}}", "{\"dependencies\":{}}", true },
            { "RequiredPropertyAddedToOpenContentModel", "{\"properties\":{}}", "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}", false },
            { "RequiredPropertyWithDefaultAddedToOpenContentModel", "{\"properties\":{}}", "{\"properties\":{\"a\":{\"type\":\"string\",\"default\":\"x\"}},\"required\":[\"a\"]}", false },
            { "OptionalPropertyAddedToOpenContentModel", "{\"properties\":{}}", "{\"properties\":{\"a\":{\"type\":\"string\"}}}", false },
            { "PropertyWithEmptySchemaAddedToOpenContentModel", "{\"properties\":{}}", "{\"properties\":{\"a\":{}}}", true },
            { "RequiredPropertyAddedToUnopenContentModel", "{\"additionalProperties\":false}", "{\"properties\":{\"a\":{}},\"required\":[\"a\"],\"additionalProperties\":false}", false },
            { "RequiredPropertyWithDefaultAddedToUnopenContentModel", "{\"additionalProperties\":false}", "{\"properties\":{\"a\":{\"default\":1}},\"required\":[\"a\"],\"additionalProperties\":false}", true },
            { "OptionalPropertyAddedToUnopenContentModel", "{\"additionalProperties\":false}", "{\"properties\":{\"a\":{}},\"additionalProperties\":false}", true },
            { "PropertyRemovedFromOpenContentModel", "{\"properties\":{\"a\":{}}}", "{\"properties\":{}}", true },
            { "PropertyWithFalseRemovedFromClosedContentModel", "{\"properties\":{\"a\":false},\"additionalProperties\":false}", "{\"additionalProperties\":false}", true },
            { "PropertyRemovedFromClosedContentModel", "{\"properties\":{\"a\":{}},\"additionalProperties\":false}", "{\"additionalProperties\":false}", false },
            { "PropertyRemovedIsCoveredByPartiallyOpenContentModel", "{\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}", "{\"additionalProperties\":{\"type\":\"string\"}}", true },
            { "PropertyRemovedNotCoveredByPartiallyOpenContentModel", "{\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":false}", "{\"additionalProperties\":{\"type\":\"number\"}}", false },
            { "PropertyAddedIsCoveredByPartiallyOpenContentModel", "{\"additionalProperties\":{\"type\":\"string\"}}", "{\"properties\":{\"a\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"string\"}}", true },
            { "PropertyAddedNotCoveredByPartiallyOpenContentModel", "{\"additionalProperties\":{\"type\":\"string\"}}", "{\"properties\":{\"a\":{\"type\":\"number\"}},\"additionalProperties\":{\"type\":\"string\"}}", false },
            { "UnevaluatedPropertiesAdded", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":false}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":true}", true },
            { "UnevaluatedPropertiesRemoved", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":true}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":false}", false },
            { "UnevaluatedPropertiesExtended", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":{\"type\":\"string\"}}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":true}", true },
            { "UnevaluatedPropertiesNarrowed", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":true}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedProperties\":{\"type\":\"string\"}}", false },
            { "UniqueItemsAdded", "{\"type\":\"array\"}", "{\"type\":\"array\",\"uniqueItems\":true}", false },
            { "UniqueItemsRemoved", "{\"type\":\"array\",\"uniqueItems\":true}", "{\"type\":\"array\"}", true },
            { "AdditionalItemsAdded", "{\"additionalItems\":false}", "{\"additionalItems\":true}", true },
            { "AdditionalItemsRemoved", "{\"additionalItems\":true}", "{\"additionalItems\":false}", false },
            { "AdditionalItemsExtended", "{\"additionalItems\":{\"type\":\"string\"}}", "{\"additionalItems\":true}", true },
            { "AdditionalItemsNarrowed", "{\"additionalItems\":true}", "{\"additionalItems\":{\"type\":\"string\"}}", false },
            { "UnevaluatedItemsAdded", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":false}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":true}", true },
            { "UnevaluatedItemsRemoved", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":true}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":false}", false },
            { "UnevaluatedItemsExtended", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":{\"type\":\"string\"}}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":true}", true },
            { "UnevaluatedItemsNarrowed", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":true}", "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"unevaluatedItems\":{\"type\":\"string\"}}", false },
            { "ItemAddedToOpenContentModel", "{\"items\":[]}", "{\"items\":[{\"type\":\"string\"}]}", false },
            { "ItemWithEmptySchemaAddedToOpenContentModel", "{\"items\":[]}", "{\"items\":[true]}", true },
            { "ItemAddedToClosedContentModel", "{\"items\":[],\"additionalItems\":false}", "{\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}", true },
            { "ItemRemovedFromOpenContentModel", "{\"items\":[{\"type\":\"string\"}]}", "{\"items\":[]}", true },
            { "ItemWithFalseRemovedFromClosedContentModel", "{\"items\":[false],\"additionalItems\":false}", "{\"items\":[],\"additionalItems\":false}", true },
            { "ItemRemovedFromClosedContentModel", "{\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}", "{\"items\":[],\"additionalItems\":false}", false },
            { "ItemRemovedIsCoveredByPartiallyOpenContentModel", "{\"items\":[{\"type\":\"string\"}],\"additionalItems\":{\"type\":\"string\"}}", "{\"items\":[],\"additionalItems\":{\"type\":\"string\"}}", true },
            { "ItemRemovedNotCoveredByPartiallyOpenContentModel", "{\"items\":[{\"type\":\"string\"}],\"additionalItems\":{\"type\":\"number\"}}", "{\"items\":[],\"additionalItems\":{\"type\":\"number\"}}", false },
            { "ItemAddedIsCoveredByPartiallyOpenContentModel", "{\"items\":[],\"additionalItems\":{\"type\":\"string\"}}", "{\"items\":[{\"type\":\"string\"}],\"additionalItems\":{\"type\":\"string\"}}", true },
            { "ItemAddedNotCoveredByPartiallyOpenContentModel", "{\"items\":[],\"additionalItems\":{\"type\":\"string\"}}", "{\"items\":[{\"type\":\"number\"}],\"additionalItems\":{\"type\":\"string\"}}", false },
            { "EnumArrayExtended", "{\"enum\":[\"A\"]}", "{\"enum\":[\"A\",\"B\"]}", true },
            { "EnumArrayNarrowed", "{\"enum\":[\"A\",\"B\"]}", "{\"enum\":[\"A\"]}", false },
            { "EnumArrayChanged", "{\"enum\":[\"A\"]}", "{\"enum\":[\"B\"]}", false },
            { "CombinedTypeExtended", "{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}", "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}", true },
            { "CombinedTypeChanged", "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}", "{\"allOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}", false },
            { "ProductTypeExtended", "{\"allOf\":[{\"type\":\"string\"}]}", "{\"allOf\":[{\"type\":\"string\"},{\"maxLength\":1}]}", false },
            { "ProductTypeNarrowed", "{\"allOf\":[{\"type\":\"string\"},{\"maxLength\":1}]}", "{\"allOf\":[{\"type\":\"string\"}]}", true },
            { "SumTypeExtended", "{\"anyOf\":[{\"type\":\"string\"}]}", "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", true },
            { "SumTypeNarrowed", "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}", "{\"anyOf\":[{\"type\":\"string\"}]}", false },
            { "CombinedTypeSubschemasChanged", "{\"anyOf\":[{\"type\":\"string\"}]}", "{\"anyOf\":[{\"type\":\"number\"}]}", false },
            { "NotTypeExtended", "{\"not\":{\"type\":\"integer\"}}", "{\"not\":{\"type\":\"number\"}}", false },
            { "NotTypeNarrowed", "{\"not\":{\"type\":\"number\"}}", "{\"not\":{\"type\":\"integer\"}}", true },
            { "ReferenceUnresolved", "{\"type\":\"string\"}", "{\"$ref\":\"#/definitions/missing\"}", false },
        };

        [Theory]
        [MemberData(nameof(Pairs))]
        public void each_kind_is_detected_with_its_verdict(string kind, string original, string update, bool compatibleUnderStrict)
        {
            var pair = new SchemaPair(original, update);
            var changes = pair.Diff();
            Assert.Contains(changes, c => c.Kind.ToString() == kind);
            Assert.Equal(compatibleUnderStrict, pair.IsCompatible(JsonSchemaPolicy.Strict));
            Assert.Equal(compatibleUnderStrict, changes.All(c => c.IsCompatible));
        }

        [Fact]
        public void every_kind_but_the_depth_limit_has_a_pair()
        {
            var covered = Pairs.Select(row => (string)row[0]).ToHashSet();
            foreach (var kind in System.Enum.GetValues<JsonSchemaChangeKind>())
            {
                if (kind == JsonSchemaChangeKind.ComparisonTooDeep) continue; // AdversarialInputTests
                Assert.Contains(kind.ToString(), covered);
            }
        }
    }
}
