using System.IO;
using System.Text;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Reporting
{
    /// <summary>
    /// GitHub Actions workflow commands (<c>::error file=...,line=...,col=...,title=...::message</c>), which GitHub
    /// shows as annotations on the pull request's changed lines. Info becomes a notice.
    /// </summary>
    internal static class GitHubReportWriter
    {
        public static void Write(Report report, TextWriter output)
        {
            foreach (var finding in report.Findings)
            {
                var command = finding.Severity switch
                {
                    DiagnosticSeverity.Error => "error",
                    DiagnosticSeverity.Warning => "warning",
                    _ => "notice",
                };
                var message = new StringBuilder(finding.Message);
                if (finding.Fix is not null) message.Append("\nfix: ").Append(finding.Fix);
                if (finding.Note is not null) message.Append('\n').Append(finding.Note);
                message.Append("\nhelp: ").Append(finding.HelpUri);
                output.WriteLine(
                    $"::{command} file={EscapeProperty(finding.Path)},line={finding.Line},col={finding.Column},endLine={finding.EndLine},endColumn={finding.EndColumn},title={EscapeProperty(finding.RuleId + " " + finding.Title)}::{EscapeData(message.ToString())}");
            }
            output.WriteLine(EscapeData(report.Summary));
        }

        /// <summary>The message part: <c>%</c>, CR and LF are encoded (so a message can span lines).</summary>
        public static string EscapeData(string value)
            => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        /// <summary>A property value: as data, plus <c>:</c> and <c>,</c>, which would end the value.</summary>
        public static string EscapeProperty(string value)
            => EscapeData(value).Replace(":", "%3A").Replace(",", "%2C");
    }
}
