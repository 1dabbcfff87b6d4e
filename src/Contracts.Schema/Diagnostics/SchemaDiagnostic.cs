namespace Contracts.Schema.Diagnostics
{
    /// <summary>How serious a diagnostic is.</summary>
    public enum DiagnosticSeverity
    {
        /// <summary>Information, e.g. an accepted break.</summary>
        Info,
        /// <summary>A problem that does not stop the build.</summary>
        Warning,
        /// <summary>A problem that must be fixed.</summary>
        Error,
    }

    /// <summary>
    /// One problem found in a schema: a stable id (<c>CTR1xxx</c> schema shape, <c>CTR2xxx</c> compatibility),
    /// a message that says what to change, and where.
    /// </summary>
    public sealed record SchemaDiagnostic(string Id, DiagnosticSeverity Severity, string Message, SourceSpan Location)
    {
        /// <summary><c>path(line,col): error CTR1001: message</c>, the MSBuild form.</summary>
        public override string ToString()
        {
            var severity = Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "info",
            };
            return $"{Location}: {severity} {Id}: {Message}";
        }
    }
}
