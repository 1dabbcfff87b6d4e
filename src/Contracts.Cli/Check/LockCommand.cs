using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Contracts.Cli.Reporting;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;

namespace Contracts.Cli.Check
{
    /// <summary><c>contracts lock</c>: records every version's fingerprint in <c>schemas.lock.json</c>.</summary>
    internal static class LockCommand
    {
        public const string Summary = "Write schemas.lock.json: every subject's versions with their fingerprints, kind and mode.";

        public const string Details = @"Writes <schemas>/schemas.lock.json, sorted and stably formatted so its diff reads well in review.
Commit it with every new version: 'contracts check' then fails when a locked (published) version is
edited, deleted or renumbered, and when the lock is stale (a version or subject missing from it, or
a subject's kind or mode changed). Whitespace, comment or 'doc'-only edits keep the fingerprint
(it is taken over the canonical form) and pass.

The lock is not written while a schema has errors.

Exit codes: 0 written (or already up to date), 1 a schema has errors (listed; nothing written),
2 usage or input error.

Examples:
  contracts lock
  contracts lock --schemas schemas";

        public static Command Create(TextWriter output, TextWriter error)
        {
            var schemas = CommonOptions.Schemas();
            var command = new Command("lock", Summary) { schemas };
            command.SetAction(parsed => CommonOptions.Guard(error, () => Run(parsed.GetValue(schemas)!, output, error)));
            return command;
        }

        private static int Run(string schemasPath, TextWriter output, TextWriter error)
        {
            var folder = SchemasFolder.Read(schemasPath);
            var paths = new DisplayPaths(folder.FullPath);
            var repository = SchemaRepository.Load(folder.Files);
            foreach (var diagnostic in repository.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
            {
                var f = paths.From(diagnostic);
                error.WriteLine($"{f.Path}:{f.Line}:{f.Column}: {f.SeverityName} {f.RuleId}: {f.Message}");
            }
            var lockPath = paths.Show(folder.LockPath);
            if (repository.HasErrors)
            {
                error.WriteLine($"error: {lockPath} was not written: fix the schema errors above first");
                return ContractsCli.CheckFailed;
            }
            var text = SchemaLockFile.From(repository).ToJson();
            var versions = repository.Subjects.Sum(s => s.Versions.Count);
            var counts = $"{repository.Subjects.Count} subject{(repository.Subjects.Count == 1 ? "" : "s")}, {versions} version{(versions == 1 ? "" : "s")}";
            try
            {
                if (File.Exists(folder.LockPath) && File.ReadAllText(folder.LockPath) == text)
                {
                    output.WriteLine($"{lockPath} is up to date ({counts}).");
                    return ContractsCli.Success;
                }
                File.WriteAllText(folder.LockPath, text, new System.Text.UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputError($"cannot write {lockPath}: {e.Message}");
            }
            output.WriteLine($"wrote {lockPath} ({counts}).");
            return ContractsCli.Success;
        }
    }
}
