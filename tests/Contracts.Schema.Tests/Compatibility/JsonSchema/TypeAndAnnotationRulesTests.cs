using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    public sealed class TypeAndAnnotationRulesTests
    {
        [Fact]
        public void changing_a_property_type_is_CTR2101_located_at_both_type_keywords()
        {
            var pair = new SchemaPair(
                """
                {
                  "type": "object",
                  "properties": {
                    "amount": { "type": "string" }
                  }
                }
                """,
                """
                {
                  "type": "object",
                  "properties": {
                    "amount": { "type": "number" }
                  }
                }
                """);

            var issue = pair.SingleIssue();

            Assert.Equal(DiagnosticCatalog.JsonSchemaTypeChanged, issue.RuleId);
            Assert.Equal("/properties/amount/type", issue.WriterPointer);
            Assert.Equal("/properties/amount/type", issue.ReaderPointer);
            Assert.Equal(4, issue.WriterLocation!.Line);
            Assert.Equal(4, issue.ReaderLocation!.Line);
            Assert.Equal("v1.schema.json", issue.WriterLocation.Path);
            Assert.Contains("#/properties/amount", issue.Message);
            Assert.Equal("\"string\"", issue.WriterFragment);
            Assert.Equal("\"number\"", issue.ReaderFragment);
        }

        [Fact]
        public void integer_to_number_is_compatible_and_number_to_integer_is_CTR2102()
        {
            var widened = new SchemaPair("""{"type":"integer"}""", """{"type":"number"}""");
            Assert.True(widened.IsCompatible());
            Assert.Equal(new[] { "TypeExtended" }, widened.Kinds());

            var narrowed = new SchemaPair("""{"type":"number"}""", """{"type":"integer"}""");
            Assert.Equal(DiagnosticCatalog.JsonSchemaTypeNarrowed, narrowed.SingleIssue().RuleId);
        }

        [Fact]
        public void id_title_description_and_default_changes_are_compatible()
        {
            var pair = new SchemaPair(
                """{"$id":"urn:a","title":"A","description":"old","type":"string","default":"x"}""",
                """{"$id":"urn:b","title":"B","description":"new","type":"string","default":"y"}""");

            Assert.True(pair.IsCompatible());
            Assert.Equal(new[] { "IdChanged", "TitleChanged", "DescriptionChanged", "DefaultChanged" }, pair.Kinds());
        }

        [Fact]
        public void draft4_id_is_compared_as_the_id()
        {
            var pair = new SchemaPair(
                """{"$schema":"http://json-schema.org/draft-04/schema#","id":"urn:a","type":"string"}""",
                """{"$schema":"http://json-schema.org/draft-04/schema#","id":"urn:b","type":"string"}""");
            Assert.Equal("urn:b", pair.SingleChange(JsonSchemaChangeKind.IdChanged).Subject);
        }

        [Fact]
        public void anything_may_become_the_empty_schema_and_false_may_become_anything()
        {
            Assert.True(new SchemaPair("""{"type":"object","properties":{"a":{"type":"string"}}}""", "{}").IsCompatible());
            Assert.True(new SchemaPair("""{"type":"string"}""", "true").IsCompatible());
            Assert.True(new SchemaPair("false", """{"type":"string"}""").IsCompatible());
            Assert.False(new SchemaPair("{}", """{"type":"string"}""").IsCompatible());
            Assert.False(new SchemaPair("true", "false").IsCompatible());
        }

        [Fact]
        public void connect_bytes_types_are_interchangeable()
        {
            var pair = new SchemaPair(
                """{"type":"string","connect.type":"bytes"}""",
                """{"type":"number","connect.type":"bytes"}""");
            Assert.True(pair.IsCompatible());
        }
    }
}
