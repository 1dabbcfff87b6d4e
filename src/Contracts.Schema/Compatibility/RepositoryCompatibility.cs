using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Compatibility
{
    /// <summary>
    /// One compatibility verdict to report: the diagnostic (id, severity, message, place in the candidate's
    /// file), the fix hint, and the reviewed entry that accepts it (then the id is <c>CTR2901</c>).
    /// </summary>
    /// <param name="Diagnostic">What to report and where.</param>
    /// <param name="Fix">How to fix it, or null (accepted breaks and stale entries have none).</param>
    /// <param name="AcceptedBy">The accepted-breaks entry that turns the incompatibility into information, or null.</param>
    /// <param name="AcceptedRuleId">The rule the entry accepts (e.g. <c>CTR2001</c>), or null.</param>
    public sealed record CompatibilityFinding(SchemaDiagnostic Diagnostic, string? Fix, AcceptedBreak? AcceptedBy, string? AcceptedRuleId);

    /// <summary>
    /// Every subject of a repository against its mode, with accepted breaks applied: what <c>contracts check</c>
    /// and the build analyzer both report, so their verdicts (ids, files, lines) are the same by construction.
    /// </summary>
    public static class RepositoryCompatibility
    {
        /// <summary>
        /// Checks every subject's history. Order: per subject (by name), its incompatibilities then its stale
        /// accepted-breaks entries (<c>CTR2902</c>); last, entries naming a subject that does not exist.
        /// </summary>
        /// <param name="repository">The loaded schemas.</param>
        /// <param name="acceptedBreaks">Every reviewed break.</param>
        /// <param name="policy">JSON Schema policy for open content models.</param>
        /// <param name="readRepositoryFile">Another file of the repository by its normalized path (JSON Schema <c>$ref</c>s), or null.</param>
        /// <param name="parallel">Check subjects on every core (the CLI); the compiler host runs analyzers on its own threads, so it passes false.</param>
        public static IReadOnlyList<CompatibilityFinding> Check(SchemaRepositoryResult repository, AcceptedBreaks acceptedBreaks, JsonSchemaPolicy policy, Func<string, string?>? readRepositoryFile, bool parallel)
        {
            if (repository is null) throw new ArgumentNullException(nameof(repository));
            if (acceptedBreaks is null) throw new ArgumentNullException(nameof(acceptedBreaks));
            Func<SchemaSubject, (SchemaSubject Subject, SubjectHistoryResult History)> check = subject => (subject, SchemaCompatibility.CheckHistory(subject, acceptedBreaks, policy, readRepositoryFile));
            var histories = parallel
                ? repository.Subjects.AsParallel().AsOrdered().Select(check).ToList()
                : repository.Subjects.Select(check).ToList();
            var findings = new List<CompatibilityFinding>();
            foreach (var (subject, history) in histories)
            {
                foreach (var issue in history.Issues) findings.Add(Describe(issue, subject));
                findings.AddRange(history.StaleWarnings.Select(d => new CompatibilityFinding(d, null, null, null)));
            }
            foreach (var entry in acceptedBreaks.Entries.Where(e => repository.Find(e.Subject) is null))
            {
                findings.Add(new CompatibilityFinding(new SchemaDiagnostic(DiagnosticCatalog.StaleAcceptedBreak, DiagnosticSeverity.Warning,
                    $"accepted break for {entry.Subject} v{entry.Version} rule {entry.RuleId} names a subject that does not exist; remove the entry", entry.Location), null, null, null));
            }
            return findings;
        }

        /// <summary>One incompatibility as a finding located in the candidate version's file.</summary>
        public static CompatibilityFinding Describe(VersionedIssue issue, SchemaSubject subject)
        {
            if (issue is null) throw new ArgumentNullException(nameof(issue));
            if (subject is null) throw new ArgumentNullException(nameof(subject));
            var candidate = subject.Versions.First(v => v.Version == issue.CandidateVersion);
            var at = issue.CandidateLocation ?? SourceSpan.StartOf(candidate.Path);
            var message = $"{issue.Subject} v{issue.CandidateVersion}: {issue.Issue.Message} [{issue.Requirement}]";
            if (!issue.IsAccepted)
            {
                return new CompatibilityFinding(new SchemaDiagnostic(issue.ReportedId, issue.Severity, message, at), issue.Issue.Fix, null, null);
            }
            return new CompatibilityFinding(new SchemaDiagnostic(issue.ReportedId, issue.Severity, $"accepted break {issue.Issue.RuleId}: " + message, at), null, issue.AcceptedBy, issue.Issue.RuleId);
        }
    }
}
