using System.IO;
using System.Linq;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility
{
    /// <summary>Every Avro and history compatibility id is registered and has its documentation page.</summary>
    public class CompatibilityCatalogTests
    {
        private static readonly string[] Ids =
        {
            DiagnosticCatalog.ReaderFieldMissingDefault, DiagnosticCatalog.TypeMismatch, DiagnosticCatalog.NameMismatch,
            DiagnosticCatalog.FixedSizeMismatch, DiagnosticCatalog.MissingEnumSymbols, DiagnosticCatalog.MissingUnionBranch,
            DiagnosticCatalog.AmbiguousFieldMatch, DiagnosticCatalog.SchemaTooDeep, DiagnosticCatalog.AcceptedBreak, DiagnosticCatalog.StaleAcceptedBreak,
            DiagnosticCatalog.InvalidAcceptedBreaks,
        };

        [Fact]
        public void every_avro_and_history_id_is_in_its_range_and_registered_with_a_title()
        {
            foreach (var id in Ids)
            {
                Assert.Matches("^CTR(20[0-9][0-9]|29[0-9][0-9])$", id);
                var rule = DiagnosticCatalog.Get(id);
                Assert.Equal(DiagnosticCatalog.CompatibilityCategory, rule.Category);
                Assert.False(string.IsNullOrWhiteSpace(rule.Title));
                Assert.EndsWith($"docs/diagnostics/{id}.md", rule.HelpLink);
            }
            var registered = DiagnosticCatalog.All.Select(r => r.Id).Where(id => id.StartsWith("CTR20") || id.StartsWith("CTR29")).ToArray();
            Assert.Equal(Ids.OrderBy(i => i), registered.OrderBy(i => i));
            Assert.Equal(DiagnosticSeverity.Info, DiagnosticCatalog.Get(DiagnosticCatalog.AcceptedBreak).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Warning, DiagnosticCatalog.Get(DiagnosticCatalog.StaleAcceptedBreak).DefaultSeverity);
        }

        [Fact]
        public void every_help_link_resolves_to_a_page_that_explains_the_rule_and_how_to_accept_a_break()
        {
            foreach (var id in Ids)
            {
                var page = Path.Combine(SharedConformance.RepositoryRoot, "docs", "diagnostics", id + ".md");
                Assert.True(File.Exists(page), $"{id} has no page at {page}");
                var text = File.ReadAllText(page);
                Assert.StartsWith($"# {id}: ", text);
                foreach (var section in new[] { "## What it means", "## Example", "## Fix", "## Accepting a deliberate break" })
                {
                    Assert.True(text.Contains(section), $"{id}.md lacks \"{section}\"");
                }
            }
            Assert.True(File.Exists(Path.Combine(SharedConformance.RepositoryRoot, "docs", "compatibility.md")));
        }
    }
}
