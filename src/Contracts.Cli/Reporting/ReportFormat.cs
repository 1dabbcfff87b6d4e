using System;
using System.IO;

namespace Contracts.Cli.Reporting
{
    /// <summary>The output formats of <c>check</c> and <c>lint</c>.</summary>
    internal static class ReportFormat
    {
        public static readonly string[] Names = { "text", "json", "sarif", "github", "msbuild" };

        public const string Description = "Output: text (for people), json, sarif (2.1.0, for code scanning), github (workflow annotations) or msbuild (path(line,col): error CTR...: message).";

        /// <summary>Writes <paramref name="report"/> in <paramref name="format"/>.</summary>
        public static void Write(string format, Report report, TextWriter output, bool color)
        {
            switch (format)
            {
                case "json": JsonReportWriter.Write(report, output); break;
                case "sarif": SarifReportWriter.Write(report, output); break;
                case "github": GitHubReportWriter.Write(report, output); break;
                case "msbuild": MsBuildReportWriter.Write(report, output); break;
                default: TextReportWriter.Write(report, output, color); break;
            }
        }

        /// <summary>Colour only for people: text to a terminal, and NO_COLOR unset (https://no-color.org).</summary>
        public static bool UseColor(string format, string? outputFile, TextWriter output)
            => format == "text"
               && outputFile is null
               && ReferenceEquals(output, Console.Out)
               && !Console.IsOutputRedirected
               && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    }
}
