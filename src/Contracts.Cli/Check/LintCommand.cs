using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Contracts.Cli.Reporting;
using Contracts.Schema.Lint;
using Contracts.Schema.Repository;

namespace Contracts.Cli.Check
{
    /// <summary><c>contracts lint</c>: the style rules (CTR4xxx) over every subject's newest version.</summary>
    internal static class LintCommand
    {
        public const string Summary = "Lint a schemas folder: naming, docs, namespaces, key fields, event/command naming (CTR4xxx).";

        public const string Details = @"Lints the newest version of every subject (published versions cannot change). Parse errors
(CTR1xxx) are reported too. Each rule's severity (off, info, warning, error) and the naming
conventions are set per folder in contracts.settings.json:
  ""lint"": { ""fieldNaming"": ""camelCase"", ""symbolNaming"": ""UPPER_SNAKE_CASE"", ""CTR4004"": ""off"" }

Exit codes: 0 no errors (warnings and information do not fail), 1 errors found, 2 usage or input error.

Examples:
  contracts lint
  contracts lint --schemas schemas --format github";

        public static Command Create(TextWriter output, TextWriter error)
        {
            var schemas = CommonOptions.Schemas();
            var format = CommonOptions.Format();
            var outputFile = CommonOptions.Output();
            var command = new Command("lint", Summary) { schemas, format, outputFile };
            command.SetAction(parsed => CommonOptions.Guard(error, () =>
                CommonOptions.Emit(Run(parsed.GetValue(schemas)!), parsed.GetValue(format)!, parsed.GetValue(outputFile), output, error)));
            return command;
        }

        public static Report Run(string schemasPath)
        {
            var folder = SchemasFolder.Read(schemasPath);
            var paths = new DisplayPaths(folder.FullPath);
            var repository = SchemaRepository.Load(folder.Files);
            var findings = new List<Finding>(repository.Diagnostics.Select(d => paths.From(d)));
            findings.AddRange(SchemaLinter.Lint(repository).Select(d => paths.From(d)));
            var report = new Report("lint", findings, "");
            var subjects = repository.Subjects.Count;
            return new Report("lint", report.Findings,
                $"contracts lint {(report.Failed ? "FAILED" : "passed")}: {subjects} subject{(subjects == 1 ? "" : "s")}: {report.Counts()}.");
        }
    }
}
