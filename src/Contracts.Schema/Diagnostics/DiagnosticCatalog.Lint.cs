namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>CTR4001: a named type is not PascalCase.</summary>
        public const string LintTypeNaming = "CTR4001";
        /// <summary>CTR4002: a field name does not follow the field naming convention.</summary>
        public const string LintFieldNaming = "CTR4002";
        /// <summary>CTR4003: a subject has no doc.</summary>
        public const string LintSubjectDoc = "CTR4003";
        /// <summary>CTR4004: a field has no doc.</summary>
        public const string LintFieldDoc = "CTR4004";
        /// <summary>CTR4005: a subject has no namespace.</summary>
        public const string LintNamespace = "CTR4005";
        /// <summary>CTR4006: an enum symbol does not follow the symbol naming convention.</summary>
        public const string LintSymbolNaming = "CTR4006";
        /// <summary>CTR4007: a partition or idempotency key field is optional.</summary>
        public const string LintKeyRequired = "CTR4007";
        /// <summary>CTR4008: an event is not named in the past tense.</summary>
        public const string LintEventTense = "CTR4008";
        /// <summary>CTR4009: a command is named in the past tense.</summary>
        public const string LintCommandMood = "CTR4009";

        static partial void RegisterLintRules()
        {
            Add(LintTypeNaming, "Type name is not PascalCase", LintCategory, DiagnosticSeverity.Warning);
            Add(LintFieldNaming, "Field name does not follow the naming convention", LintCategory, DiagnosticSeverity.Warning);
            Add(LintSubjectDoc, "Subject has no documentation", LintCategory, DiagnosticSeverity.Warning);
            Add(LintFieldDoc, "Field has no documentation", LintCategory, DiagnosticSeverity.Info);
            Add(LintNamespace, "Subject has no namespace", LintCategory, DiagnosticSeverity.Warning);
            Add(LintSymbolNaming, "Enum symbol does not follow the naming convention", LintCategory, DiagnosticSeverity.Warning);
            Add(LintKeyRequired, "Key field is optional", LintCategory, DiagnosticSeverity.Error);
            Add(LintEventTense, "Event not named in the past tense", LintCategory, DiagnosticSeverity.Warning);
            Add(LintCommandMood, "Command named in the past tense", LintCategory, DiagnosticSeverity.Warning);
        }
    }
}
