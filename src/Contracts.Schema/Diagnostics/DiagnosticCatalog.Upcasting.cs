namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>Category of generator and upcaster diagnostics (<c>CTR5xxx</c>).</summary>
        public const string UpcastingCategory = "Contracts.Upcasting";

        /// <summary>CTR5001: a version step the schemas do not determine has no hand-written upcaster.</summary>
        public const string UpcastStepMissing = "CTR5001";

        static partial void RegisterUpcastingRules()
        {
            Add(UpcastStepMissing, "Hand-written upcast step missing", UpcastingCategory);
        }
    }
}
