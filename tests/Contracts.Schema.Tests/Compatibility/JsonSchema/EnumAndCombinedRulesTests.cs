using System.Linq;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    public sealed class EnumAndCombinedRulesTests
    {
        [Fact]
        public void removing_an_enum_value_is_CTR2122_pointing_at_the_value()
        {
            var pair = new SchemaPair(
                """
                {
                  "type": "string",
                  "enum": [
                    "PLACED",
                    "CANCELLED"
                  ]
                }
                """,
                """
                {
                  "type": "string",
                  "enum": ["PLACED"]
                }
                """);

            var issue = pair.SingleIssue();

            Assert.Equal(DiagnosticCatalog.JsonSchemaEnumNarrowed, issue.RuleId);
            Assert.Equal("/enum/1", issue.WriterPointer);
            Assert.Equal(5, issue.WriterLocation!.Line);
            Assert.Equal("/enum", issue.ReaderPointer);
            Assert.Equal("Keep enum value `CANCELLED` at `#/enum`.", issue.Fix);
        }

        [Fact]
        public void adding_an_enum_value_is_compatible_and_changing_a_const_is_CTR2122()
        {
            Assert.True(new SchemaPair("""{"enum":["A"]}""", """{"enum":["A","B"]}""").IsCompatible());
            var changed = new SchemaPair("""{"const":"A"}""", """{"const":"B"}""");
            Assert.Equal(DiagnosticCatalog.JsonSchemaEnumNarrowed, changed.SingleIssue().RuleId);
            Assert.Equal("Keep `const` `\"A\"` at `#/const`.", changed.SingleIssue().Fix);
        }

        [Fact]
        public void widening_to_a_union_is_compatible()
        {
            var pair = new SchemaPair("""{"type":"string","maxLength":3}""", """{"oneOf":[{"type":"null"},{"type":"string"}]}""");
            Assert.True(pair.IsCompatible());
            Assert.Equal(new[] { "MaxLengthRemoved", "SumTypeExtended" }, pair.Kinds());
            Assert.True(new SchemaPair("""{"type":"string"}""", """{"type":["string","null"]}""").IsCompatible());
        }

        [Fact]
        public void oneOf_to_anyOf_is_compatible_and_anyOf_to_oneOf_is_CTR2123()
        {
            Assert.True(new SchemaPair("""{"oneOf":[{"type":"string"},{"type":"number"}]}""", """{"anyOf":[{"type":"string"},{"type":"number"}]}""").IsCompatible());
            var stricter = new SchemaPair("""{"anyOf":[{"type":"string"},{"type":"number"}]}""", """{"oneOf":[{"type":"string"},{"type":"number"}]}""");
            var issue = stricter.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaCombinationCriterionChanged, issue.RuleId);
            Assert.Equal("/oneOf", issue.ReaderPointer);
        }

        [Fact]
        public void adding_an_allOf_member_is_CTR2124()
        {
            var pair = new SchemaPair("""{"allOf":[{"type":"string"}]}""", """{"allOf":[{"type":"string"},{"maxLength":3}]}""");
            Assert.Equal(DiagnosticCatalog.JsonSchemaAllOfExtended, pair.SingleIssue().RuleId);
        }

        [Fact]
        public void removing_an_alternative_is_CTR2125()
        {
            var pair = new SchemaPair("""{"oneOf":[{"type":"string"},{"type":"null"}]}""", """{"oneOf":[{"type":"string"}]}""");
            Assert.Equal(DiagnosticCatalog.JsonSchemaAlternativeRemoved, pair.SingleIssue().RuleId);
            Assert.False(new SchemaPair("""{"type":["string","null"]}""", """{"type":["string"]}""").IsCompatible());
        }

        [Fact]
        public void subschemas_that_cannot_be_matched_are_CTR2126()
        {
            var pair = new SchemaPair("""{"anyOf":[{"type":"string"},{"type":"number"}]}""", """{"anyOf":[{"type":"string"},{"type":"boolean"}]}""");
            var issue = pair.SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaCombinedSubschemasChanged, issue.RuleId);
            Assert.Equal("/anyOf", issue.WriterPointer);
        }

        [Fact]
        public void reordered_and_duplicated_subschemas_are_matched()
        {
            Assert.Empty(new SchemaPair("""{"anyOf":[{"type":"string"},{"type":"number"}]}""", """{"anyOf":[{"type":"number"},{"type":"string"},{"type":"string"}]}""").Diff());
        }

        [Fact]
        public void widening_not_is_CTR2127_and_narrowing_it_is_compatible()
        {
            Assert.Equal(DiagnosticCatalog.JsonSchemaNotExtended, new SchemaPair("""{"not":{"type":"integer"}}""", """{"not":{"type":"number"}}""").SingleIssue().RuleId);
            Assert.True(new SchemaPair("""{"not":{"type":"number"}}""", """{"not":{"type":"integer"}}""").IsCompatible());
        }

        [Fact]
        public void if_then_else_is_not_compared()
        {
            Assert.Empty(new SchemaPair("""{"if":{"required":["a"]},"then":{"required":["b"]}}""", """{"if":{"required":["a"]},"then":{"required":["c"]}}""").Diff());
        }

        [Fact]
        public void every_change_names_its_confluent_type()
        {
            var change = new SchemaPair("""{"oneOf":[{"type":"string"},{"type":"null"}]}""", """{"oneOf":[{"type":"string"}]}""").Diff().Single();
            Assert.Equal("SUM_TYPE_NARROWED #/", change.ToString());
            Assert.True(JsonSchemaChangeKinds.TryParseConfluentName("SUM_TYPE_NARROWED", out var kind));
            Assert.Equal(JsonSchemaChangeKind.SumTypeNarrowed, kind);
        }
    }
}
