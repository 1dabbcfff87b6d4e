namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>Category of diagnostics on user code that uses generated contracts.</summary>
        public const string UsageCategory = "Contracts.Usage";

        /// <summary>CTR3001: a message handler takes a superseded version of a contract.</summary>
        public const string HandlerTakesOldVersion = "CTR3001";
        /// <summary>CTR3002: a command is published, or an event is sent.</summary>
        public const string DispatchAgainstKind = "CTR3002";
        /// <summary>CTR3003: a contract is created with its partition or idempotency key left out, null or default.</summary>
        public const string MessageKeyLeftDefault = "CTR3003";
        /// <summary>CTR3004: <c>[assembly: ConsumesContract]</c> names a subject that no schema of the project defines.</summary>
        public const string ConsumedSubjectUnknown = "CTR3004";
        /// <summary>CTR3005: a consumed subject's generated handler shell has no business method.</summary>
        public const string HandlerMethodMissing = "CTR3005";
        /// <summary>CTR3006: a subject is consumed in a project that does not reference Contracts.Wolverine.</summary>
        public const string HandlerShellNeedsWolverine = "CTR3006";

        static partial void RegisterUsageRules()
        {
            Add(HandlerTakesOldVersion, "Handler takes a superseded contract version", UsageCategory, DiagnosticSeverity.Warning);
            Add(DispatchAgainstKind, "Command published or event sent", UsageCategory, DiagnosticSeverity.Warning);
            Add(MessageKeyLeftDefault, "Partition or idempotency key left empty", UsageCategory, DiagnosticSeverity.Warning);
            Add(ConsumedSubjectUnknown, "Consumed subject unknown", UsageCategory);
            Add(HandlerMethodMissing, "Business method of a generated handler missing", UsageCategory);
            Add(HandlerShellNeedsWolverine, "Consumed subject without Contracts.Wolverine", UsageCategory);
        }
    }
}
