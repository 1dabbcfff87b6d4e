using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>Rule ids, messages and fixes for incompatible JSON Schema changes.</summary>
    public static class JsonSchemaRules
    {
        /// <summary>The issue reported for an incompatible change.</summary>
        public static CompatibilityIssue ToIssue(JsonSchemaChange change)
        {
            return new CompatibilityIssue(
                RuleIdOf(change.Kind) ?? DiagnosticCatalog.JsonSchemaTypeChanged,
                change.Kind.ToString(),
                "",
                change.UpdatePointer,
                change.OriginalPointer,
                change.UpdateLocation,
                change.OriginalLocation,
                change.UpdateNode.ToShortJson(),
                change.OriginalNode.ToShortJson());
        }

        /// <summary>The rule id of a kind that can be incompatible, or null for kinds that never are.</summary>
        public static string? RuleIdOf(JsonSchemaChangeKind kind) => null;
    }
}
