using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Cli.Reporting;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;

namespace Contracts.Cli.Check
{
    /// <summary><c>contracts check</c>: the CI schema gate.</summary>
    internal static class CheckCommand
    {
        public const string Summary = "Check a schemas folder: parse errors, compatibility of every subject's history, and published versions against a baseline (git ref or lock file).";

        public const string Details = @"What is checked:
  - every schema parses and follows the conventions (CTR1xxx);
  - every subject's versions are compatible under its mode from contracts.settings.json (CTR2xxx;
    BACKWARD by default; *_TRANSITIVE modes check each version against every earlier one);
  - published versions are untouched (CTR28xx): against the baseline, an edited version (fingerprint
    changed), a deleted version, a renumbered version, or a subject renamed without an alias fails;
    new versions and subjects are reported as information.

Baseline (--against):
  a git revision    main, origin/main, a tag or a commit; read from git's object store (no checkout).
                    For a pull request: git fetch origin main, then
                    contracts check --against $(git merge-base HEAD origin/main)
  a lock file       --against schemas.lock.json (any path ending in .json).
  (none)            schemas.lock.json in the schemas folder when it exists; a version missing from it
                    (a stale lock) is an error: run 'contracts lock' and commit the lock file.
  With a git revision, the schemas folder's own lock file is checked as well when it exists.

Accepted breaks: every accepted-breaks.json under the schemas folder; a break it lists is reported as
information (with the reason and reviewer) and does not fail the check.

Exit codes: 0 no errors (warnings and information do not fail), 1 errors found,
2 usage or input error (missing folder, unknown revision, corrupt lock file, baseline schema that
does not parse, --against <ref> outside a git repository).

Examples:
  contracts check
  contracts check --schemas schemas --against origin/main
  contracts check --against $(git merge-base HEAD origin/main) --format github
  contracts check --format sarif --output contracts.sarif";

        public static Command Create(TextWriter output, TextWriter error)
        {
            var schemas = CommonOptions.Schemas();
            var against = new Option<string?>("--against", "-a")
            {
                Description = "Baseline: a git revision (main, origin/main, a tag, a commit) or a lock file. Default: <schemas>/schemas.lock.json when it exists.",
                HelpName = "ref|lockfile",
            };
            var format = CommonOptions.Format();
            var outputFile = CommonOptions.Output();
            var policy = new Option<string>("--policy")
            {
                Description = "JSON Schema policy for open content models: strict (Confluent's default) or lenient. Not used for Avro.",
                DefaultValueFactory = _ => "strict",
            };
            policy.AcceptOnlyFromAmong("strict", "lenient");
            var command = new Command("check", Summary) { schemas, against, format, outputFile, policy };
            command.SetAction(parsed => CommonOptions.Guard(error, () =>
            {
                var report = Run(
                    parsed.GetValue(schemas)!,
                    parsed.GetValue(against),
                    parsed.GetValue(policy) == "lenient" ? JsonSchemaPolicy.Lenient : JsonSchemaPolicy.Strict);
                return CommonOptions.Emit(report, parsed.GetValue(format)!, parsed.GetValue(outputFile), output, error);
            }));
            return command;
        }

        /// <summary>Runs the whole check and returns the report; bad input throws <see cref="InputError"/>.</summary>
        public static Report Run(string schemasPath, string? against, JsonSchemaPolicy policy)
        {
            var folder = SchemasFolder.Read(schemasPath);
            var paths = new DisplayPaths(folder.FullPath);
            var findings = new List<Finding>();
            // The baseline (git read and parse) loads on another core while the current schemas load and are checked.
            var gitRevision = against is not null && !IsLockFile(against) ? against : null;
            var baselineTask = gitRevision is null
                ? null
                : Task.Factory.StartNew(
                    () => SchemaRepository.Load(GitBaseline.Read(folder.FullPath, gitRevision)),
                    CancellationToken.None,
                    // Its own thread: it blocks on git's pipes, and a pool thread held that way would starve the parallel check below.
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
            var repository = SchemaRepository.Load(folder.Files);
            findings.AddRange(repository.Diagnostics.Select(d => paths.From(d)));

            var acceptedProblems = new List<SchemaDiagnostic>();
            var accepted = folder.LoadAcceptedBreaks(acceptedProblems);
            findings.AddRange(acceptedProblems.Select(d => paths.From(d)));

            var readFile = folder.FileReader();
            // Subjects are independent: the engine checks them on every core, keeping the subjects' order in the report.
            foreach (var finding in RepositoryCompatibility.Check(repository, accepted, policy, readFile, parallel: true))
            {
                findings.Add(FromFinding(finding, paths));
            }
            var versionsChecked = repository.Subjects.Sum(s => s.Versions.Count);

            var baselines = new List<string>();
            var lockPath = against is not null && IsLockFile(against) ? ResolveLock(against, folder) : (File.Exists(folder.LockPath) ? folder.LockPath : null);
            if (lockPath is not null)
            {
                var locked = ReadLock(lockPath);
                var name = paths.Show(Path.GetFullPath(lockPath));
                findings.AddRange(PublishedVersions.Verify(locked, repository, name, baselineIsLock: true).Select(d => paths.From(d)));
                baselines.Add(name);
            }
            if (baselineTask is not null && gitRevision is not null)
            {
                // GetResult rethrows the InputError itself (not wrapped), so bad input still reads as one line.
                var baseline = baselineTask.GetAwaiter().GetResult();
                var unparsable = FirstUnparsable(baseline);
                if (unparsable is not null)
                {
                    throw new InputError($"at the baseline {gitRevision}, {unparsable.Location.Path}({unparsable.Location.Line},{unparsable.Location.Column}) does not parse: {unparsable.Message}");
                }
                findings.AddRange(PublishedVersions.Verify(SchemaLockFile.From(baseline), repository, gitRevision, baselineIsLock: false).Select(d => paths.From(d)));
                baselines.Add(gitRevision);
            }

            var report = new Report("check", findings, "");
            var subjects = repository.Subjects.Count;
            var what = $"{subjects} subject{(subjects == 1 ? "" : "s")}, {versionsChecked} version{(versionsChecked == 1 ? "" : "s")}";
            var baselineText = baselines.Count == 0 ? "no baseline" : "against " + string.Join(" and ", baselines);
            var verdict = report.Failed ? "FAILED" : "passed";
            return new Report("check", report.Findings, $"contracts check {verdict}: {what} ({baselineText}): {report.Counts()}.");
        }

        /// <summary>A path ending in .json is a lock file; anything else is a git revision (a file that happens to share a branch's name does not change that).</summary>
        private static bool IsLockFile(string against)
            => against.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

        /// <summary>A lock file named relative to the current directory, else relative to the schemas folder.</summary>
        private static string ResolveLock(string against, SchemasFolder folder)
        {
            if (File.Exists(against) || Path.IsPathRooted(against)) return against;
            var inFolder = Path.Combine(folder.FullPath, against);
            return File.Exists(inFolder) ? inFolder : against;
        }

        private static SchemaLockFile ReadLock(string path)
        {
            string text;
            try
            {
                if (!File.Exists(path)) throw new InputError($"the lock file '{path}' does not exist; create it with 'contracts lock'");
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputError($"cannot read the lock file '{path}': {e.Message}");
            }
            var problems = new List<SchemaDiagnostic>();
            var locked = SchemaLockFile.Parse(text, path, problems);
            if (locked is null)
            {
                var first = problems.FirstOrDefault();
                var where = first is null ? path : $"{path}({first.Location.Line},{first.Location.Column})";
                throw new InputError($"the lock file {where} is corrupt: {first?.Message ?? "it cannot be read"}");
            }
            return locked;
        }

        /// <summary>The first error in a baseline schema file that produced no schema (a parse failure), or null.</summary>
        private static SchemaDiagnostic? FirstUnparsable(SchemaRepositoryResult baseline)
        {
            var loaded = new HashSet<string>(baseline.Subjects.SelectMany(s => s.Versions).Select(v => v.Path), StringComparer.Ordinal);
            return baseline.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error
                && SchemaRepository.IsSchemaFile(d.Location.Path)
                && !loaded.Contains(d.Location.Path));
        }

        private static Finding FromFinding(CompatibilityFinding finding, DisplayPaths paths)
        {
            if (finding.AcceptedBy is not { } entry) return paths.From(finding.Diagnostic, fix: finding.Fix);
            var note = $"accepted {finding.AcceptedRuleId}: {entry.Reason} (reviewed by {entry.ReviewedBy}, {entry.Date}; {paths.Show(entry.Location.Path)}:{entry.Location.Line})";
            return paths.From(finding.Diagnostic, note: note);
        }
    }
}
