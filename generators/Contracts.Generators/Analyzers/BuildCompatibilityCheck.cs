using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// What the build reports about a set of schema files: every incompatibility of every subject under its mode
    /// (accepted breaks as information, stale entries as warnings, unreadable accepted-breaks files), and, when a
    /// <c>schemas.lock.json</c> is among the files, every published version that was edited, deleted or renumbered.
    /// It only calls the engine <c>contracts check</c> calls (<see cref="RepositoryCompatibility"/>,
    /// <see cref="PublishedVersions"/>); the messages carry the fix hint, since a build line has no second line.
    /// </summary>
    /// <remarks>
    /// Results are cached by content: the compiler analyzes a new compilation on every C# edit in an IDE, and
    /// while the schema texts are unchanged the check is not run again.
    /// </remarks>
    internal static class BuildCompatibilityCheck
    {
        private const int CacheSize = 4;
        private static readonly LinkedList<(SchemaFileText[] Inputs, ImmutableArray<SchemaDiagnostic> Result)> Cache = new LinkedList<(SchemaFileText[], ImmutableArray<SchemaDiagnostic>)>();

        /// <summary>True for an additional file the check reads.</summary>
        public static bool IsInput(string path)
            => SchemaRepository.IsSchemaFile(path) || SchemaRepository.IsSettingsFile(path) || AcceptedBreaks.IsAcceptedBreaksFile(path) || IsLockFile(path)
                || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase); // a file a JSON Schema $ref may name

        /// <summary>The diagnostics for these files (ordered by path), from the cache when the same texts were checked before.</summary>
        public static ImmutableArray<SchemaDiagnostic> Run(IReadOnlyList<SchemaFileText> files)
        {
            var inputs = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
            lock (Cache)
            {
                for (var node = Cache.First; node is not null; node = node.Next)
                {
                    if (!SameInputs(node.Value.Inputs, inputs)) continue;
                    Cache.Remove(node);
                    Cache.AddFirst(node);
                    return node.Value.Result;
                }
            }
            var result = Check(inputs);
            lock (Cache)
            {
                Cache.AddFirst((inputs, result));
                while (Cache.Count > CacheSize) Cache.RemoveLast();
            }
            return result;
        }

        private static ImmutableArray<SchemaDiagnostic> Check(SchemaFileText[] inputs)
        {
            // Load parses only schema and settings files; the others are there for $refs to resolve against.
            var repository = SchemaRepository.Load(inputs);
            var accepted = AcceptedBreaks.ParseAll(inputs.Where(f => AcceptedBreaks.IsAcceptedBreaksFile(f.Path)));
            var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in inputs) byPath[file.Path.Replace('\\', '/')] = file.Text;
            var diagnostics = new List<SchemaDiagnostic>(accepted.Diagnostics);
            foreach (var finding in RepositoryCompatibility.Check(repository, accepted, JsonSchemaPolicy.Strict, path => byPath.TryGetValue(path, out var text) ? text : null, parallel: false))
            {
                diagnostics.Add(WithHint(finding));
            }
            // The root-most lock file is the repository's (contracts check reads <schemas>/schemas.lock.json).
            var lockFile = inputs.Where(f => IsLockFile(f.Path)).OrderBy(f => f.Path.Length).FirstOrDefault();
            if (lockFile is not null) diagnostics.AddRange(VerifyLock(lockFile, repository));
            return diagnostics.ToImmutableArray();
        }

        private static IEnumerable<SchemaDiagnostic> VerifyLock(SchemaFileText lockFile, SchemaRepositoryResult repository)
        {
            var problems = new List<SchemaDiagnostic>();
            var locked = SchemaLockFile.Parse(lockFile.Text, lockFile.Path, problems);
            if (locked is null) return problems.Select(p => p.Location.Path.Length == 0 ? p with { Location = p.Location.WithPath(lockFile.Path) } : p);
            // The lock names files relative to its own folder (a deleted version's file, for one): place them there.
            var folder = FolderOf(lockFile.Path);
            return PublishedVersions.Verify(locked, repository, SchemaLockFile.FileName, baselineIsLock: true)
                .Select(d => IsRooted(d.Location.Path) ? d : d with { Location = d.Location.WithPath(folder + d.Location.Path) });
        }

        private static SchemaDiagnostic WithHint(CompatibilityFinding finding)
        {
            var d = finding.Diagnostic;
            if (finding.AcceptedBy is { } entry)
            {
                return d with { Message = $"{d.Message}; accepted by the entry at {entry.Location}: \"{entry.Reason}\" (reviewed by {entry.ReviewedBy}, {entry.Date})" };
            }
            return finding.Fix is null ? d : d with { Message = $"{d.Message}; fix: {finding.Fix}" };
        }

        private static bool SameInputs(SchemaFileText[] a, SchemaFileText[] b)
        {
            if (a.Length != b.Length) return false;
            for (var i = 0; i < a.Length; i++)
            {
                if (!string.Equals(a[i].Path, b[i].Path, StringComparison.Ordinal) || !string.Equals(a[i].Text, b[i].Text, StringComparison.Ordinal)) return false;
            }
            return true;
        }

        private static bool IsLockFile(string path) => path.Replace('\\', '/').EndsWith("/" + SchemaLockFile.FileName, StringComparison.OrdinalIgnoreCase) || string.Equals(path, SchemaLockFile.FileName, StringComparison.OrdinalIgnoreCase);

        private static string FolderOf(string path)
        {
            var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return slash < 0 ? "" : path.Substring(0, slash + 1);
        }

        private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');
    }
}
