namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>A JSON schema changed kind.</summary>
        public const string JsonSchemaTypeChanged = "CTR2101";

        static partial void RegisterJsonSchemaCompatibilityRules()
        {
            Add(JsonSchemaTypeChanged, "JSON Schema type changed", CompatibilityCategory);
        }
    }
}
