namespace Contracts.Generators.CodeFixes
{
    /// <summary>
    /// The ids and diagnostic properties the fixes act on. The ids are catalogued in Contracts.Schema's
    /// <c>DiagnosticCatalog</c>; this assembly does not reference it (code fixes load in the IDE only).
    /// </summary>
    internal static class DiagnosticIds
    {
        /// <summary>A handler takes a superseded contract version.</summary>
        public const string HandlerTakesOldVersion = "CTR3001";

        /// <summary>The business method of a generated handler shell is missing.</summary>
        public const string MissingBusinessMethod = "CTR3005";

        /// <summary>A hand-written upcaster step is missing.</summary>
        public const string MissingUpcaster = "CTR5001";

        /// <summary>CTR3001: the latest version's type (simple name, same namespace as the old one).</summary>
        public const string LatestType = "LatestType";
    }
}
