using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Json;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Tests.Compatibility
{
    /// <summary>The one entry point for both formats gives the same verdicts as the per-format checkers.</summary>
    public sealed class SchemaCompatibilityFacadeTests
    {
        [Fact]
        public void avro_pairs_get_the_avro_checkers_issues()
        {
            var writer = SchemaCompatibility.Prepare(SchemaFormat.Avro, "w.avsc", "{\"type\": \"record\", \"name\": \"R\", \"fields\": []}").Schema!;
            var reader = SchemaCompatibility.Prepare(SchemaFormat.Avro, "r.avsc", "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}").Schema!;
            var issues = SchemaCompatibility.CheckCanRead(reader, writer);
            var direct = AvroCompatibility.CheckCanRead(reader.Avro!, writer.Avro!);
            Assert.Equal(direct.Select(i => i.RuleId), issues.Select(i => i.RuleId));
            Assert.Equal("CTR2001", Assert.Single(issues).RuleId);
        }

        [Fact]
        public void json_schema_pairs_follow_the_policy_and_resolve_sibling_files()
        {
            var files = new Dictionary<string, string> { ["Money.json"] = "{\"type\": \"object\", \"properties\": {\"cents\": {\"type\": \"integer\"}}}" };
            var original = SchemaCompatibility.Prepare(SchemaFormat.JsonSchema, "v1.json",
                "{\"type\": \"object\", \"properties\": {\"total\": {\"$ref\": \"Money.json\"}}}", r => files.TryGetValue(r, out var t) ? t : null).Schema!;
            var update = SchemaCompatibility.Prepare(SchemaFormat.JsonSchema, "v2.json",
                "{\"type\": \"object\", \"properties\": {\"total\": {\"$ref\": \"Money.json\"}, \"note\": {\"type\": \"integer\"}}}", r => files.TryGetValue(r, out var t) ? t : null).Schema!;
            var strict = SchemaCompatibility.CheckCanRead(update, original, JsonSchemaPolicy.Strict);
            var lenient = SchemaCompatibility.CheckCanRead(update, original, JsonSchemaPolicy.Lenient);
            Assert.NotEmpty(strict);
            Assert.Empty(lenient);
            var direct = JsonSchemaCompatibility.CheckCanRead(update.Document!, original.Document!, JsonSchemaPolicy.Strict,
                r => files.TryGetValue(r, out var t) ? JsonParser.Parse(t, r).Root : null);
            Assert.Equal(direct.Select(i => i.RuleId), strict.Select(i => i.RuleId));
        }

        [Fact]
        public void a_repository_subject_is_checked_under_its_mode()
        {
            var repository = SchemaRepository.Load(new[]
            {
                new SchemaFileText("orders/OrderPlaced.v1.avsc", "{\"type\": \"record\", \"name\": \"OrderPlaced\", \"namespace\": \"shop\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}]}"),
                new SchemaFileText("orders/OrderPlaced.v2.avsc", "{\"type\": \"record\", \"name\": \"OrderPlaced\", \"namespace\": \"shop\", \"fields\": [{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"n\", \"type\": \"int\"}]}"),
            });
            var history = SchemaCompatibility.CheckHistory(repository.Subjects.Single());
            Assert.False(history.IsCompatible);
            Assert.Equal("CTR2001", Assert.Single(history.Issues).Issue.RuleId);
        }

        [Fact]
        public void invalid_text_returns_diagnostics_not_a_schema()
        {
            var result = SchemaCompatibility.Prepare(SchemaFormat.JsonSchema, "bad.json", "{");
            Assert.Null(result.Schema);
            Assert.NotEmpty(result.Diagnostics);
        }
    }
}
