using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Reporting
{
    /// <summary>What one run of <c>contracts check</c> or <c>contracts lint</c> found, in a stable order, and a one-line summary.</summary>
    internal sealed class Report
    {
        public Report(string command, IEnumerable<Finding> findings, string summary)
        {
            Command = command;
            Findings = findings
                .OrderBy(f => f.Path, System.StringComparer.Ordinal)
                .ThenBy(f => f.Line)
                .ThenBy(f => f.Column)
                .ThenBy(f => f.RuleId, System.StringComparer.Ordinal)
                .ToArray();
            Summary = summary;
        }

        /// <summary><c>check</c> or <c>lint</c>.</summary>
        public string Command { get; }

        public IReadOnlyList<Finding> Findings { get; }

        public string Summary { get; }

        public int Count(DiagnosticSeverity severity) => Findings.Count(f => f.Severity == severity);

        /// <summary>Errors fail the run; warnings and information do not.</summary>
        public bool Failed => Findings.Any(f => f.Severity == DiagnosticSeverity.Error);

        /// <summary>"2 errors, 1 warning, 3 info".</summary>
        public string Counts()
        {
            var errors = Count(DiagnosticSeverity.Error);
            var warnings = Count(DiagnosticSeverity.Warning);
            return $"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}, {Count(DiagnosticSeverity.Info)} info";
        }
    }
}
