using Contracts.Schema.Diagnostics;

namespace Contracts.Generators.Model
{
    /// <summary>
    /// A diagnostic to report, kept as values (id, severity, message, path and span) so that it can sit in
    /// the incremental cache; turned into a Roslyn <c>Diagnostic</c> with a location in the schema file only
    /// when reported.
    /// </summary>
    /// <remarks>A value record: safe to cache; holds no <c>Location</c> or other Roslyn objects.</remarks>
    internal sealed record DiagnosticInfo(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Location)
    {
        public static DiagnosticInfo From(SchemaDiagnostic diagnostic) => new DiagnosticInfo(diagnostic.Id, diagnostic.Severity, diagnostic.Message, diagnostic.Location);
    }
}
