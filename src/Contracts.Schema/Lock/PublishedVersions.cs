using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Model;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Lock
{
    /// <summary>
    /// Published versions are immutable: compares the current schemas with a baseline (a lock file, or the
    /// lock computed from a git baseline) and reports edited, deleted and renumbered versions, subjects removed
    /// or renamed, and (against a lock) a lock that no longer matches the schemas.
    /// </summary>
    public static class PublishedVersions
    {
        /// <summary>
        /// Checks <paramref name="current"/> against <paramref name="baseline"/>. <paramref name="baselineName"/> names the
        /// baseline in messages (<c>schemas.lock.json</c>, <c>origin/main</c>). With <paramref name="baselineIsLock"/>,
        /// versions and settings missing from the lock make it stale (an error); otherwise additions are information.
        /// </summary>
        public static IReadOnlyList<SchemaDiagnostic> Verify(SchemaLockFile baseline, SchemaRepositoryResult current, string baselineName, bool baselineIsLock)
        {
            var diagnostics = new List<SchemaDiagnostic>();
            void Report(string id, DiagnosticSeverity severity, string path, string message)
                => diagnostics.Add(new SchemaDiagnostic(id, severity, message, SourceSpan.StartOf(path)));

            foreach (var locked in baseline.Subjects)
            {
                var subject = current.Find(locked.Subject);
                if (subject is null)
                {
                    var renamed = current.Subjects.FirstOrDefault(s => s.Versions.Any(v => v.RootRecord is { } r && r.Aliases.Contains(locked.Subject)));
                    if (renamed is not null)
                    {
                        Report(DiagnosticCatalog.SubjectRenamed, DiagnosticSeverity.Info, renamed.Latest.Path,
                            $"subject \"{locked.Subject}\" (published in {baselineName}) is now \"{renamed.Name}\", which lists it as an alias");
                    }
                    else
                    {
                        Report(DiagnosticCatalog.SubjectRemoved, DiagnosticSeverity.Error, locked.Versions.Count > 0 ? locked.Versions[locked.Versions.Count - 1].Path : baselineName,
                            $"subject \"{locked.Subject}\" is published in {baselineName} but no longer exists; consumers still receive it. Restore it, or if you renamed it, add \"aliases\": [\"{locked.Subject}\"] to the renamed record");
                    }
                    continue;
                }
                foreach (var lockedVersion in locked.Versions)
                {
                    var now = subject.Versions.FirstOrDefault(v => v.Version == lockedVersion.Version);
                    var moved = subject.Versions.FirstOrDefault(v => v.Version != lockedVersion.Version && v.Fingerprint.Sha256 == lockedVersion.Sha256
                        && !locked.Versions.Any(l => l.Version == v.Version && l.Sha256 == v.Fingerprint.Sha256));
                    if (moved is not null)
                    {
                        Report(DiagnosticCatalog.VersionRenumbered, DiagnosticSeverity.Error, moved.Path,
                            $"\"{locked.Subject}\" v{moved.Version} is published v{lockedVersion.Version} (same fingerprint) renumbered; published versions keep their numbers. Restore v{lockedVersion.Version} and add changes as a new version");
                        continue;
                    }
                    if (now is null)
                    {
                        Report(DiagnosticCatalog.PublishedVersionDeleted, DiagnosticSeverity.Error, lockedVersion.Path,
                            $"\"{locked.Subject}\" v{lockedVersion.Version} is published in {baselineName} but its file is gone; published versions are never deleted (data written with them still exists). Restore {lockedVersion.Path}");
                    }
                    else if (now.Fingerprint.Sha256 != lockedVersion.Sha256)
                    {
                        Report(DiagnosticCatalog.PublishedVersionEdited, DiagnosticSeverity.Error, now.Path,
                            $"\"{locked.Subject}\" v{lockedVersion.Version} is published in {baselineName} and its schema changed (fingerprint {Short(lockedVersion.Sha256)} → {Short(now.Fingerprint.Sha256)}); published versions are immutable. Revert the edit and add it as v{subject.Versions.Max(v => v.Version) + 1}");
                    }
                }
                foreach (var added in subject.Versions.Where(v => !locked.Versions.Any(l => l.Version == v.Version)))
                {
                    if (baselineIsLock)
                    {
                        Report(DiagnosticCatalog.LockStale, DiagnosticSeverity.Error, added.Path,
                            $"\"{subject.Name}\" v{added.Version} is not in {baselineName}; run `contracts lock` and commit the lock file with the new version");
                    }
                    else
                    {
                        Report(DiagnosticCatalog.VersionAdded, DiagnosticSeverity.Info, added.Path, $"\"{subject.Name}\" v{added.Version} is new since {baselineName}");
                    }
                }
                if (baselineIsLock && (locked.Kind != subject.Settings.Kind || locked.Mode != subject.Settings.Mode))
                {
                    Report(DiagnosticCatalog.LockStale, DiagnosticSeverity.Error, subject.Latest.Path,
                        $"the settings of \"{subject.Name}\" changed since {baselineName} was written (kind {locked.Kind} → {subject.Settings.Kind}, mode {locked.Mode} → {subject.Settings.Mode}); run `contracts lock`");
                }
            }
            foreach (var subject in current.Subjects.Where(s => baseline.Find(s.Name) is null))
            {
                var isRename = subject.Versions.Any(v => v.RootRecord is { } r && r.Aliases.Any(a => baseline.Find(a) is not null));
                if (baselineIsLock)
                {
                    Report(DiagnosticCatalog.LockStale, DiagnosticSeverity.Error, subject.Latest.Path,
                        $"subject \"{subject.Name}\" is not in {baselineName}; run `contracts lock` and commit the lock file");
                }
                else if (!isRename)
                {
                    Report(DiagnosticCatalog.VersionAdded, DiagnosticSeverity.Info, subject.Latest.Path, $"subject \"{subject.Name}\" is new since {baselineName}");
                }
            }
            return diagnostics;
        }

        private static string Short(string sha) => sha.Length > 12 ? sha.Substring(0, 12) : sha;

        private static bool Contains(this EquatableArray<string> items, string value) => Enumerable.Contains(items, value);
    }
}
