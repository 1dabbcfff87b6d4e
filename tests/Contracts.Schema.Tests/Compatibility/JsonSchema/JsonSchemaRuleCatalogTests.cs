using System;
using System.IO;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>Guards: every rule is registered, documented, and every possible break has a rule.</summary>
    public sealed class JsonSchemaRuleCatalogTests
    {
        [Fact]
        public void every_kind_that_can_break_has_a_rule_and_no_always_compatible_kind_has_one()
        {
            foreach (JsonSchemaChangeKind kind in Enum.GetValues(typeof(JsonSchemaChangeKind)))
            {
                var breaksSomewhere = !kind.IsCompatible(JsonSchemaPolicy.Strict) || !kind.IsCompatible(JsonSchemaPolicy.Lenient);
                Assert.True(breaksSomewhere == (JsonSchemaRules.RuleIdOf(kind) is not null), kind.ToString());
            }
        }

        [Fact]
        public void lenient_accepts_everything_strict_accepts()
        {
            foreach (JsonSchemaChangeKind kind in Enum.GetValues(typeof(JsonSchemaChangeKind)))
            {
                if (kind.IsCompatible(JsonSchemaPolicy.Strict)) Assert.True(kind.IsCompatible(JsonSchemaPolicy.Lenient), kind.ToString());
            }
        }

        [Fact]
        public void every_rule_is_registered_in_the_catalog_in_the_json_schema_range()
        {
            foreach (var id in JsonSchemaRules.AllRuleIds)
            {
                Assert.StartsWith("CTR21", id);
                var rule = DiagnosticCatalog.Get(id);
                Assert.Equal(DiagnosticCatalog.CompatibilityCategory, rule.Category);
                Assert.EndsWith("/docs/diagnostics/" + id + ".md", rule.HelpLink);
            }
            var catalogIds = DiagnosticCatalog.All.Select(r => r.Id).Where(id => id.StartsWith("CTR21", StringComparison.Ordinal)).ToList();
            Assert.Equal(JsonSchemaRules.AllRuleIds.OrderBy(i => i, StringComparer.Ordinal), catalogIds.OrderBy(i => i, StringComparer.Ordinal));
        }

        [Fact]
        public void every_rule_has_a_documentation_page()
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Contracts.sln"))) root = root.Parent;
            Assert.NotNull(root);
            foreach (var id in JsonSchemaRules.AllRuleIds)
            {
                var page = Path.Combine(root!.FullName, "docs", "diagnostics", id + ".md");
                Assert.True(File.Exists(page), "missing " + page);
                var text = File.ReadAllText(page);
                Assert.StartsWith("# " + id + ":", text);
                Assert.Contains("## How to fix", text);
                Assert.Contains("## Accepting a deliberate break", text);
            }
        }

        [Fact]
        public void every_rule_produces_a_message_and_a_one_sentence_fix()
        {
            var original = SchemaPair.Parse("""{"type":"string","enum":["A"]}""", "v1.schema.json");
            var update = SchemaPair.Parse("""{"type":"string"}""", "v2.schema.json");
            foreach (JsonSchemaChangeKind kind in Enum.GetValues(typeof(JsonSchemaChangeKind)))
            {
                if (JsonSchemaRules.RuleIdOf(kind) is not { } id) continue;
                var issue = JsonSchemaRules.ToIssue(new JsonSchemaChange(kind, false, "#/properties/x", original, update, "x"));
                Assert.Equal(id, issue.RuleId);
                Assert.False(string.IsNullOrWhiteSpace(issue.Message), kind.ToString());
                Assert.EndsWith(".", issue.Fix);
                Assert.Equal(1, issue.Fix.Count(c => c == '.' ) - issue.Fix.Split('`').Where((_, i) => i % 2 == 1).Sum(code => code.Count(c => c == '.')));
                Assert.Equal("v2.schema.json", issue.ReaderLocation!.Path);
                Assert.Equal("v1.schema.json", issue.WriterLocation!.Path);
            }
            Assert.Throws<ArgumentException>(() => JsonSchemaRules.ToIssue(new JsonSchemaChange(JsonSchemaChangeKind.TitleChanged, true, "#/", original, update, null)));
        }
    }
}
