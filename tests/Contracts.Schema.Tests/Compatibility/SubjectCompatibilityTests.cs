using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;
using Contracts.Schema.Diagnostics;
using static Contracts.Schema.Tests.Compatibility.Avro.AvroPairs;

namespace Contracts.Schema.Tests.Compatibility
{
    /// <summary>The history/mode layer: which versions are compared, in which direction, and accepted breaks.</summary>
    public class SubjectCompatibilityTests
    {
        // v1: id. v2: drops nothing, adds `note` with a default. v3: adds `currency` without a default.
        private static readonly string V1 = J("{'type':'record','name':'Order','namespace':'com.shop','fields':[{'name':'id','type':'string'}]}");
        private static readonly string V2 = J("{'type':'record','name':'Order','namespace':'com.shop','fields':[{'name':'id','type':'string'},{'name':'currency','type':'string','default':'EUR'}]}");
        private static readonly string V3 = J("{'type':'record','name':'Order','namespace':'com.shop','fields':[{'name':'id','type':'string'},{'name':'currency','type':'string'}]}");

        private static IReadOnlyList<AvroParseResult> History(params string[] versions)
            => versions.Select((v, i) => Parse(v, $"Order.v{i + 1}.avsc")).ToArray();

        private static SubjectCompatibilityResult Candidate(CompatibilityMode mode, AcceptedBreaks? accepted, params string[] versions)
            => SubjectCompatibility.CheckCandidate("com.shop.Order", History(versions), mode, AvroCompatibility.Checker, accepted);

        [Fact]
        public void backward_checks_the_candidate_as_reader_of_the_previous_version_only()
        {
            // v3 reads v2 data (currency present), but not v1 data.
            var result = Candidate(CompatibilityMode.Backward, null, V1, V2, V3);
            Assert.True(result.IsCompatible);
            Assert.Equal(new[] { 2 }, result.CheckedAgainst);
        }

        [Fact]
        public void backward_transitive_checks_every_earlier_version_and_names_the_versions()
        {
            var result = Candidate(CompatibilityMode.BackwardTransitive, null, V1, V2, V3);
            Assert.False(result.IsCompatible);
            Assert.Equal(new[] { 2, 1 }, result.CheckedAgainst);
            var issue = Assert.Single(result.Issues);
            Assert.Equal(DiagnosticCatalog.ReaderFieldMissingDefault, issue.Issue.RuleId);
            Assert.Equal(3, issue.CandidateVersion);
            Assert.Equal(1, issue.OtherVersion);
            Assert.Equal(3, issue.ReaderVersion);
            Assert.Equal(1, issue.WriterVersion);
            Assert.Equal(CompatibilityDirection.Backward, issue.Direction);
            Assert.Equal(CompatibilityMode.BackwardTransitive, issue.Mode);
            Assert.Equal("BACKWARD_TRANSITIVE: v3 must read data written with v1", issue.Requirement);
            Assert.Equal("Order.v3.avsc", issue.CandidateLocation!.Path);
        }

        [Fact]
        public void forward_checks_the_previous_version_as_reader_of_the_candidate()
        {
            // v1 -> v2 removes `currency`, which v1 (old reader) needs without a default.
            var result = Candidate(CompatibilityMode.Forward, null, V3, V1);
            var issue = Assert.Single(result.Issues);
            Assert.Equal(CompatibilityDirection.Forward, issue.Direction);
            Assert.Equal(1, issue.ReaderVersion);
            Assert.Equal(2, issue.WriterVersion);
            Assert.Equal("Order.v2.avsc", issue.CandidateLocation!.Path);
            Assert.EndsWith("(the reader here is v1, already published: change v2 so that v1 can read it)", issue.Fix);
            Assert.True(Candidate(CompatibilityMode.Backward, null, V3, V1).IsCompatible);
        }

        [Fact]
        public void full_checks_both_directions()
        {
            var result = Candidate(CompatibilityMode.Full, null, V1, V3);
            Assert.Equal(new[] { CompatibilityDirection.Backward }, result.Issues.Select(i => i.Direction).ToArray());
            Assert.True(Candidate(CompatibilityMode.Full, null, V1, V2).IsCompatible);
            var both = Candidate(CompatibilityMode.Full, null,
                J("{'type':'record','name':'Order','namespace':'com.shop','fields':[{'name':'id','type':'string'}]}"),
                J("{'type':'record','name':'Order','namespace':'com.shop','fields':[{'name':'id','type':'int'}]}"));
            Assert.Equal(new[] { CompatibilityDirection.Backward, CompatibilityDirection.Forward }, both.Issues.Select(i => i.Direction).ToArray());
        }

        [Fact]
        public void none_checks_nothing_and_a_single_version_is_compatible()
        {
            Assert.True(Candidate(CompatibilityMode.None, null, V1, J("'int'")).IsCompatible);
            Assert.True(Candidate(CompatibilityMode.FullTransitive, null, V1).IsCompatible);
        }

        [Fact]
        public void check_history_checks_every_version_against_its_predecessors()
        {
            var result = SubjectCompatibility.CheckHistory("com.shop.Order", History(V1, V3, V2), CompatibilityMode.Backward, AvroCompatibility.Checker);
            Assert.Equal(new[] { 2, 3 }, result.Versions.Select(v => v.CandidateVersion).ToArray());
            Assert.False(result.Versions[0].IsCompatible);
            Assert.True(result.Versions[1].IsCompatible);
            Assert.False(result.IsCompatible);
        }

        private const string AcceptedText = @"{
  ""acceptedBreaks"": [
    {
      ""subject"": ""com.shop.Order"",
      ""version"": 3,
      ""rule"": ""CTR2001"",
      ""pointer"": ""/fields/1"",
      ""reason"": ""every v1 event was replayed into v2 before v3 shipped"",
      ""reviewedBy"": ""alice"",
      ""date"": ""2026-11-20""
    },
    {
      ""subject"": ""com.shop.Order"",
      ""version"": 3,
      ""rule"": ""CTR2005"",
      ""reason"": ""left over"",
      ""reviewedBy"": ""bob"",
      ""date"": ""2026-11-21""
    }
  ]
}";

        [Fact]
        public void an_accepted_break_turns_the_issue_into_information_and_a_stale_entry_into_a_warning()
        {
            var accepted = AcceptedBreaks.Parse(AcceptedText, "accepted-breaks.json");
            Assert.Empty(accepted.Diagnostics);
            var result = Candidate(CompatibilityMode.BackwardTransitive, accepted, V1, V2, V3);
            Assert.True(result.IsCompatible);
            var issue = Assert.Single(result.Issues);
            Assert.True(issue.IsAccepted);
            Assert.Equal(DiagnosticSeverity.Info, issue.Severity);
            Assert.Equal(DiagnosticCatalog.AcceptedBreak, issue.ReportedId);
            Assert.Equal("alice", issue.AcceptedBy!.ReviewedBy);
            Assert.Empty(result.Errors);

            var stale = Assert.Single(result.StaleWarnings);
            Assert.Equal(DiagnosticCatalog.StaleAcceptedBreak, stale.Id);
            Assert.Equal(DiagnosticSeverity.Warning, stale.Severity);
            Assert.Equal(new SourceSpan("accepted-breaks.json", stale.Location.Offset, stale.Location.Length, 12, 5, stale.Location.EndLine, stale.Location.EndColumn), stale.Location);
        }

        [Fact]
        public void an_accepted_break_for_another_pointer_version_or_subject_does_not_apply()
        {
            foreach (var (subject, version, pointer) in new[] { ("com.shop.Order", 3, "/fields/0"), ("com.shop.Order", 2, "/fields/1"), ("com.shop.Other", 3, "/fields/1") })
            {
                var entry = new AcceptedBreak(subject, version, "CTR2001", pointer, "reason", "alice", "2026-11-20", SourceSpan.StartOf("accepted-breaks.json"));
                var result = Candidate(CompatibilityMode.BackwardTransitive, AcceptedBreaks.From(new[] { entry }), V1, V2, V3);
                Assert.False(result.IsCompatible);
                Assert.Equal(subject == "com.shop.Order" && version == 3 ? 1 : 0, result.StaleEntries.Count);
            }
        }

        [Fact]
        public void an_accepted_breaks_file_without_reason_or_reviewer_is_rejected_with_locations()
        {
            var accepted = AcceptedBreaks.Parse(@"{""acceptedBreaks"": [
  {""subject"": ""com.shop.Order"", ""version"": 3, ""rule"": ""CTR2001"", ""reason"": """", ""date"": ""yesterday"", ""reviewer"": ""x""}
]}", "accepted-breaks.json");
            Assert.Empty(accepted.Entries);
            Assert.All(accepted.Diagnostics, d => Assert.Equal(DiagnosticCatalog.InvalidAcceptedBreaks, d.Id));
            var messages = string.Join("\n", accepted.Diagnostics.Select(d => d.ToString()));
            Assert.Contains("unknown member \"reviewer\"", messages);
            Assert.Contains("\"reason\" is required", messages);
            Assert.Contains("\"reviewedBy\" is required", messages);
            Assert.Contains("not a date", messages);
            Assert.All(accepted.Diagnostics, d => Assert.Equal(2, d.Location.Line));
            Assert.True(AcceptedBreaks.Parse("[", "accepted-breaks.json").HasErrors);
            Assert.True(AcceptedBreaks.Parse("[]", "accepted-breaks.json").HasErrors);
        }

        [Fact]
        public void check_history_reports_entries_that_match_no_version_as_stale()
        {
            var accepted = AcceptedBreaks.Parse(AcceptedText, "accepted-breaks.json");
            var result = SubjectCompatibility.CheckHistory("com.shop.Order", History(V1, V2, V3), CompatibilityMode.BackwardTransitive, AvroCompatibility.Checker, accepted);
            Assert.True(result.IsCompatible);
            Assert.Equal("CTR2005", Assert.Single(result.StaleEntries).RuleId);
        }

        [Fact]
        public void another_format_plugs_in_with_its_own_pair_check()
        {
            // A toy format whose schemas are sets of required names: a reader can read a writer that has all of them.
            CanReadCheck<string[]> canRead = (reader, writer) => reader.Except(writer)
                .Select(name => new CompatibilityIssue("CTR2199", $"`{name}` is missing", "add it", "/" + name, "", null, null, null, null)).ToArray();
            var result = SubjectCompatibility.CheckCandidate("toy", new[] { new[] { "a" }, new[] { "a", "b" } }, CompatibilityMode.Full, canRead);
            var issue = Assert.Single(result.Issues);
            Assert.Equal(CompatibilityDirection.Backward, issue.Direction);
            Assert.Equal("/b", issue.Issue.ReaderPointer);
        }
    }
}
