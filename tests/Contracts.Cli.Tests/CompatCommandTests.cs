using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Contracts.Cli.Tests
{
    /// <summary><c>contracts compat</c> end to end: exit codes, output lines, JSON details, accepted breaks, errors.</summary>
    public class CompatCommandTests : System.IDisposable
    {
        private readonly SchemaFolder _folder = new SchemaFolder();

        private const string V1 = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'com.shop',
 'fields': [
  {'name': 'id', 'type': 'string'},
  {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['OPEN', 'PAID', 'CANCELLED']}}
 ]}";

        // Drops CANCELLED and adds currency without a default: two incompatibilities for BACKWARD.
        private const string V2Broken = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'com.shop',
 'fields': [
  {'name': 'id', 'type': 'string'},
  {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['OPEN', 'PAID']}},
  {'name': 'currency', 'type': 'string'}
 ]}";

        // Adds currency with a default: compatible both ways.
        private const string V2Good = @"{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'com.shop',
 'fields': [
  {'name': 'id', 'type': 'string'},
  {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['OPEN', 'PAID', 'CANCELLED']}},
  {'name': 'currency', 'type': 'string', 'default': 'EUR'}
 ]}";

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void a_compatible_candidate_exits_0_with_a_summary()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", V2Good);
            var result = _folder.Run("compat", "v1.avsc", "v2.avsc");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("v2.avsc (v2 of com.shop.OrderPlaced) is compatible under BACKWARD with v1.", Assert.Single(result.OutputLines));
        }

        [Fact]
        public void an_incompatible_candidate_exits_1_with_one_located_line_per_issue_a_fix_and_a_summary()
        {
            _folder.Write("OrderPlaced.v1.avsc", V1);
            _folder.Write("OrderPlaced.v2.avsc", V2Broken);
            var result = _folder.Run("compat", "--mode", "backward", "OrderPlaced.v1.avsc", "OrderPlaced.v2.avsc");
            Assert.True(result.ExitCode == 1, result.ToString());
            var lines = result.OutputLines;
            Assert.Equal(5, lines.Length);
            Assert.Matches(new Regex(@"^OrderPlaced\.v2\.avsc\(4,\d+\): error CTR2005: reader enum `com\.shop\.Status` lacks writer symbol `CANCELLED`"), lines[0]);
            Assert.Equal("    fix: keep symbol `CANCELLED` or give the enum a default", lines[1]);
            Assert.StartsWith("OrderPlaced.v2.avsc(5,3): error CTR2001: reader field `currency`", lines[2]);
            Assert.EndsWith("[BACKWARD: v2 must read data written with v1]", lines[2]);
            Assert.StartsWith("    fix: add a default to field `currency`", lines[3]);
            Assert.Equal("OrderPlaced.v2.avsc (v2 of com.shop.OrderPlaced) is NOT compatible under BACKWARD: 2 incompatibilities with v1.", lines[4]);
            Assert.Equal("", result.Error);
        }

        [Fact]
        public void with_two_files_in_backward_mode_the_first_is_the_writer_and_the_second_the_reader()
        {
            _folder.Write("writer.avsc", "'int'");
            _folder.Write("reader.avsc", "'long'");
            Assert.Equal(0, _folder.Run("compat", "--mode", "backward", "writer.avsc", "reader.avsc").ExitCode);
            var swapped = _folder.Run("compat", "--mode", "backward", "reader.avsc", "writer.avsc");
            Assert.Equal(1, swapped.ExitCode);
            Assert.Contains("error CTR2002: reader type `int` cannot read writer type `long`", swapped.Output);
        }

        [Fact]
        public void forward_full_and_transitive_modes_pick_the_versions_and_directions()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", V2Good);
            _folder.Write("v3.avsc", V2Broken);
            // v3 drops CANCELLED: forward (v2 reads v3) is fine, backward (v3 reads v2) is not.
            Assert.Equal(0, _folder.Run("compat", "--mode", "forward", "v1.avsc", "v2.avsc", "v3.avsc").ExitCode);
            var full = _folder.Run("compat", "--mode", "FULL_TRANSITIVE", "v1.avsc", "v2.avsc", "v3.avsc");
            Assert.Equal(1, full.ExitCode);
            Assert.Contains("[FULL_TRANSITIVE: v3 must read data written with v2]", full.Output);
            Assert.Contains("[FULL_TRANSITIVE: v3 must read data written with v1]", full.Output);
            Assert.EndsWith("with v2, v1.", full.OutputLines.Last());
            Assert.Equal(0, _folder.Run("compat", "--mode", "none", "v1.avsc", "v3.avsc").ExitCode);
        }

        [Fact]
        public void json_format_lists_every_incompatibility_with_its_details()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", V2Broken);
            var result = _folder.Run("compat", "--format", "json", "v1.avsc", "v2.avsc");
            Assert.Equal(1, result.ExitCode);
            using var document = JsonDocument.Parse(result.Output);
            var root = document.RootElement;
            Assert.False(root.GetProperty("compatible").GetBoolean());
            Assert.Equal("BACKWARD", root.GetProperty("mode").GetString());
            Assert.Equal("com.shop.OrderPlaced", root.GetProperty("subject").GetString());
            var issues = root.GetProperty("issues").EnumerateArray().ToArray();
            Assert.Equal(new[] { "CTR2005", "CTR2001" }, issues.Select(i => i.GetProperty("ruleId").GetString()).ToArray());
            var field = issues[1];
            Assert.Equal("error", field.GetProperty("severity").GetString());
            Assert.Equal("backward", field.GetProperty("direction").GetString());
            Assert.Equal(2, field.GetProperty("reader").GetProperty("version").GetInt32());
            Assert.Equal(1, field.GetProperty("writer").GetProperty("version").GetInt32());
            Assert.Equal("/fields/2", field.GetProperty("reader").GetProperty("pointer").GetString());
            Assert.Equal(5, field.GetProperty("reader").GetProperty("line").GetInt32());
            Assert.Equal("v2.avsc", field.GetProperty("reader").GetProperty("file").GetString());
            Assert.Equal("{\"name\":\"currency\",\"type\":\"string\"}", field.GetProperty("reader").GetProperty("fragment").GetString());
            Assert.Contains("add a default to field `currency`", field.GetProperty("fix").GetString());
            Assert.EndsWith("docs/diagnostics/CTR2001.md", field.GetProperty("helpLink").GetString());
            Assert.Equal(JsonValueKind.Null, field.GetProperty("acceptedBy").ValueKind);
        }

        [Fact]
        public void an_invalid_schema_exits_2_with_its_parse_diagnostics()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", "{'type': 'record', 'name': 'OrderPlaced',\n 'fields': [{'name': 'id', 'type': 'strin'}]}");
            var result = _folder.Run("compat", "v1.avsc", "v2.avsc");
            Assert.Equal(2, result.ExitCode);
            Assert.Matches(new Regex(@"^v2\.avsc\(2,\d+\): error CTR1003: unknown type ""strin""", RegexOptions.Multiline), result.Error);
            _folder.Write("v3.avsc", "{ not json");
            var notJson = _folder.Run("compat", "v1.avsc", "v3.avsc");
            Assert.Equal(2, notJson.ExitCode);
            Assert.Contains("v3.avsc(1,3): error CTR1001:", notJson.Error);
        }

        [Theory]
        [InlineData(new[] { "compat" }, "Required argument missing")]
        [InlineData(new[] { "compat", "missing.avsc" }, "cannot read 'missing.avsc': the file does not exist")]
        [InlineData(new[] { "compat", "schema.txt" }, "cannot tell the schema format of 'schema.txt'")]
        [InlineData(new[] { "compat", "--mode", "sideways", "a.avsc" }, "unknown mode 'sideways'")]
        [InlineData(new[] { "compat", "--format", "xml", "a.avsc" }, "xml")]
        [InlineData(new[] { "compat", "--bogus", "a.avsc" }, "--bogus")]
        [InlineData(new[] { "compat", "a.avsc", "b.json" }, "mix Avro (.avsc) and JSON Schema (.json)")]
        [InlineData(new string[0], "contracts --help")]
        public void usage_errors_exit_2_with_one_clear_line_and_no_stack_trace(string[] args, string expected)
        {
            _folder.Write("a.avsc", "'int'");
            var result = _folder.Run(args);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(expected, result.Error);
            Assert.DoesNotContain("   at ", result.All);
            Assert.Equal("", result.Output);
        }

        [Fact]
        public void json_schema_histories_are_checked_by_the_same_engine_with_a_policy()
        {
            // Closed v1; v2 opens the content model: under STRICT v1 (FORWARD reader) cannot read v2's data.
            _folder.Write("v1.schema.json", "{'type': 'object', 'properties': {'id': {'type': 'string'}}, 'additionalProperties': false}");
            _folder.Write("v2.schema.json", "{'type': 'object', 'properties': {'id': {'type': 'string'}, 'note': {'type': 'string'}}, 'additionalProperties': false}");
            var backward = _folder.Run("compat", "--mode", "backward", "v1.schema.json", "v2.schema.json");
            Assert.True(backward.ExitCode == 0, backward.ToString());
            var forward = _folder.Run("compat", "--mode", "forward", "v1.schema.json", "v2.schema.json");
            Assert.True(forward.ExitCode == 1, forward.ToString());
            Assert.Matches(new Regex(@"error CTR21\d\d: "), forward.Output);
        }

        [Fact]
        public void json_schema_references_to_sibling_files_are_resolved()
        {
            _folder.Write("Money.json", "{'type': 'object', 'properties': {'cents': {'type': 'integer'}}, 'required': ['cents']}");
            _folder.Write("v1.schema.json", "{'type': 'object', 'properties': {'total': {'$ref': 'Money.json'}}}");
            _folder.Write("v2.schema.json", "{'type': 'object', 'properties': {'total': {'$ref': 'Money.json'}}}");
            var result = _folder.Run("compat", "--mode", "full", "v1.schema.json", "v2.schema.json");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        [Fact]
        public void an_open_content_model_is_judged_by_the_policy()
        {
            // v2 adds a property to an open model: a break under STRICT, fine under LENIENT.
            _folder.Write("v1.schema.json", "{'type': 'object', 'properties': {'id': {'type': 'string'}}}");
            _folder.Write("v2.schema.json", "{'type': 'object', 'properties': {'id': {'type': 'string'}, 'note': {'type': 'integer'}}}");
            var strict = _folder.Run("compat", "--policy", "strict", "v1.schema.json", "v2.schema.json");
            var lenient = _folder.Run("compat", "--policy", "lenient", "v1.schema.json", "v2.schema.json");
            Assert.True(strict.ExitCode == 1, strict.ToString());
            Assert.True(lenient.ExitCode == 0, lenient.ToString());
        }

        [Fact]
        public void a_directory_instead_of_a_file_exits_2()
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.Combine(_folder.Root, "dir.avsc"));
            var result = _folder.Run("compat", "dir.avsc");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("is a directory", result.Error);
        }

        private const string Accepted = @"{'acceptedBreaks': [
  {'subject': 'com.shop.OrderPlaced', 'version': 2, 'rule': 'CTR2005', 'pointer': '/fields/1/type/symbols',
   'reason': 'CANCELLED was never published', 'reviewedBy': 'alice', 'date': '2026-11-20'},
  {'subject': 'com.shop.OrderPlaced', 'version': 2, 'rule': 'CTR2001',
   'reason': 'every consumer upgraded first', 'reviewedBy': 'bob', 'date': '2026-11-21'},
  {'subject': 'com.shop.OrderPlaced', 'version': 2, 'rule': 'CTR2004',
   'reason': 'left over', 'reviewedBy': 'carol', 'date': '2026-11-21'}
]}";

        [Fact]
        public void accepted_breaks_next_to_the_candidate_turn_errors_into_information_and_flag_stale_entries()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", V2Broken);
            _folder.Write("accepted-breaks.json", Accepted);
            var result = _folder.Run("compat", "v1.avsc", "v2.avsc");
            Assert.True(result.ExitCode == 0, result.ToString());
            var lines = result.OutputLines;
            Assert.Matches(new Regex(@"^v2\.avsc\(4,\d+\): info CTR2901: accepted CTR2005: "), lines[0]);
            Assert.Equal("    accepted: CANCELLED was never published (reviewed by alice, 2026-11-20; accepted-breaks.json(2,3))", lines[1]);
            Assert.StartsWith("v2.avsc(5,3): info CTR2901: accepted CTR2001:", lines[2]);
            Assert.StartsWith("accepted-breaks.json(6,3): warning CTR2902: accepted break for com.shop.OrderPlaced v2 rule CTR2004", lines[4]);
            Assert.Equal("v2.avsc (v2 of com.shop.OrderPlaced) is compatible under BACKWARD with v1 (2 accepted breaks).", lines[5]);

            var json = _folder.Run("compat", "--format", "json", "v1.avsc", "v2.avsc");
            using var document = JsonDocument.Parse(json.Output);
            var issue = document.RootElement.GetProperty("issues")[0];
            Assert.Equal("info", issue.GetProperty("severity").GetString());
            Assert.Equal("alice", issue.GetProperty("acceptedBy").GetProperty("reviewedBy").GetString());
            Assert.Equal("CTR2004", document.RootElement.GetProperty("staleAcceptedBreaks")[0].GetProperty("entry").GetProperty("rule").GetString());
        }

        [Fact]
        public void an_explicit_or_invalid_accepted_breaks_file()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", V2Broken);
            _folder.Write("reviewed.json", Accepted);
            Assert.Equal(0, _folder.Run("compat", "--accepted-breaks", "reviewed.json", "v1.avsc", "v2.avsc").ExitCode);
            // Another subject name: nothing matches.
            Assert.Equal(1, _folder.Run("compat", "--subject", "com.shop.Other", "--accepted-breaks", "reviewed.json", "v1.avsc", "v2.avsc").ExitCode);

            _folder.Write("bad.json", "{'acceptedBreaks': [{'subject': 'com.shop.OrderPlaced', 'version': 2, 'rule': 'CTR2001'}]}");
            var bad = _folder.Run("compat", "--accepted-breaks", "bad.json", "v1.avsc", "v2.avsc");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("bad.json(1,21): error CTR2903: \"reason\" is required", bad.Error);
            Assert.Equal(2, _folder.Run("compat", "--accepted-breaks", "none.json", "v1.avsc", "v2.avsc").ExitCode);
        }

        [Fact]
        public void help_explains_modes_exit_codes_and_examples()
        {
            var result = _folder.Run("compat", "--help");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("contracts compat <schema-file>... [options]", result.Output);
            Assert.Contains("backward_transitive", result.Output);
            Assert.Contains("Exit codes: 0 compatible, 1 incompatible, 2 usage error", result.Output);
            Assert.Contains("the first is the writer and the second the reader", result.Output);
            Assert.Contains("compat", _folder.Run("--help").Output);
        }

        [Fact]
        public void the_built_tool_runs_as_a_process_with_the_same_exit_codes()
        {
            _folder.Write("v1.avsc", V1);
            _folder.Write("v2.avsc", V2Broken);
            var broken = _folder.RunProcess("compat", "v1.avsc", "v2.avsc");
            Assert.True(broken.ExitCode == 1, broken.ToString());
            Assert.Contains("v2.avsc(5,3): error CTR2001:", broken.Output);
            Assert.Equal(2, _folder.RunProcess("compat", "missing.avsc").ExitCode);
            Assert.Equal(0, _folder.RunProcess("compat", "v1.avsc").ExitCode);
        }
    }
}
