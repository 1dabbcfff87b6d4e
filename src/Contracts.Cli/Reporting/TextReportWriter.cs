using System.IO;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Reporting
{
    /// <summary>The human format: <c>path:line:col: error CTR2001: message</c>, then the fix, then a summary.</summary>
    internal static class TextReportWriter
    {
        private const string Reset = "\u001b[0m";

        public static void Write(Report report, TextWriter output, bool color)
        {
            foreach (var finding in report.Findings)
            {
                var severity = finding.SeverityName;
                if (color) severity = ColorOf(finding.Severity) + severity + Reset;
                output.WriteLine($"{finding.Path}:{finding.Line}:{finding.Column}: {severity} {finding.RuleId}: {finding.Message}");
                if (finding.Fix is not null) output.WriteLine($"    fix: {finding.Fix}");
                if (finding.Note is not null) output.WriteLine($"    {finding.Note}");
            }
            output.WriteLine(report.Summary);
        }

        private static string ColorOf(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "\u001b[31m",
            DiagnosticSeverity.Warning => "\u001b[33m",
            _ => "\u001b[36m",
        };
    }
}
