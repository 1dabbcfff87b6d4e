using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    public sealed class ReferenceTests
    {
        [Fact]
        public void a_change_behind_a_local_ref_is_reported_at_the_definition()
        {
            var pair = new SchemaPair(
                """
                {
                  "properties": { "home": { "$ref": "#/definitions/Address" } },
                  "definitions": {
                    "Address": { "properties": { "zip": { "type": "string", "maxLength": 10 } } }
                  }
                }
                """,
                """
                {
                  "properties": { "home": { "$ref": "#/definitions/Address" } },
                  "definitions": {
                    "Address": { "properties": { "zip": { "type": "string", "maxLength": 5 } } }
                  }
                }
                """);

            var change = pair.Diff().Single();
            var issue = pair.SingleIssue();

            Assert.Equal("#/properties/home/properties/zip/maxLength", change.Path);
            Assert.Equal("/definitions/Address/properties/zip/maxLength", issue.ReaderPointer);
            Assert.Equal(4, issue.ReaderLocation!.Line);
        }

        [Fact]
        public void moving_a_schema_into_defs_is_not_a_change()
        {
            Assert.Empty(new SchemaPair(
                """{"type":"object","properties":{"a":{"type":"string"}}}""",
                """{"$ref":"#/$defs/A","$defs":{"A":{"type":"object","properties":{"a":{"type":"string"}}}}}""").Diff());
        }

        [Fact]
        public void pointers_with_escapes_and_percent_encoding_resolve()
        {
            var pair = new SchemaPair(
                """{"$ref":"#/definitions/a~1b~0c%25d","definitions":{"a/b~c%d":{"type":"string"}}}""",
                """{"type":"string"}""");
            Assert.Empty(pair.Diff());
        }

        [Fact]
        public void defs_and_definitions_are_bridged_like_confluent_does()
        {
            Assert.Empty(new SchemaPair("""{"$ref":"#/$defs/A","definitions":{"A":{"type":"string"}}}""", """{"type":"string"}""").Diff());
        }

        [Fact]
        public void anchors_declared_with_id_resolve()
        {
            var pair = new SchemaPair(
                """{"properties":{"home":{"$ref":"#Address"}},"definitions":{"Address":{"$id":"#Address","type":"object","properties":{"street":{"type":"string","minLength":10}}}}}""",
                """{"properties":{"home":{"$ref":"#Address"}},"definitions":{"Address":{"$id":"#Address","type":"object","properties":{"street":{"type":"string","minLength":5}}}}}""");
            Assert.Equal(new[] { "MinLengthDecreased" }, pair.Kinds());
        }

        [Fact]
        public void external_refs_go_through_the_resolver_without_their_fragment()
        {
            var documents = new Dictionary<string, JsonNode>
            {
                ["Money.v1.schema.json"] = SchemaPair.Parse("""{"definitions":{"Amount":{"type":"number","minimum":0}}}""", "Money.v1.schema.json"),
                ["Money.v2.schema.json"] = SchemaPair.Parse("""{"definitions":{"Amount":{"type":"number","minimum":1}}}""", "Money.v2.schema.json"),
            };
            var asked = new List<string>();
            var pair = new SchemaPair(
                """{"properties":{"total":{"$ref":"Money.v1.schema.json#/definitions/Amount"}}}""",
                """{"properties":{"total":{"$ref":"Money.v2.schema.json#/definitions/Amount"}}}""",
                name =>
                {
                    asked.Add(name);
                    return documents.TryGetValue(name, out var document) ? document : null;
                });

            var issue = pair.SingleIssue();

            Assert.Equal(DiagnosticCatalog.JsonSchemaNumericRangeTightened, issue.RuleId);
            Assert.Equal("Money.v2.schema.json", issue.ReaderLocation!.Path);
            Assert.Equal("/definitions/Amount/minimum", issue.ReaderPointer);
            Assert.Contains("Money.v1.schema.json", asked);
        }

        [Fact]
        public void an_unresolvable_ref_is_CTR2190_naming_the_reference()
        {
            var missingLocal = new SchemaPair("""{"type":"string"}""", """{"$ref":"#/definitions/Nope"}""");
            var issue = missingLocal.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaReferenceUnresolved, issue.RuleId);
            Assert.Equal("/$ref", issue.ReaderPointer);
            Assert.Contains("#/definitions/Nope", issue.Message);

            var noResolver = new SchemaPair("""{"type":"string"}""", """{"$ref":"Other.schema.json"}""");
            Assert.Contains("no external resolver", noResolver.SingleIssue().Message);
        }

        [Fact]
        public void in_draft7_siblings_of_ref_are_ignored_and_in_2020_12_they_apply()
        {
            Assert.True(new SchemaPair(
                """{"$ref":"#/definitions/S","maxLength":3,"definitions":{"S":{"type":"string"}}}""",
                """{"type":"string"}""").IsCompatible());
            Assert.Empty(new SchemaPair(
                """{"type":"string"}""",
                """{"$ref":"#/definitions/S","maxLength":3,"definitions":{"S":{"type":"string"}}}""").Diff());

            var modern = new SchemaPair(
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"string"}""",
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"#/$defs/S","maxLength":3,"$defs":{"S":{"type":"string"}}}""");
            Assert.False(modern.IsCompatible());
        }

        [Fact]
        public void recursive_schemas_terminate_and_compare_equal()
        {
            const string tree = """
                {
                  "$ref": "#/definitions/Node",
                  "definitions": {
                    "Node": {
                      "type": "object",
                      "properties": {
                        "value": { "type": "string" },
                        "children": { "type": "array", "items": { "$ref": "#/definitions/Node" } }
                      }
                    }
                  }
                }
                """;
            Assert.Empty(new SchemaPair(tree, tree).Diff());
        }

        [Fact]
        public void an_incompatible_change_inside_a_recursive_definition_is_found()
        {
            var pair = new SchemaPair(
                """{"$ref":"#/definitions/Node","definitions":{"Node":{"anyOf":[{"type":"null"},{"type":"object","properties":{"v":{"type":"number"},"next":{"$ref":"#/definitions/Node"}}}]}}}""",
                """{"$ref":"#/definitions/Node","definitions":{"Node":{"anyOf":[{"type":"null"},{"type":"object","properties":{"v":{"type":"integer"},"next":{"$ref":"#/definitions/Node"}}}]}}}""");
            Assert.False(pair.IsCompatible());
        }

        [Fact]
        public void a_self_referencing_ref_cycle_terminates()
        {
            var pair = new SchemaPair("""{"$ref":"#"}""", """{"$ref":"#/definitions/a","definitions":{"a":{"$ref":"#/definitions/b"},"b":{"$ref":"#/definitions/a"}}}""");
            Assert.Empty(pair.Diff());
            Assert.Empty(new SchemaPair("""{"properties":{"self":{"$ref":"#"}}}""", """{"properties":{"self":{"$ref":"#"}}}""").Diff());
        }

        [Fact]
        public void anchors_declared_with_dollar_anchor_resolve_in_2020_12()
        {
            var pair = new SchemaPair(
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"#amount","$defs":{"a":{"$anchor":"amount","type":"number","minimum":0}}}""",
                """{"$schema":"https://json-schema.org/draft/2020-12/schema","$ref":"#amount","$defs":{"a":{"$anchor":"amount","type":"number","minimum":1}}}""");
            Assert.Equal(new[] { "MinimumIncreased" }, pair.Kinds());
            Assert.Equal("/$defs/a/minimum", pair.SingleIssue().ReaderPointer);
        }

        [Fact]
        public void a_ref_to_the_documents_own_id_is_local()
        {
            var pair = new SchemaPair(
                """{"$id":"https://example.com/order.json","properties":{"a":{"$ref":"https://example.com/order.json#/definitions/A"}},"definitions":{"A":{"type":"string"}}}""",
                """{"$id":"https://example.com/order.json","properties":{"a":{"type":"string"}}}""");
            Assert.True(pair.IsCompatible());
        }
    }
}
