using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Microsoft.CodeAnalysis;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using SchemaSeverity = Contracts.Schema.Diagnostics.DiagnosticSeverity;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// The analyzers' descriptors, built from the one catalog (<see cref="DiagnosticCatalog"/>): id, title, category,
    /// default severity and the help link to <c>docs/diagnostics/&lt;id&gt;.md</c>.
    /// </summary>
    internal static class Rules
    {
        private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> ById = new ConcurrentDictionary<string, DiagnosticDescriptor>();

        /// <summary>Every compatibility id the build reports (CTR2xxx): pair rules, history rules, published versions.</summary>
        public static ImmutableArray<DiagnosticDescriptor> Compatibility { get; } = DiagnosticCatalog.All
            .Where(r => r.Id.StartsWith("CTR2", System.StringComparison.Ordinal))
            .Select(r => For(r.Id))
            .ToImmutableArray();

        /// <summary>CTR3001.</summary>
        public static DiagnosticDescriptor HandlerTakesOldVersion { get; } = Usage(DiagnosticCatalog.HandlerTakesOldVersion,
            "handle the latest {0}; {1} is version {2} of {3}, and older versions are upcast to the latest before a handler sees them");

        /// <summary>CTR3002.</summary>
        public static DiagnosticDescriptor DispatchAgainstKind { get; } = Usage(DiagnosticCatalog.DispatchAgainstKind,
            "{0} is {1} (subject {2}); {3}");

        /// <summary>CTR3003.</summary>
        public static DiagnosticDescriptor MessageKeyLeftDefault { get; } = Usage(DiagnosticCatalog.MessageKeyLeftDefault,
            "{0}.{1} is the {2} of {3} but is {4} here; give it the business value ({5})");

        /// <summary>The descriptor of a catalog id whose message is the whole text (<c>{0}</c>).</summary>
        public static DiagnosticDescriptor For(string id) => ById.GetOrAdd(id, key =>
        {
            var rule = DiagnosticCatalog.Get(key);
            return new DiagnosticDescriptor(rule.Id, rule.Title, "{0}", rule.Category, ToRoslyn(rule.DefaultSeverity), isEnabledByDefault: true, helpLinkUri: rule.HelpLink);
        });

        private static DiagnosticDescriptor Usage(string id, string format)
        {
            var rule = DiagnosticCatalog.Get(id);
            return new DiagnosticDescriptor(rule.Id, rule.Title, format, rule.Category, ToRoslyn(rule.DefaultSeverity), isEnabledByDefault: true, helpLinkUri: rule.HelpLink);
        }

        public static RoslynSeverity ToRoslyn(SchemaSeverity severity) => severity switch
        {
            SchemaSeverity.Error => RoslynSeverity.Error,
            SchemaSeverity.Warning => RoslynSeverity.Warning,
            _ => RoslynSeverity.Info,
        };
    }
}
