using System.IO;
using System.Linq;

namespace Contracts.Cli.Tests
{
    /// <summary><c>contracts lock</c> with <c>contracts check</c> against the lock, and <c>contracts lint</c>.</summary>
    public sealed class LockAndLintTests : System.IDisposable
    {
        private readonly GitRepository _repo = new GitRepository(init: false);

        public LockAndLintTests() => Schemas.WriteBaseline(_repo);

        public void Dispose() => _repo.Dispose();

        [Fact]
        public void lock_writes_a_stable_file_that_check_then_uses()
        {
            var locked = _repo.Run("lock", "--schemas", "schemas");
            Assert.True(locked.ExitCode == 0, locked.ToString());
            Assert.Equal("wrote schemas/schemas.lock.json (3 subjects, 3 versions).", Assert.Single(locked.OutputLines));
            var text = _repo.Read("schemas/schemas.lock.json");
            Assert.Contains("\"shop.orders.OrderPlaced\"", text);
            Assert.Contains("\"path\": \"orders/OrderPlaced.v1.avsc\"", text);

            var again = _repo.Run("lock", "--schemas", "schemas");
            Assert.Equal("schemas/schemas.lock.json is up to date (3 subjects, 3 versions).", Assert.Single(again.OutputLines));
            Assert.Equal(text, _repo.Read("schemas/schemas.lock.json"));

            var check = _repo.Run("check");
            Assert.True(check.ExitCode == 0, check.ToString());
            Assert.Equal("contracts check passed: 3 subjects, 3 versions (against schemas/schemas.lock.json): 0 errors, 0 warnings, 0 info.", Assert.Single(check.OutputLines));
        }

        [Fact]
        public void editing_a_locked_version_fails_and_a_docs_only_edit_passes()
        {
            Assert.Equal(0, _repo.Run("lock").ExitCode);
            _repo.Write(Schemas.OrderPlacedPath, Schemas.OrderPlacedV1DocsOnly);
            var docsOnly = _repo.Run("check");
            Assert.True(docsOnly.ExitCode == 0, docsOnly.ToString());

            _repo.Write(Schemas.OrderPlacedPath, Schemas.OrderPlacedV1Edited);
            var edited = _repo.Run("check");
            Assert.True(edited.ExitCode == 1, edited.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v1.avsc:1:1: error CTR2801: \"shop.orders.OrderPlaced\" v1 is published in schemas/schemas.lock.json and its schema changed", edited.Output);
        }

        [Fact]
        public void a_stale_lock_fails_until_lock_is_run_again()
        {
            Assert.Equal(0, _repo.Run("lock").ExitCode);
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            var stale = _repo.Run("check");
            Assert.True(stale.ExitCode == 1, stale.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v2.avsc:1:1: error CTR2806: \"shop.orders.OrderPlaced\" v2 is not in schemas/schemas.lock.json; run `contracts lock`", stale.Output);

            Assert.Equal(0, _repo.Run("lock").ExitCode);
            var fresh = _repo.Run("check");
            Assert.True(fresh.ExitCode == 0, fresh.ToString());
        }

        [Fact]
        public void an_explicit_lock_file_is_a_baseline()
        {
            Assert.Equal(0, _repo.Run("lock").ExitCode);
            File.Move(Path.Combine(_repo.Root, "schemas", "schemas.lock.json"), Path.Combine(_repo.Root, "published.lock.json"));
            _repo.Write(Schemas.OrderPlacedPath, Schemas.OrderPlacedV1Edited);
            Assert.Equal(0, _repo.Run("check").ExitCode);
            var result = _repo.Run("check", "--against", "published.lock.json");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("error CTR2801", result.Output);
        }

        [Fact]
        public void lock_refuses_to_write_while_a_schema_has_errors()
        {
            _repo.Write("schemas/orders/OrderPlaced.v2.avsc", "{'type': 'record'");
            var result = _repo.Run("lock");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v2.avsc:1:", result.Error);
            Assert.Contains("was not written", result.Error);
            Assert.False(File.Exists(Path.Combine(_repo.Root, "schemas", "schemas.lock.json")));
        }

        [Fact]
        public void check_reports_parse_errors_with_exit_1()
        {
            _repo.Write("schemas/orders/OrderPlaced.v2.avsc", "{'type': 'record', 'name': 'OrderPlaced', 'namespace': 'shop.orders', 'fields': [{'name': 'x', 'type': 'nope'}]}");
            var result = _repo.Run("check");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Matches(@"schemas/orders/OrderPlaced\.v2\.avsc:1:\d+: error CTR1\d{3}: ", result.Output);
        }

        [Fact]
        public void lint_passes_on_warnings_and_fails_on_errors()
        {
            _repo.Write("schemas/orders/OrderPlaced.v2.avsc", Schemas.OrderPlacedV2Compatible.Replace("'doc': 'A customer placed an order.',", ""));
            var warned = _repo.Run("lint");
            Assert.True(warned.ExitCode == 0, warned.ToString());
            Assert.Contains("schemas/orders/OrderPlaced.v2.avsc:1:1: warning CTR4003: subject \"shop.orders.OrderPlaced\" has no \"doc\"", warned.Output);
            Assert.StartsWith("contracts lint passed: 3 subjects: 0 errors, 1 warning", warned.OutputLines.Last());

            _repo.Write("schemas/contracts.settings.json", "{'lint': {'CTR4003': 'error'}}");
            var failed = _repo.Run("lint", "--format", "msbuild");
            Assert.True(failed.ExitCode == 1, failed.ToString());
            Assert.Equal("schemas/orders/OrderPlaced.v2.avsc(1,1): error CTR4003: subject \"shop.orders.OrderPlaced\" has no \"doc\"; say what happened (event) or what is asked (command) and who sends it", failed.OutputLines.Single());
        }

        [Fact]
        public void help_explains_each_command()
        {
            foreach (var command in new[] { "check", "lock", "lint" })
            {
                var result = _repo.Run(command, "--help");
                Assert.True(result.ExitCode == 0, result.ToString());
                Assert.Contains("--schemas", result.Output);
                Assert.Contains("Exit codes:", result.Output);
                Assert.Contains("Examples:", result.Output);
            }
            var root = _repo.Run("--help");
            Assert.Contains("contracts check", root.Output);
            Assert.Contains("0 clean, 1 violations found, 2 usage or input error", root.Output);
        }
    }
}
