using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contracts.Cli.Reporting;

namespace Contracts.Cli.Tests
{
    /// <summary>Every output format of <c>contracts check</c> on one breaking change (plus an information line).</summary>
    public sealed class CheckOutputFormatTests : System.IDisposable
    {
        private readonly GitRepository _repo = new GitRepository();

        public CheckOutputFormatTests()
        {
            Schemas.WriteBaseline(_repo);
            _repo.Commit("schemas v1");
            _repo.Git("checkout", "-q", "-b", "feature");
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Breaking);
            _repo.Commit("OrderPlaced v2 without a default");
        }

        public void Dispose() => _repo.Dispose();

        [Fact]
        public void json_lists_every_finding_with_its_location_and_help()
        {
            var result = _repo.Run("check", "--against", "main", "--format", "json");
            Assert.True(result.ExitCode == 1, result.ToString());
            using var document = JsonDocument.Parse(result.Output);
            var root = document.RootElement;
            Assert.Equal("check", root.GetProperty("command").GetString());
            Assert.False(root.GetProperty("success").GetBoolean());
            Assert.Equal(1, root.GetProperty("errorCount").GetInt32());
            Assert.Equal(1, root.GetProperty("infoCount").GetInt32());
            var error = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "error");
            Assert.Equal("CTR2001", error.GetProperty("ruleId").GetString());
            Assert.Equal("schemas/orders/OrderPlaced.v2.avsc", error.GetProperty("file").GetString());
            Assert.Equal(5, error.GetProperty("line").GetInt32());
            Assert.True(error.GetProperty("column").GetInt32() >= 1);
            Assert.StartsWith("add a default to field `currency`", error.GetProperty("fix").GetString());
            Assert.EndsWith("docs/diagnostics/CTR2001.md", error.GetProperty("helpUri").GetString());
        }

        [Fact]
        public void sarif_is_a_2_1_0_log_with_rules_levels_and_physical_locations()
        {
            var result = _repo.Run("check", "--against", "main", "--format", "sarif");
            Assert.True(result.ExitCode == 1, result.ToString());
            using var document = JsonDocument.Parse(result.Output);
            var root = document.RootElement;
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
            var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToArray());
            var driver = run.GetProperty("tool").GetProperty("driver");
            Assert.Equal("contracts", driver.GetProperty("name").GetString());
            var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
            Assert.Equal(new[] { "CTR2001", "CTR2808" }, rules.Select(r => r.GetProperty("id").GetString()));
            foreach (var rule in rules)
            {
                Assert.Matches("^[A-Z][A-Za-z0-9]+$", rule.GetProperty("name").GetString());
                Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
                Assert.EndsWith($"docs/diagnostics/{rule.GetProperty("id").GetString()}.md", rule.GetProperty("helpUri").GetString());
                Assert.Contains(rule.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            }
            var results = run.GetProperty("results").EnumerateArray().ToArray();
            Assert.Equal(2, results.Length);
            var error = results.Single(r => r.GetProperty("level").GetString() == "error");
            Assert.Equal("CTR2001", error.GetProperty("ruleId").GetString());
            Assert.Equal("CTR2001", rules[error.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains("reader field `currency`", error.GetProperty("message").GetProperty("text").GetString());
            var location = Assert.Single(error.GetProperty("locations").EnumerateArray().ToArray()).GetProperty("physicalLocation");
            Assert.Equal("schemas/orders/OrderPlaced.v2.avsc", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(5, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.True(location.GetProperty("region").GetProperty("startColumn").GetInt32() >= 1);
            Assert.Equal("note", results.Single(r => r.GetProperty("ruleId").GetString() == "CTR2808").GetProperty("level").GetString());
        }

        [Fact]
        public void github_writes_escaped_workflow_annotations()
        {
            var result = _repo.Run("check", "--against", "main", "--format", "github");
            Assert.True(result.ExitCode == 1, result.ToString());
            var lines = result.OutputLines;
            Assert.Equal(3, lines.Length);
            var error = Assert.Single(lines, l => l.StartsWith("::error "));
            Assert.Matches(new Regex(@"^::error file=schemas/orders/OrderPlaced\.v2\.avsc,line=5,col=\d+,endLine=\d+,endColumn=\d+,title=CTR2001 [^:,]+::shop\.orders\.OrderPlaced v2: reader field `currency`"), error);
            // The properties' colons and commas and the message's line breaks are encoded, so one finding is one line.
            Assert.Contains("%3A", error.Substring(0, error.IndexOf("::shop", System.StringComparison.Ordinal)) + "%3A");
            Assert.Contains("%0Afix: add a default to field `currency`", error);
            Assert.Contains("%0Ahelp: https", error);
            Assert.StartsWith("::notice file=schemas/orders/OrderPlaced.v2.avsc,line=1,col=1,", Assert.Single(lines, l => l.StartsWith("::notice ")));
            Assert.StartsWith("contracts check FAILED", lines.Last());
        }

        [Theory]
        [InlineData("100% done\r\nnext", "100%25 done%0D%0Anext")]
        [InlineData("a:b,c", "a:b,c")]
        public void github_data_escapes_percent_and_line_breaks(string value, string expected)
            => Assert.Equal(expected, GitHubReportWriter.EscapeData(value));

        [Theory]
        [InlineData("schemas/a:b,c.avsc", "schemas/a%3Ab%2Cc.avsc")]
        [InlineData("50%\r\nx", "50%25%0D%0Ax")]
        [InlineData("CTR2001 Reader field: missing, no default", "CTR2001 Reader field%3A missing%2C no default")]
        public void github_properties_also_escape_colons_and_commas(string value, string expected)
            => Assert.Equal(expected, GitHubReportWriter.EscapeProperty(value));

        [Fact]
        public void msbuild_writes_one_canonical_line_per_finding()
        {
            var result = _repo.Run("check", "--against", "main", "--format", "msbuild");
            Assert.True(result.ExitCode == 1, result.ToString());
            var lines = result.OutputLines;
            Assert.Equal(2, lines.Length);
            Assert.Matches(new Regex(@"^schemas/orders/OrderPlaced\.v2\.avsc\(5,\d+\): error CTR2001: shop\.orders\.OrderPlaced v2: reader field `currency`.* Fix: add a default"), lines.Single(l => l.Contains("error")));
            Assert.Matches(new Regex(@"^schemas/orders/OrderPlaced\.v2\.avsc\(1,1\): info CTR2808: "), lines.Single(l => l.Contains("info")));
        }

        [Fact]
        public void text_is_uncoloured_when_not_a_terminal_and_paths_are_relative_to_the_current_directory()
        {
            var result = _repo.Run("check", "--schemas", Path.Combine(_repo.Root, "schemas"), "--against", "main");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.False(result.Output.Contains((char)0x1b), "no ANSI escape expected");
            Assert.StartsWith("schemas/orders/OrderPlaced.v2.avsc:5:", result.OutputLines.First(l => l.Contains("error")));
        }

        [Fact]
        public void output_writes_the_report_to_a_file_and_the_summary_to_the_log()
        {
            var result = _repo.Run("check", "--against", "main", "--format", "sarif", "--output", "out/contracts.sarif");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.StartsWith("contracts check FAILED", Assert.Single(result.OutputLines));
            using var document = JsonDocument.Parse(_repo.Read("out/contracts.sarif"));
            Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
        }
    }
}
