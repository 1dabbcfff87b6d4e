using System.IO;

namespace Contracts.Cli.Reporting
{
    /// <summary>The MSBuild canonical form, which IDEs and build logs turn into clickable errors: <c>path(line,col): error CTR2001: message</c>.</summary>
    internal static class MsBuildReportWriter
    {
        public static void Write(Report report, TextWriter output)
        {
            foreach (var finding in report.Findings)
            {
                var fix = finding.Fix is null ? "" : " Fix: " + finding.Fix;
                var note = finding.Note is null ? "" : " (" + finding.Note + ")";
                output.WriteLine($"{finding.Path}({finding.Line},{finding.Column}): {finding.SeverityName} {finding.RuleId}: {finding.Message}{fix}{note}");
            }
        }
    }
}
