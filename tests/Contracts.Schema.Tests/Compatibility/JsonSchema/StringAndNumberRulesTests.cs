using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    public sealed class StringAndNumberRulesTests
    {
        [Fact]
        public void lowering_maxLength_is_CTR2104_at_the_maxLength_keyword()
        {
            var pair = new SchemaPair(
                """
                {
                  "type": "string",
                  "maxLength": 12
                }
                """,
                """
                {
                  "type": "string",
                  "maxLength": 10
                }
                """);

            var issue = pair.SingleIssue();

            Assert.Equal(DiagnosticCatalog.JsonSchemaStringLengthTightened, issue.RuleId);
            Assert.Equal("/maxLength", issue.ReaderPointer);
            Assert.Equal(3, issue.ReaderLocation!.Line);
            Assert.Contains("Keep `maxLength` at `12` or higher", issue.Fix);
            Assert.True(new SchemaPair("""{"type":"string","maxLength":10}""", """{"type":"string","maxLength":12}""").IsCompatible());
        }

        [Fact]
        public void adding_minLength_is_CTR2104_located_at_the_writer_schema()
        {
            var issue = new SchemaPair("""{"type":"string"}""", """{"type":"string","minLength":1}""").SingleIssue();
            Assert.Equal(DiagnosticCatalog.JsonSchemaStringLengthTightened, issue.RuleId);
            Assert.Equal("", issue.WriterPointer);
            Assert.Equal("/minLength", issue.ReaderPointer);
            Assert.Equal("Remove the new `minLength` at `#/minLength`.", issue.Fix);
        }

        [Fact]
        public void changing_a_pattern_is_CTR2105_and_removing_it_is_compatible()
        {
            var changed = new SchemaPair("""{"type":"string","pattern":"^[a-z]+$"}""", """{"type":"string","pattern":"^[a-z0-9]+$"}""");
            Assert.Equal(DiagnosticCatalog.JsonSchemaPatternTightened, changed.SingleIssue().RuleId);
            Assert.True(new SchemaPair("""{"type":"string","pattern":"^x"}""", """{"type":"string"}""").IsCompatible());
        }

        [Fact]
        public void format_is_an_annotation_and_not_compared()
        {
            Assert.True(new SchemaPair("""{"type":"string"}""", """{"type":"string","format":"date-time"}""").IsCompatible());
        }

        [Theory]
        [InlineData("""{"type":"number","maximum":11}""", """{"type":"number","maximum":10}""", "MaximumDecreased")]
        [InlineData("""{"type":"number","minimum":10}""", """{"type":"number","minimum":11}""", "MinimumIncreased")]
        [InlineData("""{"type":"number"}""", """{"type":"number","minimum":0}""", "MinimumAdded")]
        [InlineData("""{"type":"number","exclusiveMinimum":0}""", """{"type":"number","exclusiveMinimum":1}""", "ExclusiveMinimumIncreased")]
        [InlineData("""{"type":"number","exclusiveMaximum":5}""", """{"type":"number","exclusiveMaximum":4}""", "ExclusiveMaximumDecreased")]
        public void tightening_a_numeric_bound_is_CTR2106(string original, string update, string kind)
        {
            var pair = new SchemaPair(original, update);
            Assert.Equal(DiagnosticCatalog.JsonSchemaNumericRangeTightened, pair.SingleIssue().RuleId);
            Assert.Contains(kind, pair.Kinds());
        }

        [Theory]
        [InlineData("""{"type":"number","maximum":10}""", """{"type":"number","maximum":11}""")]
        [InlineData("""{"type":"number","minimum":10}""", """{"type":"number"}""")]
        [InlineData("""{"type":"number","exclusiveMinimum":1}""", """{"type":"number","exclusiveMinimum":0}""")]
        public void relaxing_a_numeric_bound_is_compatible(string original, string update)
        {
            Assert.True(new SchemaPair(original, update).IsCompatible());
        }

        [Fact]
        public void multipleOf_follows_divisibility()
        {
            var expanded = new SchemaPair("""{"type":"number","multipleOf":0.5}""", """{"type":"number","multipleOf":10}""");
            Assert.Equal(new[] { "MultipleOfExpanded" }, expanded.Kinds());
            Assert.Equal(DiagnosticCatalog.JsonSchemaMultipleOfTightened, expanded.SingleIssue().RuleId);

            var reduced = new SchemaPair("""{"type":"number","multipleOf":10}""", """{"type":"number","multipleOf":2.5}""");
            Assert.Equal(new[] { "MultipleOfReduced" }, reduced.Kinds());
            Assert.True(reduced.IsCompatible());

            Assert.Equal(new[] { "MultipleOfChanged" }, new SchemaPair("""{"multipleOf":10}""", """{"multipleOf":3}""").Kinds());
            Assert.Empty(new SchemaPair("""{"type":"number","multipleOf":0.5}""", """{"type":"number","multipleOf":0.50}""").Diff());
        }
    }
}
