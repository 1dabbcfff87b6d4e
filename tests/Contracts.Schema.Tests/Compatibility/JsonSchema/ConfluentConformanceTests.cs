using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.JsonSchema;
using Xunit.Abstractions;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>Our verdicts against Confluent's own JSON Schema diff cases (STRICT, and LENIENT where given).</summary>
    public sealed class ConfluentConformanceTests
    {
        private readonly ITestOutputHelper _output;

        public ConfluentConformanceTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void verdicts_and_differences_agree_with_confluent_reference_cases()
        {
            var directory = ConformanceVectors.FindDirectory();
            if (directory is null)
            {
                _output.WriteLine("SKIPPED (passing): ../shared/conformance was not found next to the repository root; the Confluent JSON Schema vectors are not part of a fresh clone.");
                return;
            }

            var strictTotal = 0;
            var strictAgree = 0;
            var lenientTotal = 0;
            var lenientAgree = 0;
            var changesTotal = 0;
            var changesAgree = 0;
            var failures = new List<string>();
            var changeMismatches = new List<string>();

            foreach (var vector in ConformanceVectors.ReadLines(Path.Combine(directory, "jsonschema_cases.jsonl")))
            {
                var id = vector.GetProperty("id").GetString()!;
                var original = ConformanceVectors.Parse(vector.GetProperty("original_schema").GetRawText(), id + "/original");
                var updateText = vector.TryGetProperty("update_schema_raw", out var raw) ? raw.GetString()! : vector.GetProperty("update_schema").GetRawText();
                var update = ConformanceVectors.Parse(updateText, id + "/update");

                var strict = JsonSchemaCompatibility.Diff(original, update, JsonSchemaPolicy.Strict);
                var strictVerdict = strict.All(c => c.IsCompatible);
                strictTotal++;
                if (strictVerdict == vector.GetProperty("compatible").GetBoolean()) strictAgree++;
                else failures.Add($"{id} STRICT: expected {vector.GetProperty("compatible").GetBoolean()}, got {strictVerdict}: [{string.Join(", ", strict)}]");

                if (vector.TryGetProperty("compatible_lenient", out var lenientExpected))
                {
                    var lenient = JsonSchemaCompatibility.Diff(original, update, JsonSchemaPolicy.Lenient);
                    var lenientVerdict = lenient.All(c => c.IsCompatible);
                    lenientTotal++;
                    if (lenientVerdict == lenientExpected.GetBoolean()) lenientAgree++;
                    else failures.Add($"{id} LENIENT: expected {lenientExpected.GetBoolean()}, got {lenientVerdict}: [{string.Join(", ", lenient)}]");
                }

                var expectedChanges = vector.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).ToList();
                var pathAsserted = expectedChanges.All(c => c.Contains(' '));
                var actualChanges = strict.Select(c => pathAsserted ? c.ToString() : c.Kind.ToConfluentName()).ToList();
                changesTotal++;
                if (SameMultiset(expectedChanges, actualChanges)) changesAgree++;
                else changeMismatches.Add($"{id}: expected [{string.Join(", ", expectedChanges)}] got [{string.Join(", ", actualChanges)}]");
            }

            _output.WriteLine($"Confluent STRICT verdicts: {strictAgree}/{strictTotal} agree");
            _output.WriteLine($"Confluent LENIENT verdicts: {lenientAgree}/{lenientTotal} agree");
            _output.WriteLine($"Confluent difference lists (kind + path): {changesAgree}/{changesTotal} identical");
            foreach (var mismatch in changeMismatches) _output.WriteLine("  difference list: " + mismatch);
            foreach (var failure in failures) _output.WriteLine("  VERDICT: " + failure);
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
            // Beyond verdicts, every difference Confluent reports (kind and logical path) is reported, and nothing else.
            Assert.True(changeMismatches.Count == 0, string.Join(Environment.NewLine, changeMismatches));
        }

        private static bool SameMultiset(List<string> expected, List<string> actual)
        {
            if (expected.Count != actual.Count) return false;
            var remaining = new List<string>(actual);
            foreach (var item in expected)
            {
                if (!remaining.Remove(item)) return false;
            }
            return true;
        }
    }
}
