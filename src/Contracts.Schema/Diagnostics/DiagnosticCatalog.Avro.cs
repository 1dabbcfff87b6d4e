namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>CTR2001: a reader record field has no default and the writer record has no field it could be read from.</summary>
        public const string ReaderFieldMissingDefault = "CTR2001";
        /// <summary>CTR2002: the reader's type cannot read the writer's type (and no promotion applies).</summary>
        public const string TypeMismatch = "CTR2002";
        /// <summary>CTR2003: a reader record, enum or fixed has another name than the writer's, and no reader alias names it.</summary>
        public const string NameMismatch = "CTR2003";
        /// <summary>CTR2004: reader and writer fixed types have different sizes.</summary>
        public const string FixedSizeMismatch = "CTR2004";
        /// <summary>CTR2005: writer enum symbols the reader enum lacks, and the reader enum has no default.</summary>
        public const string MissingEnumSymbols = "CTR2005";
        /// <summary>CTR2006: a writer type (or writer union branch) that no branch of the reader union can read.</summary>
        public const string MissingUnionBranch = "CTR2006";
        /// <summary>CTR2007: a reader field that matches several writer fields (by its name and its aliases).</summary>
        public const string AmbiguousFieldMatch = "CTR2007";
        /// <summary>CTR2008: schemas whose named types nest too deeply to be checked (compatibility not proven).</summary>
        public const string SchemaTooDeep = "CTR2008";

        /// <summary>CTR2901: an incompatibility accepted by a reviewed entry of the accepted-breaks file (information).</summary>
        public const string AcceptedBreak = "CTR2901";
        /// <summary>CTR2902: an accepted-breaks entry that matches no incompatibility (stale; remove it).</summary>
        public const string StaleAcceptedBreak = "CTR2902";
        /// <summary>CTR2903: an accepted-breaks file that cannot be read (bad JSON, a missing reason or reviewer).</summary>
        public const string InvalidAcceptedBreaks = "CTR2903";

        static partial void RegisterAvroCompatibilityRules()
        {
            Add(ReaderFieldMissingDefault, "Reader field has no default", CompatibilityCategory);
            Add(TypeMismatch, "Reader type cannot read writer type", CompatibilityCategory);
            Add(NameMismatch, "Named type has another name", CompatibilityCategory);
            Add(FixedSizeMismatch, "Fixed size differs", CompatibilityCategory);
            Add(MissingEnumSymbols, "Reader enum lacks writer symbols", CompatibilityCategory);
            Add(MissingUnionBranch, "Reader union lacks a branch for a writer type", CompatibilityCategory);
            Add(AmbiguousFieldMatch, "Reader field matches several writer fields", CompatibilityCategory);
            Add(SchemaTooDeep, "Schemas nest too deeply to be checked", CompatibilityCategory);
            Add(AcceptedBreak, "Incompatibility accepted by a reviewed entry", CompatibilityCategory, DiagnosticSeverity.Info);
            Add(StaleAcceptedBreak, "Accepted break matches no incompatibility", CompatibilityCategory, DiagnosticSeverity.Warning);
            Add(InvalidAcceptedBreaks, "Invalid accepted-breaks file", CompatibilityCategory);
        }
    }
}
