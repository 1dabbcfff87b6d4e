using System.Linq;
using System.Text.RegularExpressions;

namespace Contracts.Cli.Tests
{
    /// <summary><c>contracts check --against &lt;git revision&gt;</c> on real repositories: a history on main, changes on a branch.</summary>
    public sealed class CheckGitBaselineTests : System.IDisposable
    {
        private readonly GitRepository _repo = new GitRepository();

        public CheckGitBaselineTests()
        {
            Schemas.WriteBaseline(_repo);
            _repo.Commit("schemas v1");
            _repo.Git("checkout", "-q", "-b", "feature");
        }

        public void Dispose() => _repo.Dispose();

        [Fact]
        public void an_unchanged_branch_passes_against_main()
        {
            var result = _repo.Run("check", "--schemas", "schemas", "--against", "main");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("contracts check passed: 3 subjects, 3 versions (against main): 0 errors, 0 warnings, 0 info.", Assert.Single(result.OutputLines));
        }

        [Fact]
        public void a_compatible_new_version_passes_and_is_reported_as_information()
        {
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            _repo.Commit("OrderPlaced v2");
            var result = _repo.Run("check", "--schemas", "schemas", "--against", "main");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v2.avsc:1:1: info CTR2808: \"shop.orders.OrderPlaced\" v2 is new since main", result.Output);
            Assert.EndsWith("0 errors, 0 warnings, 1 info.", result.OutputLines.Last());
        }

        [Fact]
        public void a_breaking_change_on_a_branch_fails_with_the_location_and_the_fix()
        {
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Breaking);
            _repo.Commit("OrderPlaced v2 without a default");
            var result = _repo.Run("check", "--schemas", "schemas", "--against", "main");
            Assert.True(result.ExitCode == 1, result.ToString());
            var error = Assert.Single(result.OutputLines, l => l.Contains(": error "));
            Assert.Matches(new Regex(@"^schemas/orders/OrderPlaced\.v2\.avsc:5:\d+: error CTR2001: shop\.orders\.OrderPlaced v2: reader field `currency`.*\[BACKWARD: v2 must read data written with v1\]$"), error);
            Assert.Contains("    fix: add a default to field `currency`", result.Output);
            Assert.StartsWith("contracts check FAILED:", result.OutputLines.Last());
            Assert.Equal("", result.Error);
        }

        [Fact]
        public void editing_a_published_version_fails_but_a_docs_only_edit_passes()
        {
            _repo.Write(Schemas.OrderPlacedPath, Schemas.OrderPlacedV1DocsOnly);
            _repo.Commit("reword docs");
            var docsOnly = _repo.Run("check", "--schemas", "schemas", "--against", "main");
            Assert.True(docsOnly.ExitCode == 0, docsOnly.ToString());

            _repo.Write(Schemas.OrderPlacedPath, Schemas.OrderPlacedV1Edited);
            _repo.Commit("widen amount in v1");
            var edited = _repo.Run("check", "--schemas", "schemas", "--against", "main");
            Assert.True(edited.ExitCode == 1, edited.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v1.avsc:1:1: error CTR2801: \"shop.orders.OrderPlaced\" v1 is published in main and its schema changed", edited.Output);
        }

        [Fact]
        public void deleting_a_published_version_fails()
        {
            _repo.Delete("schemas/customers/CustomerRegistered.v1.avsc");
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            _repo.Commit("drop a subject's only version");
            var result = _repo.Run("check", "--against", "main");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("error CTR2804: subject \"shop.customers.CustomerRegistered\" is published in main but no longer exists", result.Output);

            _repo.Git("checkout", "-q", "main");
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            _repo.Commit("OrderPlaced v2 on main");
            _repo.Git("checkout", "-q", "-b", "drop-v2");
            _repo.Delete(Schemas.OrderPlacedV2Path);
            _repo.Commit("delete v2");
            var deleted = _repo.Run("check", "--against", "main");
            Assert.True(deleted.ExitCode == 1, deleted.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v2.avsc:1:1: error CTR2802: \"shop.orders.OrderPlaced\" v2 is published in main but its file is gone", deleted.Output);
        }

        [Fact]
        public void renumbering_a_published_version_fails()
        {
            _repo.Git("checkout", "-q", "main");
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            _repo.Commit("OrderPlaced v2 on main");
            _repo.Git("checkout", "-q", "-b", "renumber");
            _repo.Write("schemas/orders/OrderPlaced.v3.avsc", Schemas.OrderPlacedV2Compatible);
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV1DocsOnly);
            _repo.Commit("slip a version in");
            var result = _repo.Run("check", "--against", "main");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v3.avsc:1:1: error CTR2803: \"shop.orders.OrderPlaced\" v3 is published v2 (same fingerprint) renumbered", result.Output);
        }

        [Fact]
        public void a_rename_fails_without_an_alias_and_passes_with_one()
        {
            _repo.Delete("schemas/customers/CustomerRegistered.v1.avsc");
            _repo.Write("schemas/customers/CustomerSignedUp.v1.avsc", Schemas.CustomerRegisteredV1.Replace("'CustomerRegistered'", "'CustomerSignedUp'"));
            _repo.Commit("rename without alias");
            var withoutAlias = _repo.Run("check", "--against", "main");
            Assert.True(withoutAlias.ExitCode == 1, withoutAlias.ToString());
            Assert.Contains("error CTR2804", withoutAlias.Output);
            Assert.Contains("add \"aliases\": [\"shop.customers.CustomerRegistered\"]", withoutAlias.Output);

            _repo.Write("schemas/customers/CustomerSignedUp.v1.avsc",
                Schemas.CustomerRegisteredV1.Replace("'CustomerRegistered',", "'CustomerSignedUp', 'aliases': ['shop.customers.CustomerRegistered'],"));
            _repo.Commit("add the alias");
            var withAlias = _repo.Run("check", "--against", "main");
            Assert.True(withAlias.ExitCode == 0, withAlias.ToString());
            Assert.Contains("info CTR2805: subject \"shop.customers.CustomerRegistered\" (published in main) is now \"shop.customers.CustomerSignedUp\"", withAlias.Output);
        }

        [Fact]
        public void an_accepted_break_passes_and_is_shown_with_its_reason()
        {
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Breaking);
            _repo.Write("schemas/accepted-breaks.json", @"{'acceptedBreaks': [
  {'subject': 'shop.orders.OrderPlaced', 'version': 2, 'rule': 'CTR2001', 'reason': 'no v1 data is retained', 'reviewedBy': 'alice', 'date': '2026-11-20'}]}");
            _repo.Commit("accepted break");
            var result = _repo.Run("check", "--against", "main");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("info CTR2901: accepted break CTR2001: shop.orders.OrderPlaced v2: reader field `currency`", result.Output);
            Assert.Contains("accepted CTR2001: no v1 data is retained (reviewed by alice, 2026-11-20; schemas/accepted-breaks.json:2)", result.Output);
        }

        [Fact]
        public void a_tag_a_commit_a_remote_branch_and_the_merge_base_all_work_as_baselines()
        {
            var main = _repo.Git("rev-parse", "main").Trim();
            _repo.Git("tag", "v1.0", "main");
            _repo.Git("update-ref", "refs/remotes/origin/main", main);
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Breaking);
            _repo.Commit("break");
            var mergeBase = _repo.Git("merge-base", "HEAD", "origin/main").Trim();
            foreach (var baseline in new[] { "v1.0", main, main.Substring(0, 10), "origin/main", mergeBase, "HEAD~1" })
            {
                var result = _repo.Run("check", "--against", baseline);
                Assert.True(result.ExitCode == 1, baseline + ": " + result);
                Assert.Contains($"(against {baseline})", result.Output);
                Assert.Contains("error CTR2001", result.Output);
            }
        }

        [Fact]
        public void the_baseline_is_read_from_git_objects_without_touching_the_work_tree()
        {
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            _repo.Write("schemas/untracked-note.txt", "not a schema");
            var before = _repo.Git("status", "--porcelain");
            var result = _repo.Run("check", "--against", "main");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(before, _repo.Git("status", "--porcelain"));
            Assert.Equal("feature", _repo.Git("rev-parse", "--abbrev-ref", "HEAD").Trim());
        }

        [Fact]
        public void transitive_modes_check_every_earlier_version()
        {
            // v2 drops amount; v3 brings it back as a string: v3 reads v2 data but not v1 data.
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV1.Replace(",\n  {'name': 'amount', 'type': 'int', 'doc': 'Total in cents.'}", ""));
            _repo.Write("schemas/orders/OrderPlaced.v3.avsc", Schemas.OrderPlacedV1.Replace("'type': 'int', 'doc'", "'type': 'string', 'default': '0', 'doc'"));
            _repo.Commit("v2 and v3");
            var consecutive = _repo.Run("check", "--against", "main");
            Assert.True(consecutive.ExitCode == 0, consecutive.ToString());

            _repo.Write("schemas/orders/contracts.settings.json", "{'compatibility': 'BACKWARD_TRANSITIVE'}");
            var transitive = _repo.Run("check", "--against", "main");
            Assert.True(transitive.ExitCode == 1, transitive.ToString());
            Assert.Contains("error CTR2002", transitive.Output);
            Assert.Contains("[BACKWARD_TRANSITIVE: v3 must read data written with v1]", transitive.Output);
        }

        [Fact]
        public void json_schema_subjects_go_through_the_same_engine()
        {
            // v2 requires a property v1 data may lack: v2 cannot read v1 data.
            _repo.Write("schemas/payments/PaymentFailed.v2.schema.json", Schemas.PaymentFailedV1
                .Replace("'properties': {'paymentId': {'type': 'string', 'description': 'The payment.'}}", "'properties': {'paymentId': {'type': 'string', 'description': 'The payment.'}, 'reason': {'type': 'string'}}")
                .Replace("'required': ['paymentId']", "'required': ['paymentId', 'reason']"));
            _repo.Commit("PaymentFailed v2");
            var result = _repo.Run("check", "--against", "main");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Matches(new Regex(@"schemas/payments/PaymentFailed\.v2\.schema\.json:\d+:\d+: error CTR21\d\d: shop\.payments\.PaymentFailed v2: "), result.Output);
        }

        [Fact]
        public void the_installed_tool_process_returns_the_same_exit_codes()
        {
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Breaking);
            _repo.Commit("break");
            var result = _repo.RunProcess("check", "--against", "main", "--format", "msbuild");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Matches(new Regex(@"^schemas/orders/OrderPlaced\.v2\.avsc\(5,\d+\): error CTR2001: ", RegexOptions.Multiline), result.Output);
        }
    }
}
