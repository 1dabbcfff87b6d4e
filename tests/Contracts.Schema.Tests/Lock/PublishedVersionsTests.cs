using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Tests.Lock
{
    public class PublishedVersionsTests
    {
        private const string V1 = "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"orderId\",\"type\":\"string\"}]}";
        private const string V2 = "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"orderId\",\"type\":\"string\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

        private static SchemaRepositoryResult Repo(params (string Path, string Text)[] files) => SchemaRepository.Load(files.Select(f => new SchemaFileText(f.Path, f.Text)));

        private static SchemaLockFile LockOf(params (string, string)[] files) => SchemaLockFile.From(Repo(files));

        private static string[] Ids(IReadOnlyList<SchemaDiagnostic> diagnostics) => diagnostics.Select(d => d.Id).ToArray();

        [Fact]
        public void the_lock_file_round_trips_and_is_sorted_and_stable()
        {
            var repo = Repo(("b/Zeta.v1.avsc", V1.Replace("OrderPlaced", "Zeta")), ("OrderPlaced.v1.avsc", V1), ("OrderPlaced.v2.avsc", V2));
            var text = SchemaLockFile.From(repo).ToJson();
            Assert.True(text.IndexOf("shop.OrderPlaced") < text.IndexOf("shop.Zeta"));
            Assert.EndsWith("}\n", text);
            Assert.DoesNotContain("\r", text);
            var diagnostics = new List<SchemaDiagnostic>();
            var parsed = SchemaLockFile.Parse(text, "schemas.lock.json", diagnostics);
            Assert.Empty(diagnostics);
            Assert.Equal(SchemaLockFile.From(repo), parsed);
            Assert.Equal(text, parsed!.ToJson());
        }

        [Fact]
        public void a_matching_lock_passes_and_docs_only_edits_are_allowed()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1));
            var documented = V1.Replace("\"namespace\":\"shop\",", "\"namespace\":\"shop\",\"doc\":\"An order was placed.\",");
            Assert.Empty(PublishedVersions.Verify(lockFile, Repo(("OrderPlaced.v1.avsc", documented)), "schemas.lock.json", baselineIsLock: true));
        }

        [Fact]
        public void an_edit_to_a_locked_version_is_an_error_at_that_file()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1));
            var result = PublishedVersions.Verify(lockFile, Repo(("OrderPlaced.v1.avsc", V2)), "schemas.lock.json", baselineIsLock: true);
            var error = Assert.Single(result);
            Assert.Equal(("CTR2801", DiagnosticSeverity.Error, "OrderPlaced.v1.avsc"), (error.Id, error.Severity, error.Location.Path));
            Assert.Contains("add it as v2", error.Message);
        }

        [Fact]
        public void a_deleted_published_version_is_an_error()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1), ("OrderPlaced.v2.avsc", V2));
            Assert.Equal(new[] { "CTR2802" }, Ids(PublishedVersions.Verify(lockFile, Repo(("OrderPlaced.v1.avsc", V1)), "main", baselineIsLock: false)));
        }

        [Fact]
        public void a_renumbered_version_is_an_error()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1), ("OrderPlaced.v2.avsc", V2));
            var current = Repo(("OrderPlaced.v1.avsc", V1), ("OrderPlaced.v2.avsc", V1.Replace("orderId\",\"type\":\"string\"", "orderId\",\"type\":\"long\"")), ("OrderPlaced.v3.avsc", V2));
            Assert.Contains("CTR2803", Ids(PublishedVersions.Verify(lockFile, current, "main", baselineIsLock: false)));
        }

        [Fact]
        public void a_removed_subject_is_an_error_unless_renamed_with_an_alias()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1));
            var renamedWithoutAlias = V1.Replace("OrderPlaced", "OrderSubmitted");
            Assert.Equal(new[] { "CTR2804", "CTR2808" }, Ids(PublishedVersions.Verify(lockFile, Repo(("OrderSubmitted.v1.avsc", renamedWithoutAlias)), "main", baselineIsLock: false)).OrderBy(x => x));
            var renamedWithAlias = renamedWithoutAlias.Replace("\"namespace\":\"shop\",", "\"namespace\":\"shop\",\"aliases\":[\"shop.OrderPlaced\"],");
            var result = PublishedVersions.Verify(lockFile, Repo(("OrderSubmitted.v1.avsc", renamedWithAlias)), "main", baselineIsLock: false);
            Assert.Equal(new[] { ("CTR2805", DiagnosticSeverity.Info) }, result.Select(d => (d.Id, d.Severity)));
        }

        [Fact]
        public void additions_are_information_against_git_and_make_a_lock_stale()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1));
            var current = Repo(("OrderPlaced.v1.avsc", V1), ("OrderPlaced.v2.avsc", V2));
            Assert.Equal(new[] { ("CTR2808", DiagnosticSeverity.Info) }, PublishedVersions.Verify(lockFile, current, "main", baselineIsLock: false).Select(d => (d.Id, d.Severity)));
            Assert.Equal(new[] { ("CTR2806", DiagnosticSeverity.Error) }, PublishedVersions.Verify(lockFile, current, "schemas.lock.json", baselineIsLock: true).Select(d => (d.Id, d.Severity)));
        }

        [Fact]
        public void a_mode_change_makes_the_lock_stale()
        {
            var lockFile = LockOf(("OrderPlaced.v1.avsc", V1));
            var current = Repo(("OrderPlaced.v1.avsc", V1), ("contracts.settings.json", "{\"compatibility\":\"FULL\"}"));
            Assert.Equal(new[] { "CTR2806" }, Ids(PublishedVersions.Verify(lockFile, current, "schemas.lock.json", baselineIsLock: true)));
        }

        [Theory]
        [InlineData("{ broken", 1)]
        [InlineData("{\"lockVersion\": 7, \"subjects\": {}}", 1)]
        [InlineData("{\"lockVersion\": 1, \"subjects\": {\"a\": {\"format\": \"avro\", \"kind\": \"event\", \"compatibility\": \"BACKWARD\", \"versions\": {\"1\": {\"sha256\": \"x\"}}}}}", 1)]
        public void a_corrupt_lock_file_is_reported_not_trusted(string text, int line)
        {
            var diagnostics = new List<SchemaDiagnostic>();
            Assert.Null(SchemaLockFile.Parse(text, "schemas.lock.json", diagnostics));
            var d = Assert.Single(diagnostics);
            Assert.Equal(("CTR2807", line), (d.Id, d.Location.Line));
            Assert.Contains("contracts lock", d.Message);
        }
    }
}
