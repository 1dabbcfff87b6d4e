using System.Collections.Concurrent;
using Contracts.Generators.Model;
using Contracts.Schema.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
using SchemaSeverity = Contracts.Schema.Diagnostics.DiagnosticSeverity;

namespace Contracts.Generators
{
    /// <summary>Turns cached <see cref="DiagnosticInfo"/>s into Roslyn diagnostics located in the schema file; ids and titles come from the one catalog.</summary>
    internal static class Diagnostics
    {
        private static readonly ConcurrentDictionary<(string, SchemaSeverity), DiagnosticDescriptor> Descriptors = new ConcurrentDictionary<(string, SchemaSeverity), DiagnosticDescriptor>();

        /// <summary>The descriptor of a catalog id at its default severity; the message is the one argument.</summary>
        public static DiagnosticDescriptor Descriptor(string id) => Descriptor(id, DiagnosticCatalog.Get(id).DefaultSeverity);

        private static DiagnosticDescriptor Descriptor(string id, SchemaSeverity severity) => Descriptors.GetOrAdd((id, severity), key =>
        {
            var rule = DiagnosticCatalog.Get(key.Item1);
            return new DiagnosticDescriptor(rule.Id, rule.Title, "{0}", rule.Category, ToRoslyn(key.Item2), isEnabledByDefault: true, helpLinkUri: rule.HelpLink);
        });

        public static Diagnostic Create(DiagnosticInfo info)
        {
            var descriptor = Descriptor(info.Id, info.Severity);
            var span = info.Location;
            var location = Location.Create(
                span.Path,
                new TextSpan(span.Offset, span.Length),
                new LinePositionSpan(new LinePosition(span.Line - 1, span.Column - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1)));
            return Diagnostic.Create(descriptor, location, info.Message);
        }

        private static RoslynSeverity ToRoslyn(SchemaSeverity severity) => severity switch
        {
            SchemaSeverity.Error => RoslynSeverity.Error,
            SchemaSeverity.Warning => RoslynSeverity.Warning,
            _ => RoslynSeverity.Info,
        };
    }
}
