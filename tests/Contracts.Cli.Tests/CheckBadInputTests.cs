using System.IO;

namespace Contracts.Cli.Tests
{
    /// <summary>Inputs the commands cannot work with: one line on standard error, exit code 2, never a stack trace.</summary>
    public sealed class CheckBadInputTests : System.IDisposable
    {
        private readonly GitRepository _repo = new GitRepository();

        public CheckBadInputTests()
        {
            Schemas.WriteBaseline(_repo);
            _repo.Commit("schemas v1");
        }

        public void Dispose() => _repo.Dispose();

        private static void AssertOneLineError(CliResult result, string expected)
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.Error.TrimEnd('\n', '\r').Split('\n'));
            Assert.StartsWith("error: ", line);
            Assert.Contains(expected, line);
            Assert.DoesNotContain("   at ", result.All);
            Assert.DoesNotContain("Exception", result.All);
            Assert.Equal("", result.Output);
        }

        [Theory]
        [InlineData("check")]
        [InlineData("lock")]
        [InlineData("lint")]
        public void a_missing_schemas_folder(string command)
            => AssertOneLineError(_repo.Run(command, "--schemas", "no-such-folder"), "the schemas folder 'no-such-folder' does not exist");

        [Fact]
        public void a_baseline_ref_that_does_not_exist()
            => AssertOneLineError(_repo.Run("check", "--against", "origin/no-such-branch"), "the baseline 'origin/no-such-branch' is not a branch, tag or commit of this repository");

        [Fact]
        public void an_option_looking_ref()
            => AssertOneLineError(_repo.Run("check", "--against=--output=x"), "is not a git revision");

        [Fact]
        public void a_corrupt_lock_file()
        {
            _repo.Write("schemas/schemas.lock.json", "{'lockVersion': 1, 'subjects': ");
            AssertOneLineError(_repo.Run("check"), "the lock file");
            AssertOneLineError(_repo.Run("check"), "is corrupt");
            _repo.Write("schemas/schemas.lock.json", "{'lockVersion': 1, 'subjects': {'a': {'format': 'avro'}}}");
            AssertOneLineError(_repo.Run("check", "--against", "schemas/schemas.lock.json"), "is corrupt");
        }

        [Fact]
        public void a_missing_lock_file_named_as_baseline()
            => AssertOneLineError(_repo.Run("check", "--against", "gone.lock.json"), "the lock file 'gone.lock.json' does not exist");

        [Fact]
        public void a_schema_that_does_not_parse_at_the_baseline()
        {
            _repo.Write(Schemas.OrderPlacedV2Path, "{'type': 'record', 'name': ");
            _repo.Commit("broken v2 on main");
            _repo.Git("checkout", "-q", "-b", "fix");
            _repo.Write(Schemas.OrderPlacedV2Path, Schemas.OrderPlacedV2Compatible);
            _repo.Commit("fix v2");
            AssertOneLineError(_repo.Run("check", "--against", "main"), "at the baseline main, orders/OrderPlaced.v2.avsc(1,");
        }

        [Fact]
        public void a_git_ref_outside_a_git_repository()
        {
            using var plain = new GitRepository(init: false);
            Schemas.WriteBaseline(plain);
            AssertOneLineError(plain.Run("check", "--against", "main"), "is not inside a git repository");
        }

        [Fact]
        public void an_unknown_format_or_option()
        {
            var result = _repo.Run("check", "--format", "xml");
            Assert.Equal(2, result.ExitCode);
            Assert.DoesNotContain("   at ", result.All);
        }
    }
}
