using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;
using Xunit.Abstractions;

namespace Contracts.Schema.Tests.Compatibility.Avro
{
    /// <summary>
    /// The reference vectors in ../shared/conformance: Java's verdicts (and, where recorded, Java's
    /// incompatibility types and locations), Confluent's level cases, Java's validator sequences and
    /// Apicurio's cases. Skipped with a note when the vectors are absent; asserted when present.
    /// </summary>
    public class AvroConformanceTests
    {
        private readonly ITestOutputHelper _output;

        public AvroConformanceTests(ITestOutputHelper output) => _output = output;

        private bool Absent()
        {
            if (SharedConformance.Directory is not null) return false;
            _output.WriteLine("../shared/conformance is absent: the reference vectors did not run (the project's own compatibility cases still ran).");
            return true;
        }

        private static AvroParseResult Parse(JsonElement element, string name, List<string> failures, string id, bool recordsWithoutFieldsAreEmpty = false)
        {
            var text = SharedConformance.SchemaText(element);
            if (recordsWithoutFieldsAreEmpty && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() == "record" && !element.TryGetProperty("fields", out _))
            {
                // Ruby's tests omit "fields"; Java's and our parser reject that, and the vector's note says to read it as "fields": [].
                text = text.TrimEnd().TrimEnd('}') + ",\"fields\":[]}";
            }
            var result = AvroSchemaParser.Parse(text, name);
            if (result.Root is null) failures.Add($"{id}: we rejected a schema the reference accepts: {text}\n  {string.Join("\n  ", result.Diagnostics)}");
            return result;
        }

        private static readonly Dictionary<string, string> JavaTypeToRule = new Dictionary<string, string>
        {
            ["READER_FIELD_MISSING_DEFAULT_VALUE"] = "CTR2001",
            ["TYPE_MISMATCH"] = "CTR2002",
            ["NAME_MISMATCH"] = "CTR2003",
            ["FIXED_SIZE_MISMATCH"] = "CTR2004",
            ["MISSING_ENUM_SYMBOLS"] = "CTR2005",
            ["MISSING_UNION_BRANCH"] = "CTR2006",
        };

        [Fact]
        public void avro_pairs_agree_with_java_on_every_pair_whose_expected_verdict_is_javas()
        {
            if (Absent()) return;
            var failures = new List<string>();
            int total = 0, compatible = 0, locationsCompared = 0;
            var seen = new HashSet<(string, string)>();
            foreach (var c in SharedConformance.ReadLines("avro_pairs.jsonl"))
            {
                // The selection of /work/shared/tools/compat-conformance: Java parsed the pair and its verdict is the expected one.
                var java = c.GetProperty("crosscheck_java_SchemaCompatibility").GetString();
                if (java is not ("COMPATIBLE" or "INCOMPATIBLE")) continue;
                var expected = c.GetProperty("compatible").GetBoolean();
                if ((java == "COMPATIBLE") != expected) continue;
                var id = c.GetProperty("id").GetString()!;
                var readerText = SharedConformance.SchemaText(c.GetProperty("reader"));
                var writerText = SharedConformance.SchemaText(c.GetProperty("writer"));
                if (!seen.Add((readerText, writerText))) continue;
                total++;
                var emptyRecords = c.TryGetProperty("notes", out var notes) && notes.GetString()!.Contains("treat as fields: []");
                var reader = Parse(c.GetProperty("reader"), "reader.avsc", failures, id, emptyRecords);
                var writer = Parse(c.GetProperty("writer"), "writer.avsc", failures, id, emptyRecords);
                if (reader.Root is null || writer.Root is null) continue;
                var issues = AvroCompatibility.CheckCanRead(reader, writer);
                if ((issues.Count == 0) != expected)
                {
                    failures.Add($"{id}: expected {(expected ? "compatible" : "incompatible")}, got {issues.Count} issue(s)\n  reader {readerText}\n  writer {writerText}\n  {string.Join("\n  ", issues.Select(i => i.RuleId + " " + i.Message))}");
                    continue;
                }
                if (expected) compatible++;
                if (c.TryGetProperty("java_incompatibilities", out var javaIssues))
                {
                    // The same set of (rule, Java location) as Java's incompatibilities.
                    var javaSet = javaIssues.EnumerateArray()
                        .Select(j => JavaTypeToRule[j.GetProperty("type").GetString()!] + " " + j.GetProperty("location").GetString())
                        .Distinct().OrderBy(x => x, System.StringComparer.Ordinal).ToList();
                    var ourSet = issues.Select(i => i.RuleId + " " + i.Path).Distinct().OrderBy(x => x, System.StringComparer.Ordinal).ToList();
                    locationsCompared += javaSet.Count;
                    if (!javaSet.SequenceEqual(ourSet))
                    {
                        failures.Add($"{id}: Java reports [{string.Join(", ", javaSet)}], we report [{string.Join(", ", ourSet)}]");
                    }
                }
            }
            _output.WriteLine($"avro_pairs.jsonl: {total - failures.Count(f => !f.Contains("Java reports"))}/{total} verdicts agree ({compatible} compatible); {locationsCompared} Java locations compared");
            Assert.True(total > 200, $"only {total} pairs selected");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        }

        [Fact]
        public void confluent_level_cases_agree()
        {
            if (Absent()) return;
            var failures = new List<string>();
            var total = 0;
            foreach (var c in SharedConformance.ReadLines("avro_pairs_confluent.jsonl"))
            {
                if (!c.TryGetProperty("new_schema", out var newSchema) || !c.TryGetProperty("level", out var level)) continue;
                var id = c.GetProperty("id").GetString()!;
                // One case records its level as "BACKWARD (direct AvroSchema.isBackwardCompatible)": the level is the first word.
                var levelName = level.GetString()!.Split(' ')[0];
                Assert.True(CompatibilityModes.TryParse(levelName, out var mode), $"{id}: unknown level {level}");
                var history = c.GetProperty("previous_schemas").EnumerateArray().Select((s, i) => Parse(s, $"v{i + 1}.avsc", failures, id)).ToList();
                history.Add(Parse(newSchema, $"v{history.Count + 1}.avsc", failures, id));
                if (history.Any(h => h.Root is null)) continue;
                total++;
                var result = SubjectCompatibility.CheckCandidate("subject", history, mode, AvroCompatibility.Checker);
                var expected = c.GetProperty("compatible").GetBoolean();
                if (result.IsCompatible != expected)
                {
                    failures.Add($"{id} ({mode.ToConfluentName()}): expected {(expected ? "compatible" : "incompatible")}, got {string.Join("; ", result.Issues.Select(i => i.Requirement + " " + i.Issue.Message))}");
                }
            }
            _output.WriteLine($"avro_pairs_confluent.jsonl: {total - failures.Count}/{total} agree");
            Assert.True(total >= 30, $"only {total} cases");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Fact]
        public void java_validator_sequences_agree()
        {
            if (Absent()) return;
            var failures = new List<string>();
            var total = 0;
            foreach (var c in SharedConformance.ReadLines("avro_validation_sequences.jsonl"))
            {
                var id = c.GetProperty("id").GetString()!;
                var strategy = c.GetProperty("strategy").GetString()!;
                var transitive = c.GetProperty("mode").GetString()!.StartsWith("validateAll");
                var mode = strategy.StartsWith("canReadStrategy") ? (transitive ? CompatibilityMode.BackwardTransitive : CompatibilityMode.Backward)
                    : strategy.StartsWith("canBeReadStrategy") ? (transitive ? CompatibilityMode.ForwardTransitive : CompatibilityMode.Forward)
                    : (transitive ? CompatibilityMode.FullTransitive : CompatibilityMode.Full);
                // The priors in source order are oldest first: the validator reverses them and "latest" is the last one.
                var history = c.GetProperty("prior_args_in_source_order").EnumerateArray().Select((s, i) => Parse(s, $"v{i + 1}.avsc", failures, id)).ToList();
                history.Add(Parse(c.GetProperty("new_schema"), "new.avsc", failures, id));
                if (history.Any(h => h.Root is null)) continue;
                total++;
                var result = SubjectCompatibility.CheckCandidate("subject", history, mode, AvroCompatibility.Checker);
                var expected = c.GetProperty("expected_pass").GetBoolean();
                if (result.IsCompatible != expected) failures.Add($"{id} ({mode.ToConfluentName()}): expected {(expected ? "pass" : "fail")}");
            }
            _output.WriteLine($"avro_validation_sequences.jsonl: {total - failures.Count}/{total} agree");
            Assert.True(total >= 14, $"only {total} cases");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Fact]
        public void apicurio_avro_cases_agree_in_both_directions()
        {
            if (Absent()) return;
            var failures = new List<string>();
            var total = 0;
            foreach (var c in SharedConformance.ReadLines("apicurio_avro_cases.jsonl"))
            {
                if (c.TryGetProperty("enabled", out var enabled) && !enabled.GetBoolean()) continue;
                var id = c.GetProperty("id").GetString()!;
                var original = Parse(c.GetProperty("original_schema"), "original.avsc", failures, id);
                var update = Parse(c.GetProperty("update_schema"), "update.avsc", failures, id);
                if (original.Root is null || update.Root is null) continue;
                total++;
                var backward = AvroCompatibility.CanRead(update, original);
                var forward = AvroCompatibility.CanRead(original, update);
                if (backward != c.GetProperty("backward_compatible").GetBoolean() || forward != c.GetProperty("forward_compatible").GetBoolean())
                {
                    failures.Add($"{id}: backward {backward} forward {forward}, expected {c.GetProperty("backward_compatible")} {c.GetProperty("forward_compatible")}");
                }
            }
            _output.WriteLine($"apicurio_avro_cases.jsonl: {total - failures.Count}/{total} agree");
            Assert.True(total >= 4, $"only {total} cases");
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }
}
