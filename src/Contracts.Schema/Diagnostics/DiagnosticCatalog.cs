using System.Collections.Generic;

namespace Contracts.Schema.Diagnostics
{
    /// <summary>What a diagnostic id means: its title, category and default severity.</summary>
    public sealed record DiagnosticRule(string Id, string Title, string Category, DiagnosticSeverity DefaultSeverity)
    {
        /// <summary>The help page of this rule.</summary>
        public string HelpLink => DiagnosticCatalog.HelpLinkFor(Id);
    }

    /// <summary>
    /// Every diagnostic id the product reports, in one catalog. Ranges: <c>CTR1xxx</c> schema shape,
    /// <c>CTR2xxx</c> compatibility (<c>CTR20xx</c> Avro, <c>CTR21xx</c> JSON Schema, <c>CTR28xx</c> published versions, <c>CTR29xx</c> history),
    /// <c>CTR3xxx</c> code usage, <c>CTR4xxx</c> lint, <c>CTR5xxx</c> generator and upcasters. Each id has a page <c>docs/diagnostics/&lt;id&gt;.md</c>.
    /// </summary>
    public static partial class DiagnosticCatalog
    {
        /// <summary>Category of schema-shape diagnostics.</summary>
        public const string SchemaCategory = "Contracts.Schema";

        /// <summary>Category of compatibility diagnostics.</summary>
        public const string CompatibilityCategory = "Contracts.Compatibility";

        /// <summary>Category of lint diagnostics.</summary>
        public const string LintCategory = "Contracts.Lint";

        /// <summary>Where the diagnostics pages live.</summary>
        public const string HelpLinkBase = "https://github.com/contracts-dotnet/contracts/blob/main/docs/diagnostics/";

        private static readonly Dictionary<string, DiagnosticRule> ById = new Dictionary<string, DiagnosticRule>();

        /// <summary>Every rule, in id order.</summary>
        public static IReadOnlyCollection<DiagnosticRule> All
        {
            get
            {
                EnsureRegistered();
                var list = new List<DiagnosticRule>(ById.Values);
                list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
                return list;
            }
        }

        /// <summary>The rule with this id.</summary>
        public static DiagnosticRule Get(string id)
        {
            EnsureRegistered();
            return ById[id];
        }

        /// <summary>The help page of an id.</summary>
        public static string HelpLinkFor(string id) => HelpLinkBase + id + ".md";

        private static bool _registered;

        private static void EnsureRegistered()
        {
            lock (ById)
            {
                if (_registered) return;
                _registered = true;
                RegisterSchemaRules();
                RegisterAvroCompatibilityRules();
                RegisterJsonSchemaCompatibilityRules();
                RegisterLockRules();
                RegisterUsageRules();
                RegisterLintRules();
                RegisterUpcastingRules();
            }
        }

        private static DiagnosticRule Add(string id, string title, string category, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        {
            var rule = new DiagnosticRule(id, title, category, severity);
            ById.Add(id, rule);
            return rule;
        }

        static partial void RegisterSchemaRules();

        static partial void RegisterAvroCompatibilityRules();

        static partial void RegisterJsonSchemaCompatibilityRules();

        static partial void RegisterLockRules();

        static partial void RegisterUsageRules();

        static partial void RegisterLintRules();

        static partial void RegisterUpcastingRules();
    }
}
