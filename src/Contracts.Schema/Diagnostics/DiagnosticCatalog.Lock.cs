namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>CTR2801: a published (locked) version was edited.</summary>
        public const string PublishedVersionEdited = "CTR2801";
        /// <summary>CTR2802: a published version's file was deleted.</summary>
        public const string PublishedVersionDeleted = "CTR2802";
        /// <summary>CTR2803: a published version was renumbered.</summary>
        public const string VersionRenumbered = "CTR2803";
        /// <summary>CTR2804: a published subject disappeared (renamed without an alias, or deleted).</summary>
        public const string SubjectRemoved = "CTR2804";
        /// <summary>CTR2805: a published subject was renamed, with the old name as an alias (information).</summary>
        public const string SubjectRenamed = "CTR2805";
        /// <summary>CTR2806: the lock file does not match the schemas.</summary>
        public const string LockStale = "CTR2806";
        /// <summary>CTR2807: the lock file cannot be read.</summary>
        public const string InvalidLockFile = "CTR2807";
        /// <summary>CTR2808: a version or subject is new since the baseline (information).</summary>
        public const string VersionAdded = "CTR2808";

        static partial void RegisterLockRules()
        {
            Add(PublishedVersionEdited, "Published version edited", CompatibilityCategory);
            Add(PublishedVersionDeleted, "Published version deleted", CompatibilityCategory);
            Add(VersionRenumbered, "Published version renumbered", CompatibilityCategory);
            Add(SubjectRemoved, "Published subject removed", CompatibilityCategory);
            Add(SubjectRenamed, "Published subject renamed with an alias", CompatibilityCategory, DiagnosticSeverity.Info);
            Add(LockStale, "Lock file is stale", CompatibilityCategory);
            Add(InvalidLockFile, "Lock file cannot be read", CompatibilityCategory);
            Add(VersionAdded, "New version or subject", CompatibilityCategory, DiagnosticSeverity.Info);
        }
    }
}
