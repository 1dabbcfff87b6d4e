using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    public sealed class ArrayRulesTests
    {
        private const string Modern = "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",";

        [Fact]
        public void adding_an_items_schema_is_CTR2103_and_removing_it_is_compatible()
        {
            var added = new SchemaPair(
                """
                {
                  "type": "array"
                }
                """,
                """
                {
                  "type": "array",
                  "items": { "type": "string" }
                }
                """);
            var issue = added.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaSubschemaAdded, issue.RuleId);
            Assert.Equal("/items", issue.ReaderPointer);
            Assert.Equal(3, issue.ReaderLocation!.Line);
            Assert.Equal("", issue.WriterPointer);

            Assert.True(new SchemaPair("""{"type":"array","items":{"type":"string"}}""", """{"type":"array"}""").IsCompatible());
        }

        [Fact]
        public void item_schema_changes_are_reported_inside_items()
        {
            var pair = new SchemaPair("""{"type":"array","items":{"type":"string"}}""", """{"type":"array","items":{"type":"integer"}}""");
            var issue = pair.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaTypeChanged, issue.RuleId);
            Assert.Equal("/items/type", issue.ReaderPointer);
        }

        [Theory]
        [InlineData("""{"type":"array","minItems":1}""", """{"type":"array","minItems":2}""")]
        [InlineData("""{"type":"array","maxItems":3}""", """{"type":"array","maxItems":2}""")]
        [InlineData("""{"type":"array"}""", """{"type":"array","maxItems":2}""")]
        [InlineData("""{"type":"array","contains":{"type":"number"},"minContains":1}""", """{"type":"array","contains":{"type":"number"},"minContains":2}""")]
        public void tightening_array_sizes_is_CTR2116(string original, string update)
        {
            Assert.Equal(DiagnosticCatalog.JsonSchemaArraySizeTightened, new SchemaPair(original, update).SingleIssue().RuleId);
        }

        [Fact]
        public void in_2020_12_an_absent_minContains_next_to_contains_is_one()
        {
            var pair = new SchemaPair(
                "{" + Modern + "\"type\":\"array\",\"contains\":{\"type\":\"number\"},\"minContains\":1}",
                "{" + Modern + "\"type\":\"array\",\"contains\":{\"type\":\"number\"}}");
            Assert.Empty(pair.Diff());
        }

        [Fact]
        public void requiring_unique_items_is_CTR2117()
        {
            Assert.Equal(DiagnosticCatalog.JsonSchemaUniqueItemsAdded, new SchemaPair("""{"type":"array"}""", """{"type":"array","uniqueItems":true}""").SingleIssue().RuleId);
            Assert.True(new SchemaPair("""{"type":"array","uniqueItems":true}""", """{"type":"array"}""").IsCompatible());
        }

        [Fact]
        public void forbidding_additional_items_is_CTR2118()
        {
            var pair = new SchemaPair("""{"items":[{"type":"string"}],"additionalItems":true}""", """{"items":[{"type":"string"}],"additionalItems":false}""");
            var issue = pair.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaAdditionalItemsRestricted, issue.RuleId);
            Assert.Equal("/additionalItems", issue.ReaderPointer);

            var modern = new SchemaPair("{" + Modern + "\"items\":true}", "{" + Modern + "\"items\":false}");
            Assert.Equal(new[] { "AdditionalItemsRemoved" }, modern.Kinds());
        }

        [Fact]
        public void adding_a_tuple_item_to_an_open_array_is_CTR2119_and_to_a_closed_one_is_compatible()
        {
            var open = new SchemaPair("""{"type":"array","items":[{"type":"string"}]}""", """{"type":"array","items":[{"type":"string"},{"type":"number"}]}""");
            var issue = open.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaTupleItemAddedToOpenArray, issue.RuleId);
            Assert.Equal("/items/1", issue.ReaderPointer);
            Assert.Equal("/items", issue.WriterPointer);

            var closed = new SchemaPair(
                "{" + Modern + "\"prefixItems\":[{\"type\":\"string\"}],\"items\":false}",
                "{" + Modern + "\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"number\"}],\"items\":false}");
            Assert.Equal(new[] { "ItemAddedToClosedContentModel" }, closed.Kinds());
            Assert.True(closed.IsCompatible());
        }

        [Fact]
        public void removing_a_tuple_item_from_a_closed_array_is_CTR2120()
        {
            var pair = new SchemaPair(
                """{"items":[{"type":"string"},{"type":"number"}],"additionalItems":false}""",
                """{"items":[{"type":"string"}],"additionalItems":false}""");
            var issue = pair.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaTupleItemRemovedFromClosedArray, issue.RuleId);
            Assert.Equal("/items/1", issue.WriterPointer);
            Assert.Equal("/additionalItems", issue.ReaderPointer);
        }

        [Fact]
        public void a_tuple_item_must_be_covered_by_additional_items_CTR2121()
        {
            var pair = new SchemaPair(
                "{" + Modern + "\"prefixItems\":[{\"type\":\"string\"}],\"items\":{\"type\":\"string\"}}",
                "{" + Modern + "\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"number\"}],\"items\":{\"type\":\"string\"}}");
            Assert.Contains(pair.Issues(), i => i.RuleId == DiagnosticCatalog.JsonSchemaTupleItemNotCoveredByAdditionalItems);
            Assert.Equal("#/items/1", pair.SingleChange(JsonSchemaChangeKind.ItemAddedNotCoveredByPartiallyOpenContentModel).Path);
        }
    }
}
