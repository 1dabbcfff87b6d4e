using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Diagnostics
{
    public class DiagnosticCatalogTests
    {
        [Fact]
        public void every_diagnostic_id_has_a_docs_page_and_a_help_link_to_it()
        {
            var docs = Path.Combine(SharedConformance.RepositoryRoot, "docs", "diagnostics");
            Assert.NotEmpty(DiagnosticCatalog.All);
            foreach (var rule in DiagnosticCatalog.All)
            {
                var page = Path.Combine(docs, rule.Id + ".md");
                Assert.True(File.Exists(page), $"{rule.Id} ({rule.Title}) has no page at docs/diagnostics/{rule.Id}.md");
                Assert.StartsWith($"# {rule.Id}", File.ReadAllText(page));
                Assert.EndsWith($"docs/diagnostics/{rule.Id}.md", rule.HelpLink);
            }
        }

        [Fact]
        public void ids_are_unique_well_formed_and_in_their_range()
        {
            var ids = DiagnosticCatalog.All.Select(r => r.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(DiagnosticCatalog.All, r =>
            {
                Assert.Matches(new Regex("^CTR[1-5][0-9]{3}$"), r.Id);
                var expectedCategory = r.Id[3] switch { '1' => DiagnosticCatalog.SchemaCategory, '2' => DiagnosticCatalog.CompatibilityCategory, '3' => DiagnosticCatalog.UsageCategory, '4' => DiagnosticCatalog.LintCategory, '5' => DiagnosticCatalog.UpcastingCategory, _ => r.Category };
                Assert.Equal(expectedCategory, r.Category);
            });
        }

        [Fact]
        public void every_docs_page_belongs_to_a_known_id()
        {
            var docs = Path.Combine(SharedConformance.RepositoryRoot, "docs", "diagnostics");
            var known = DiagnosticCatalog.All.Select(r => r.Id).ToHashSet();
            foreach (var page in Directory.GetFiles(docs, "CTR*.md"))
            {
                Assert.Contains(Path.GetFileNameWithoutExtension(page), known);
            }
        }
    }
}
