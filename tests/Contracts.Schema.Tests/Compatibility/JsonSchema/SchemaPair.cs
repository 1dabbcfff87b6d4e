using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Json;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>An original (writer) and an update (reader) schema written in a test, and what the engine says about them.</summary>
    internal sealed class SchemaPair
    {
        public SchemaPair(string original, string update, Func<string, JsonNode?>? resolveExternal = null)
        {
            Original = Parse(original, "v1.schema.json");
            Update = Parse(update, "v2.schema.json");
            ResolveExternal = resolveExternal;
        }

        public JsonNode Original { get; }

        public JsonNode Update { get; }

        public Func<string, JsonNode?>? ResolveExternal { get; }

        public static JsonNode Parse(string json, string path)
        {
            var result = JsonParser.Parse(json, path);
            if (result.Root is null) throw new InvalidOperationException(result.Error!.ToString());
            return result.Root;
        }

        public IReadOnlyList<JsonSchemaChange> Diff(JsonSchemaPolicy policy = JsonSchemaPolicy.Strict)
            => JsonSchemaCompatibility.Diff(Original, Update, policy, ResolveExternal);

        /// <summary>BACKWARD: can the update read what the original wrote.</summary>
        public IReadOnlyList<CompatibilityIssue> Issues(JsonSchemaPolicy policy = JsonSchemaPolicy.Strict)
            => JsonSchemaCompatibility.CheckCanRead(reader: Update, writer: Original, policy, ResolveExternal);

        public bool IsCompatible(JsonSchemaPolicy policy = JsonSchemaPolicy.Strict) => Issues(policy).Count == 0;

        /// <summary>The single issue, failing with every change listed when there is not exactly one.</summary>
        public CompatibilityIssue SingleIssue(JsonSchemaPolicy policy = JsonSchemaPolicy.Strict)
        {
            var issues = Issues(policy);
            Assert.True(issues.Count == 1, $"expected one issue, got {issues.Count}: " + string.Join(" | ", Diff(policy)));
            return issues[0];
        }

        public JsonSchemaChange SingleChange(JsonSchemaChangeKind kind, JsonSchemaPolicy policy = JsonSchemaPolicy.Strict)
        {
            var changes = Diff(policy).Where(c => c.Kind == kind).ToList();
            Assert.True(changes.Count == 1, $"expected one {kind}, got: " + string.Join(" | ", Diff(policy)));
            return changes[0];
        }

        public string[] Kinds(JsonSchemaPolicy policy = JsonSchemaPolicy.Strict) => Diff(policy).Select(c => c.Kind.ToString()).ToArray();
    }
}
