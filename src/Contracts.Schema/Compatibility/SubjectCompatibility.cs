using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Compatibility
{
    /// <summary>
    /// A per-format pair check: every reason why <paramref name="reader"/> cannot read data written with
    /// <paramref name="writer"/>; empty when it can. Avro: <c>AvroCompatibility.Checker</c>; JSON Schema
    /// plugs in the same way (<c>(r, w) =&gt; JsonSchemaCompatibility.CheckCanRead(r, w, policy, resolve)</c>).
    /// </summary>
    public delegate IReadOnlyList<CompatibilityIssue> CanReadCheck<in TSchema>(TSchema reader, TSchema writer);

    /// <summary>One version of a subject.</summary>
    /// <param name="Version">The version number (1, 2, 3...).</param>
    /// <param name="Schema">The parsed schema.</param>
    public sealed record SubjectVersion<TSchema>(int Version, TSchema Schema);

    /// <summary>Which way data flows in a failed check.</summary>
    public enum CompatibilityDirection
    {
        /// <summary>The newer version reads data written with the older one.</summary>
        Backward,
        /// <summary>The older version reads data written with the newer one.</summary>
        Forward,
    }

    /// <summary>An incompatibility found between two versions of a subject, and why it matters.</summary>
    /// <param name="Issue">What is incompatible and where.</param>
    /// <param name="Subject">The subject.</param>
    /// <param name="CandidateVersion">The version under check.</param>
    /// <param name="OtherVersion">The earlier version it was checked against.</param>
    /// <param name="Direction">Backward: the candidate is the reader; forward: the candidate is the writer.</param>
    /// <param name="Mode">The subject's mode, which made this check required.</param>
    /// <param name="AcceptedBy">The reviewed entry that accepts it, or null.</param>
    public sealed record VersionedIssue(CompatibilityIssue Issue, string Subject, int CandidateVersion, int OtherVersion, CompatibilityDirection Direction, CompatibilityMode Mode, AcceptedBreak? AcceptedBy)
    {
        /// <summary>The version whose schema reads.</summary>
        public int ReaderVersion => Direction == CompatibilityDirection.Backward ? CandidateVersion : OtherVersion;

        /// <summary>The version whose data is read.</summary>
        public int WriterVersion => Direction == CompatibilityDirection.Backward ? OtherVersion : CandidateVersion;

        /// <summary>True when a reviewed entry accepts it: it is then information, not an error.</summary>
        public bool IsAccepted => AcceptedBy is not null;

        /// <summary>Error, or Info when accepted.</summary>
        public DiagnosticSeverity Severity => IsAccepted ? DiagnosticSeverity.Info : DiagnosticSeverity.Error;

        /// <summary>The rule id to report: the issue's, or <c>CTR2901</c> when accepted.</summary>
        public string ReportedId => IsAccepted ? DiagnosticCatalog.AcceptedBreak : Issue.RuleId;

        /// <summary>The place in the candidate's file (falling back to the other file).</summary>
        public SourceSpan? CandidateLocation => Direction == CompatibilityDirection.Backward
            ? Issue.ReaderLocation ?? Issue.WriterLocation
            : Issue.WriterLocation ?? Issue.ReaderLocation;

        /// <summary>
        /// The issue's fix, with a note in the forward direction: there the reader is the earlier version,
        /// already published, so the candidate is what changes.
        /// </summary>
        public string Fix => Direction == CompatibilityDirection.Backward
            ? Issue.Fix
            : $"{Issue.Fix} (the reader here is v{ReaderVersion}, already published: change v{CandidateVersion} so that v{ReaderVersion} can read it)";

        /// <summary>The requirement that failed, e.g. <c>BACKWARD: v3 must read data written with v2</c>.</summary>
        public string Requirement => $"{Mode.ToConfluentName()}: v{ReaderVersion} must read data written with v{WriterVersion}";
    }

    /// <summary>The verdict on one candidate version.</summary>
    public sealed class SubjectCompatibilityResult
    {
        internal SubjectCompatibilityResult(string subject, int candidateVersion, CompatibilityMode mode, IReadOnlyList<int> checkedAgainst, IReadOnlyList<VersionedIssue> issues, IReadOnlyList<AcceptedBreak> staleEntries)
        {
            Subject = subject;
            CandidateVersion = candidateVersion;
            Mode = mode;
            CheckedAgainst = checkedAgainst;
            Issues = issues;
            StaleEntries = staleEntries;
        }

        /// <summary>The subject.</summary>
        public string Subject { get; }

        /// <summary>The version under check.</summary>
        public int CandidateVersion { get; }

        /// <summary>The mode applied.</summary>
        public CompatibilityMode Mode { get; }

        /// <summary>The earlier versions the candidate was checked against, newest first.</summary>
        public IReadOnlyList<int> CheckedAgainst { get; }

        /// <summary>Every incompatibility found, accepted ones included.</summary>
        public IReadOnlyList<VersionedIssue> Issues { get; }

        /// <summary>Incompatibilities no reviewed entry accepts.</summary>
        public IReadOnlyList<VersionedIssue> Errors => Issues.Where(i => !i.IsAccepted).ToArray();

        /// <summary>Incompatibilities a reviewed entry accepts (reported as information).</summary>
        public IReadOnlyList<VersionedIssue> Accepted => Issues.Where(i => i.IsAccepted).ToArray();

        /// <summary>Accepted-breaks entries for this candidate that matched nothing (reported as warnings, <c>CTR2902</c>).</summary>
        public IReadOnlyList<AcceptedBreak> StaleEntries { get; }

        /// <summary>True when no incompatibility remains that is not accepted.</summary>
        public bool IsCompatible => Issues.All(i => i.IsAccepted);

        /// <summary>The stale entries as warnings located in the accepted-breaks file.</summary>
        public IReadOnlyList<SchemaDiagnostic> StaleWarnings => SubjectCompatibility.StaleWarnings(StaleEntries);
    }

    /// <summary>The verdict on every version of a subject against its predecessors.</summary>
    public sealed class SubjectHistoryResult
    {
        internal SubjectHistoryResult(string subject, CompatibilityMode mode, IReadOnlyList<SubjectCompatibilityResult> versions, IReadOnlyList<AcceptedBreak> staleEntries)
        {
            Subject = subject;
            Mode = mode;
            Versions = versions;
            StaleEntries = staleEntries;
        }

        /// <summary>The subject.</summary>
        public string Subject { get; }

        /// <summary>The mode applied.</summary>
        public CompatibilityMode Mode { get; }

        /// <summary>One result per version from the second on, oldest first.</summary>
        public IReadOnlyList<SubjectCompatibilityResult> Versions { get; }

        /// <summary>Every issue of every version.</summary>
        public IReadOnlyList<VersionedIssue> Issues => Versions.SelectMany(v => v.Issues).ToArray();

        /// <summary>Entries for this subject that matched nothing in any version.</summary>
        public IReadOnlyList<AcceptedBreak> StaleEntries { get; }

        /// <summary>True when every version is compatible under the mode (accepted breaks allowed).</summary>
        public bool IsCompatible => Versions.All(v => v.IsCompatible);

        /// <summary>The stale entries as warnings located in the accepted-breaks file.</summary>
        public IReadOnlyList<SchemaDiagnostic> StaleWarnings => SubjectCompatibility.StaleWarnings(StaleEntries);
    }

    /// <summary>
    /// The history/mode layer: applies a subject's <see cref="CompatibilityMode"/> (Confluent Schema
    /// Registry's meaning) to its versions with any format's pair check, and applies accepted breaks.
    /// </summary>
    public static class SubjectCompatibility
    {
        /// <summary>
        /// Checks the last version (the candidate) against the earlier ones that <paramref name="mode"/>
        /// names: the previous one, or every one for the transitive modes.
        /// </summary>
        /// <param name="subject">The subject (used to match accepted breaks and in messages).</param>
        /// <param name="versions">The subject's versions, oldest first; the last one is the candidate.</param>
        /// <param name="mode">The subject's mode.</param>
        /// <param name="canRead">The format's pair check.</param>
        /// <param name="acceptedBreaks">Reviewed breaks, or null for none.</param>
        public static SubjectCompatibilityResult CheckCandidate<TSchema>(string subject, IReadOnlyList<SubjectVersion<TSchema>> versions, CompatibilityMode mode, CanReadCheck<TSchema> canRead, AcceptedBreaks? acceptedBreaks = null)
        {
            Validate(subject, versions, canRead);
            if (versions.Count == 0) throw new ArgumentException("a history needs at least one version", nameof(versions));
            var entries = Relevant(acceptedBreaks, subject);
            var used = new HashSet<AcceptedBreak>();
            var result = CheckAt(subject, versions, versions.Count - 1, mode, canRead, entries, used);
            var candidate = versions[versions.Count - 1].Version;
            var stale = entries.Where(e => e.Version == candidate && !used.Contains(e)).ToArray();
            return new SubjectCompatibilityResult(subject, candidate, mode, result.CheckedAgainst, result.Issues, stale);
        }

        /// <summary>Checks the last schema of <paramref name="schemasOldestFirst"/>, numbering the versions 1, 2, 3...</summary>
        public static SubjectCompatibilityResult CheckCandidate<TSchema>(string subject, IReadOnlyList<TSchema> schemasOldestFirst, CompatibilityMode mode, CanReadCheck<TSchema> canRead, AcceptedBreaks? acceptedBreaks = null)
            => CheckCandidate(subject, Number(schemasOldestFirst), mode, canRead, acceptedBreaks);

        /// <summary>
        /// Checks every version against its predecessors as <paramref name="mode"/> requires (what
        /// <c>contracts check</c> runs over a repository); stale entries are those for this subject that
        /// matched nothing in any version.
        /// </summary>
        public static SubjectHistoryResult CheckHistory<TSchema>(string subject, IReadOnlyList<SubjectVersion<TSchema>> versions, CompatibilityMode mode, CanReadCheck<TSchema> canRead, AcceptedBreaks? acceptedBreaks = null)
        {
            Validate(subject, versions, canRead);
            var entries = Relevant(acceptedBreaks, subject);
            var used = new HashSet<AcceptedBreak>();
            var results = new List<SubjectCompatibilityResult>(Math.Max(0, versions.Count - 1));
            for (var i = 1; i < versions.Count; i++)
            {
                var (checkedAgainst, issues) = CheckAt(subject, versions, i, mode, canRead, entries, used);
                var version = versions[i].Version;
                results.Add(new SubjectCompatibilityResult(subject, version, mode, checkedAgainst, issues, Array.Empty<AcceptedBreak>()));
            }
            var stale = entries.Where(e => !used.Contains(e)).ToArray();
            return new SubjectHistoryResult(subject, mode, results, stale);
        }

        /// <summary>Checks every schema of <paramref name="schemasOldestFirst"/>, numbering the versions 1, 2, 3...</summary>
        public static SubjectHistoryResult CheckHistory<TSchema>(string subject, IReadOnlyList<TSchema> schemasOldestFirst, CompatibilityMode mode, CanReadCheck<TSchema> canRead, AcceptedBreaks? acceptedBreaks = null)
            => CheckHistory(subject, Number(schemasOldestFirst), mode, canRead, acceptedBreaks);

        internal static IReadOnlyList<SchemaDiagnostic> StaleWarnings(IReadOnlyList<AcceptedBreak> stale)
            => stale.Select(e => new SchemaDiagnostic(DiagnosticCatalog.StaleAcceptedBreak, DiagnosticSeverity.Warning,
                    $"accepted break for {e.Subject} v{e.Version} rule {e.RuleId}{(e.Pointer is null ? "" : " at " + (e.Pointer.Length == 0 ? "the root" : e.Pointer))} matches no incompatibility; remove the entry",
                    e.Location)).ToArray();

        private static (IReadOnlyList<int> CheckedAgainst, IReadOnlyList<VersionedIssue> Issues) CheckAt<TSchema>(
            string subject, IReadOnlyList<SubjectVersion<TSchema>> versions, int index, CompatibilityMode mode, CanReadCheck<TSchema> canRead,
            IReadOnlyList<AcceptedBreak> entries, HashSet<AcceptedBreak> used)
        {
            if (mode == CompatibilityMode.None || index == 0) return (Array.Empty<int>(), Array.Empty<VersionedIssue>());
            var candidate = versions[index];
            var oldest = mode.IsTransitive() ? 0 : index - 1;
            var checkedAgainst = new List<int>();
            var issues = new List<VersionedIssue>();
            // Newest first, as Confluent's checker walks a subject's history.
            for (var j = index - 1; j >= oldest; j--)
            {
                var other = versions[j];
                checkedAgainst.Add(other.Version);
                if (mode.ChecksBackward())
                {
                    foreach (var issue in canRead(candidate.Schema, other.Schema))
                    {
                        issues.Add(Classify(issue, subject, candidate.Version, other.Version, CompatibilityDirection.Backward, mode, entries, used));
                    }
                }
                if (mode.ChecksForward())
                {
                    foreach (var issue in canRead(other.Schema, candidate.Schema))
                    {
                        issues.Add(Classify(issue, subject, candidate.Version, other.Version, CompatibilityDirection.Forward, mode, entries, used));
                    }
                }
            }
            return (checkedAgainst, issues);
        }

        private static VersionedIssue Classify(CompatibilityIssue issue, string subject, int candidate, int other, CompatibilityDirection direction, CompatibilityMode mode,
            IReadOnlyList<AcceptedBreak> entries, HashSet<AcceptedBreak> used)
        {
            AcceptedBreak? acceptedBy = null;
            foreach (var entry in entries)
            {
                if (!entry.Matches(subject, candidate, issue)) continue;
                acceptedBy = entry;
                used.Add(entry);
                break;
            }
            return new VersionedIssue(issue, subject, candidate, other, direction, mode, acceptedBy);
        }

        private static IReadOnlyList<AcceptedBreak> Relevant(AcceptedBreaks? acceptedBreaks, string subject)
            => acceptedBreaks is null
                ? Array.Empty<AcceptedBreak>()
                : acceptedBreaks.Entries.Where(e => string.Equals(e.Subject, subject, StringComparison.Ordinal)).ToArray();

        private static IReadOnlyList<SubjectVersion<TSchema>> Number<TSchema>(IReadOnlyList<TSchema> schemas)
        {
            if (schemas is null) throw new ArgumentNullException(nameof(schemas));
            var versions = new SubjectVersion<TSchema>[schemas.Count];
            for (var i = 0; i < versions.Length; i++) versions[i] = new SubjectVersion<TSchema>(i + 1, schemas[i]);
            return versions;
        }

        private static void Validate<TSchema>(string subject, IReadOnlyList<SubjectVersion<TSchema>> versions, CanReadCheck<TSchema> canRead)
        {
            if (subject is null) throw new ArgumentNullException(nameof(subject));
            if (versions is null) throw new ArgumentNullException(nameof(versions));
            if (canRead is null) throw new ArgumentNullException(nameof(canRead));
        }
    }
}
