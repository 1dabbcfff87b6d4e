using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;

namespace Contracts.Cli.Compat
{
    /// <summary>
    /// The text output: one MSBuild-style line per issue (<c>path(line,col): error CTR2xxx: message</c>) with an
    /// indented fix, warnings for stale accepted breaks, and a summary line last.
    /// </summary>
    internal static class CompatTextReport
    {
        public static void Write(TextWriter output, SubjectCompatibilityResult result, IReadOnlyList<string> files)
        {
            var candidateFile = files[files.Count - 1];
            foreach (var item in result.Issues)
            {
                var location = item.CandidateLocation?.ToString() ?? $"{candidateFile}(1,1)";
                if (item.IsAccepted)
                {
                    var entry = item.AcceptedBy!;
                    output.WriteLine($"{location}: info {DiagnosticCatalog.AcceptedBreak}: accepted {item.Issue.RuleId}: {item.Issue.Message} [{item.Requirement}]");
                    output.WriteLine($"    accepted: {entry.Reason} (reviewed by {entry.ReviewedBy}, {entry.Date}; {entry.Location})");
                }
                else
                {
                    output.WriteLine($"{location}: error {item.Issue.RuleId}: {item.Issue.Message} [{item.Requirement}]");
                    output.WriteLine($"    fix: {item.Fix}");
                }
            }
            foreach (var warning in result.StaleWarnings)
            {
                output.WriteLine(warning.ToString());
            }
            output.WriteLine(Summary(result, files));
        }

        private static string Summary(SubjectCompatibilityResult result, IReadOnlyList<string> files)
        {
            var candidate = $"{files[files.Count - 1]} (v{result.CandidateVersion} of {result.Subject})";
            var mode = result.Mode.ToConfluentName();
            if (result.Mode == CompatibilityMode.None) return $"{candidate}: mode NONE, nothing to check.";
            if (result.CheckedAgainst.Count == 0) return $"{candidate} is the first version: nothing to check under {mode}.";
            var against = string.Join(", ", result.CheckedAgainst.Select(v => "v" + v));
            var errors = result.Errors.Count;
            var accepted = result.Accepted.Count;
            var acceptedNote = accepted == 0 ? "" : $" ({accepted} accepted break{(accepted == 1 ? "" : "s")})";
            return errors == 0
                ? $"{candidate} is compatible under {mode} with {against}{acceptedNote}."
                : $"{candidate} is NOT compatible under {mode}: {errors} incompatibilit{(errors == 1 ? "y" : "ies")} with {against}{acceptedNote}.";
        }
    }
}
