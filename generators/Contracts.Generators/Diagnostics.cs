using System.Collections.Concurrent;
using Contracts.Generators.Model;
using Contracts.Schema.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
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
            return new DiagnosticDescriptor(rule.Id, rule.Title, "{0}", rule.Category, Analyzers.Rules.ToRoslyn(key.Item2), isEnabledByDefault: true, helpLinkUri: rule.HelpLink);
        });

        public static Diagnostic Create(DiagnosticInfo info)
        {
            var descriptor = Descriptor(info.Id, info.Severity);
            return Diagnostic.Create(descriptor, LocationOf(info.Location), info.Message);
        }

        /// <summary>A place in a schema (or other additional) file as a Roslyn location: path, span, and line/column (zero-based).</summary>
        public static Location LocationOf(SourceSpan span)
            => Location.Create(
                span.Path,
                new TextSpan(span.Offset, span.Length),
                new LinePositionSpan(new LinePosition(System.Math.Max(0, span.Line - 1), System.Math.Max(0, span.Column - 1)), new LinePosition(System.Math.Max(0, span.EndLine - 1), System.Math.Max(0, span.EndColumn - 1))));
    }
}
