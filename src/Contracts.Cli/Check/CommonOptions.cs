using System;
using System.CommandLine;
using System.IO;
using Contracts.Cli.Reporting;

namespace Contracts.Cli.Check
{
    /// <summary>The options <c>check</c>, <c>lock</c> and <c>lint</c> share, and how their reports are written.</summary>
    internal static class CommonOptions
    {
        public static Option<string> Schemas() => new Option<string>("--schemas", "-s")
        {
            Description = "The schemas folder (searched recursively for <Name>.v<N>.avsc and <Name>.v<N>.schema.json).",
            DefaultValueFactory = _ => "schemas",
            HelpName = "dir",
        };

        public static Option<string> Format()
        {
            var format = new Option<string>("--format", "-f")
            {
                Description = ReportFormat.Description,
                DefaultValueFactory = _ => "text",
                HelpName = "text|json|sarif|github|msbuild",
            };
            format.AcceptOnlyFromAmong(ReportFormat.Names);
            return format;
        }

        public static Option<string?> Output() => new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file instead of standard output (e.g. results.sarif).",
            HelpName = "file",
        };

        /// <summary>Writes the report where asked; returns 0 or 1 from the findings, or 2 when the file cannot be written.</summary>
        public static int Emit(Report report, string format, string? outputFile, TextWriter output, TextWriter error)
        {
            if (outputFile is null)
            {
                ReportFormat.Write(format, report, output, ReportFormat.UseColor(format, outputFile, output));
            }
            else
            {
                try
                {
                    var directory = Path.GetDirectoryName(Path.GetFullPath(outputFile));
                    if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                    using var file = new StreamWriter(outputFile, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                    ReportFormat.Write(format, report, file, color: false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    error.WriteLine($"error: cannot write '{outputFile}': {e.Message}");
                    return ContractsCli.UsageError;
                }
                // The verdict still reaches the log when the report goes to a file.
                output.WriteLine(report.Summary);
            }
            return report.Failed ? ContractsCli.CheckFailed : ContractsCli.Success;
        }

        /// <summary>Runs a command body; an <see cref="InputError"/> becomes one line on standard error and exit code 2.</summary>
        public static int Guard(TextWriter error, Func<int> body)
        {
            try
            {
                return body();
            }
            catch (InputError e)
            {
                error.WriteLine("error: " + e.Message);
                return ContractsCli.UsageError;
            }
        }
    }
}
