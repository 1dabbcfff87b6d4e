using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    public sealed class ObjectRulesTests
    {
        [Fact]
        public void making_a_property_required_is_CTR2108_located_at_its_required_entry()
        {
            var pair = new SchemaPair(
                """
                {
                  "type": "object",
                  "properties": { "id": { "type": "string" } }
                }
                """,
                """
                {
                  "type": "object",
                  "properties": { "id": { "type": "string" } },
                  "required": [
                    "id"
                  ]
                }
                """);

            var issue = pair.SingleIssue();

            Assert.Equal(DiagnosticCatalog.JsonSchemaPropertyMadeRequired, issue.RuleId);
            Assert.Equal("/required/0", issue.ReaderPointer);
            Assert.Equal(5, issue.ReaderLocation!.Line);
            Assert.Contains("`id`", issue.Message);
        }

        [Fact]
        public void making_a_property_with_a_default_required_is_compatible()
        {
            var pair = new SchemaPair(
                """{"properties":{"id":{"type":"string"}}}""",
                """{"properties":{"id":{"type":"string","default":"x"}},"required":["id"]}""");
            Assert.True(pair.IsCompatible());
            Assert.Contains("RequiredAttributeWithDefaultAdded", pair.Kinds());
        }

        [Fact]
        public void adding_a_property_to_an_open_content_model_is_CTR2112_under_strict_only()
        {
            var pair = new SchemaPair(
                """
                {
                  "type": "object",
                  "properties": {
                    "id": { "type": "string" }
                  }
                }
                """,
                """
                {
                  "type": "object",
                  "properties": {
                    "id": { "type": "string" },
                    "note": { "type": "string" }
                  }
                }
                """);

            var issue = pair.SingleIssue(JsonSchemaPolicy.Strict);

            Assert.Equal(DiagnosticCatalog.JsonSchemaPropertyAddedToOpenContentModel, issue.RuleId);
            Assert.Equal("/properties/note", issue.ReaderPointer);
            Assert.Equal(5, issue.ReaderLocation!.Line);
            // The writer has no `note`: the location is its closest existing parent, `properties`.
            Assert.Equal("/properties", issue.WriterPointer);
            Assert.Equal(3, issue.WriterLocation!.Line);
            Assert.StartsWith("Declare `note` with the empty schema (`true`) instead", issue.Fix);
            Assert.True(pair.IsCompatible(JsonSchemaPolicy.Lenient));
        }

        [Fact]
        public void adding_a_property_with_the_empty_schema_to_an_open_model_is_compatible()
        {
            var pair = new SchemaPair("""{"properties":{}}""", """{"properties":{"any":true}}""");
            Assert.Equal(new[] { "PropertyWithEmptySchemaAddedToOpenContentModel" }, pair.Kinds());
            Assert.True(pair.IsCompatible());
        }

        [Fact]
        public void adding_an_optional_property_to_a_closed_model_is_compatible_but_a_required_one_is_CTR2113()
        {
            const string closed = """{"properties":{"id":{"type":"string"}},"additionalProperties":false}""";
            Assert.True(new SchemaPair(closed, """{"properties":{"id":{"type":"string"},"n":{"type":"number"}},"additionalProperties":false}""").IsCompatible());

            var required = new SchemaPair(closed, """{"properties":{"id":{"type":"string"},"n":{"type":"number"}},"required":["n"],"additionalProperties":false}""");
            var issue = required.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaRequiredPropertyAddedToClosedContentModel, issue.RuleId);
            Assert.Equal("/required/0", issue.ReaderPointer);
        }

        [Fact]
        public void removing_a_property_from_a_closed_model_is_CTR2114_located_at_the_removed_property()
        {
            var pair = new SchemaPair(
                """
                {
                  "properties": {
                    "id": { "type": "string" },
                    "legacy": { "type": "string" }
                  },
                  "additionalProperties": false
                }
                """,
                """
                {
                  "properties": {
                    "id": { "type": "string" }
                  },
                  "additionalProperties": false
                }
                """);

            var issue = pair.SingleIssue();

            Assert.Equal(DiagnosticCatalog.JsonSchemaPropertyRemovedFromClosedContentModel, issue.RuleId);
            Assert.Equal("/properties/legacy", issue.WriterPointer);
            Assert.Equal(4, issue.WriterLocation!.Line);
            Assert.Equal("/additionalProperties", issue.ReaderPointer);
            Assert.Contains("Keep property `legacy`", issue.Fix);
            Assert.True(pair.IsCompatible(JsonSchemaPolicy.Lenient));
        }

        [Fact]
        public void removing_a_property_from_an_open_model_is_compatible()
        {
            var pair = new SchemaPair("""{"properties":{"a":{"type":"string"},"b":{"type":"string"}}}""", """{"properties":{"a":{"type":"string"}}}""");
            Assert.Equal(new[] { "PropertyRemovedFromOpenContentModel" }, pair.Kinds());
            Assert.True(pair.IsCompatible());
        }

        [Fact]
        public void a_property_removed_must_be_covered_by_the_pattern_properties_of_the_reader()
        {
            const string original = """{"properties":{"I_1":{"type":"integer"}},"additionalProperties":false}""";
            var covered = new SchemaPair(original, """{"patternProperties":{"^I_":{"type":"number"}},"additionalProperties":false}""");
            Assert.True(covered.IsCompatible());
            Assert.Contains("PropertyRemovedIsCoveredByPartiallyOpenContentModel", covered.Kinds());

            var notCovered = new SchemaPair(original, """{"patternProperties":{"^I_":{"type":"string"}},"additionalProperties":false}""");
            var issues = notCovered.Issues();
            Assert.Contains(issues, i => i.RuleId == DiagnosticCatalog.JsonSchemaPropertyNotCoveredByPartiallyOpenContentModel);
            Assert.Contains(issues, i => i.RuleId == DiagnosticCatalog.JsonSchemaTypeChanged);
        }

        [Fact]
        public void closing_or_constraining_additional_properties_is_CTR2110_under_strict_only()
        {
            var closed = new SchemaPair("""{"properties":{"a":{}}}""", """{"properties":{"a":{}},"additionalProperties":false}""");
            Assert.Equal(DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted, closed.SingleIssue().RuleId);
            Assert.Equal("/additionalProperties", closed.SingleIssue().ReaderPointer);
            Assert.True(closed.IsCompatible(JsonSchemaPolicy.Lenient));

            var narrowed = new SchemaPair("""{"additionalProperties":true}""", """{"additionalProperties":{"type":"string"}}""");
            Assert.Equal(new[] { "AdditionalPropertiesNarrowed" }, narrowed.Kinds());
            Assert.Equal(DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted, narrowed.SingleIssue().RuleId);

            Assert.True(new SchemaPair("""{"additionalProperties":false}""", """{"additionalProperties":true}""").IsCompatible());
        }

        [Fact]
        public void unevaluated_properties_false_in_2020_12_closes_the_content_model()
        {
            const string draft = "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"";
            var pair = new SchemaPair(
                "{" + draft + ",\"properties\":{\"a\":{\"type\":\"string\"}}}",
                "{" + draft + ",\"properties\":{\"a\":{\"type\":\"string\"}},\"unevaluatedProperties\":false}");
            Assert.Equal(new[] { "UnevaluatedPropertiesRemoved" }, pair.Kinds());
            Assert.Equal(DiagnosticCatalog.JsonSchemaAdditionalPropertiesRestricted, pair.SingleIssue().RuleId);
        }

        [Fact]
        public void adding_a_dependency_is_CTR2111_in_draft7_and_2020_12()
        {
            var draft7 = new SchemaPair("""{"properties":{"a":{},"b":{}}}""", """{"properties":{"a":{},"b":{}},"dependencies":{"a":["b"]}}""");
            var issue = draft7.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaDependencyAdded, issue.RuleId);
            Assert.Equal("/dependencies/a", issue.ReaderPointer);

            var modern = new SchemaPair(
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","dependentRequired":{"a":["b"]}}""",
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","dependentRequired":{"a":["b","c"]}}""");
            Assert.Equal(new[] { "DependencyArrayExtended" }, modern.Kinds());
            Assert.Equal(DiagnosticCatalog.JsonSchemaDependencyAdded, modern.SingleIssue().RuleId);

            var schemaDependency = new SchemaPair(
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","dependentSchemas":{"a":{"required":["b"]}}}""",
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","dependentSchemas":{}}""");
            Assert.Equal(new[] { "DependencySchemaRemoved" }, schemaDependency.Kinds());
            Assert.True(schemaDependency.IsCompatible());
        }

        [Fact]
        public void tightening_property_counts_is_CTR2109()
        {
            Assert.Equal(DiagnosticCatalog.JsonSchemaPropertyCountTightened, new SchemaPair("""{"maxProperties":3}""", """{"maxProperties":2}""").SingleIssue().RuleId);
            Assert.Equal(DiagnosticCatalog.JsonSchemaPropertyCountTightened, new SchemaPair("""{"type":"object"}""", """{"type":"object","minProperties":1}""").SingleIssue().RuleId);
            Assert.True(new SchemaPair("""{"minProperties":2}""", """{"minProperties":1}""").IsCompatible());
        }

        [Fact]
        public void changes_inside_nested_properties_carry_the_nested_path()
        {
            var pair = new SchemaPair(
                """{"properties":{"address":{"properties":{"zip":{"type":"string","maxLength":10}}}}}""",
                """{"properties":{"address":{"properties":{"zip":{"type":"string","maxLength":5}}}}}""");
            var change = pair.Diff().Single();
            Assert.Equal("#/properties/address/properties/zip/maxLength", change.Path);
            Assert.Equal("/properties/address/properties/zip/maxLength", change.UpdatePointer);
        }
    }
}
