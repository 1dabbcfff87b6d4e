using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.JsonSchema;
using Xunit.Abstractions;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>
    /// Apicurio's JSON Schema compatibility cases, judged with Confluent's semantics. Apicurio's engine
    /// differs from Confluent's on purpose in places; every disagreement must be a known, documented one
    /// (docs/compatibility-jsonschema.md), so a new disagreement fails the test.
    /// </summary>
    public sealed class ApicurioConformanceTests
    {
        private readonly ITestOutputHelper _output;

        public ApicurioConformanceTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void every_disagreement_with_apicurio_is_a_documented_one()
        {
            var directory = ConformanceVectors.FindDirectory();
            if (directory is null)
            {
                _output.WriteLine("SKIPPED (passing): ../shared/conformance was not found next to the repository root; the Apicurio JSON Schema vectors are not part of a fresh clone.");
                return;
            }

            var total = 0;
            var backwardAgree = 0;
            var forwardAgree = 0;
            var lenientBackwardAgree = 0;
            var lenientForwardAgree = 0;
            var disagreements = new List<string>();
            foreach (var vector in ConformanceVectors.ReadLines(Path.Combine(directory, "apicurio_jsonschema_cases.jsonl")))
            {
                var id = vector.GetProperty("id").GetString()!;
                var original = ConformanceVectors.Parse(vector.GetProperty("original_schema").GetRawText(), id + "/original");
                var update = ConformanceVectors.Parse(vector.GetProperty("update_schema").GetRawText(), id + "/update");
                // Apicurio: BACKWARD = the updated schema reads data of the original; FORWARD = the reverse.
                var backward = JsonSchemaCompatibility.CheckCanRead(reader: update, writer: original, JsonSchemaPolicy.Strict);
                var forward = JsonSchemaCompatibility.CheckCanRead(reader: original, writer: update, JsonSchemaPolicy.Strict);
                total++;
                var expectedBackward = vector.GetProperty("backward_compatible").GetBoolean();
                var expectedForward = vector.GetProperty("forward_compatible").GetBoolean();
                if ((backward.Count == 0) == expectedBackward) backwardAgree++;
                else disagreements.Add($"{id} backward {Describe(vector.GetProperty("case_id").GetString()!, expectedBackward, backward)}");
                if ((forward.Count == 0) == expectedForward) forwardAgree++;
                else disagreements.Add($"{id} forward {Describe(vector.GetProperty("case_id").GetString()!, expectedForward, forward)}");
                if ((JsonSchemaCompatibility.CheckCanRead(reader: update, writer: original, JsonSchemaPolicy.Lenient).Count == 0) == expectedBackward) lenientBackwardAgree++;
                if ((JsonSchemaCompatibility.CheckCanRead(reader: original, writer: update, JsonSchemaPolicy.Lenient).Count == 0) == expectedForward) lenientForwardAgree++;
            }

            _output.WriteLine($"Apicurio BACKWARD verdicts: {backwardAgree}/{total} agree");
            _output.WriteLine($"Apicurio FORWARD verdicts: {forwardAgree}/{total} agree");
            _output.WriteLine($"(for information, LENIENT: BACKWARD {lenientBackwardAgree}/{total}, FORWARD {lenientForwardAgree}/{total})");
            var unexplained = new List<string>();
            foreach (var disagreement in disagreements)
            {
                var key = disagreement.Substring(0, disagreement.IndexOf(' ', disagreement.IndexOf(' ') + 1));
                var explained = ApicurioDisagreements.Explanations.TryGetValue(key, out var reason);
                _output.WriteLine((explained ? "  explained (" + reason + "): " : "  UNEXPLAINED: ") + disagreement);
                if (!explained) unexplained.Add(disagreement);
            }
            var stale = ApicurioDisagreements.Explanations.Keys.Where(k => !disagreements.Any(d => d.StartsWith(k + " ", StringComparison.Ordinal))).ToList();
            foreach (var key in stale) _output.WriteLine("  STALE explanation (now agrees): " + key);
            Assert.True(unexplained.Count == 0, "Unexplained disagreements:" + Environment.NewLine + string.Join(Environment.NewLine, unexplained));
            Assert.True(stale.Count == 0, "Explanations for cases that now agree: " + string.Join(", ", stale));
        }

        private static string Describe(string caseId, bool expected, IReadOnlyList<CompatibilityIssue> issues)
            => $"\"{caseId}\": Apicurio {(expected ? "compatible" : "incompatible")}, we {(issues.Count == 0 ? "compatible" : "incompatible: " + string.Join("; ", issues.Select(i => i.RuleId + " " + i.Message)))}";
    }

    /// <summary>Known disagreements with Apicurio, by class (each class is explained in docs/compatibility-jsonschema.md).</summary>
    internal static class ApicurioDisagreements
    {
        public static readonly Dictionary<string, string> Explanations = new Dictionary<string, string>
        {
            ["apicurio-json-013 forward"] = "ignored keyword",
            ["apicurio-json-014 backward"] = "ignored keyword",
            ["apicurio-json-014 forward"] = "ignored keyword",
            ["apicurio-json-044 forward"] = "ignored keyword",
            ["apicurio-json-062 forward"] = "ignored keyword",
            ["apicurio-json-100 forward"] = "ignored keyword",
            ["apicurio-json-101 backward"] = "ignored keyword",
            ["apicurio-json-101 forward"] = "ignored keyword",
            ["apicurio-json-103 forward"] = "ignored keyword",
            ["apicurio-json-104 backward"] = "ignored keyword",
            ["apicurio-json-104 forward"] = "ignored keyword",
            ["apicurio-json-124 backward"] = "ignored keyword",
            ["apicurio-json-124 forward"] = "ignored keyword",
            ["apicurio-json-125 forward"] = "ignored keyword",
            ["apicurio-json-126 forward"] = "ignored keyword",
            ["apicurio-json-027 backward"] = "bounds compared per keyword",
            ["apicurio-json-028 backward"] = "bounds compared per keyword",
            ["apicurio-json-030 backward"] = "bounds compared per keyword",
            ["apicurio-json-030 forward"] = "bounds compared per keyword",
            ["apicurio-json-032 backward"] = "bounds compared per keyword",
            ["apicurio-json-033 backward"] = "bounds compared per keyword",
            ["apicurio-json-035 backward"] = "bounds compared per keyword",
            ["apicurio-json-035 forward"] = "bounds compared per keyword",
            ["apicurio-json-026 forward"] = "draft-4 boolean exclusive bound in a draft-07 schema",
            ["apicurio-json-031 forward"] = "draft-4 boolean exclusive bound in a draft-07 schema",
            ["apicurio-json-041 forward"] = "required names outside properties",
            ["apicurio-json-042 backward"] = "required names outside properties",
            ["apicurio-json-042 forward"] = "required names outside properties",
            ["apicurio-json-052 forward"] = "patternProperties only as content model",
            ["apicurio-json-053 backward"] = "patternProperties only as content model",
            ["apicurio-json-053 forward"] = "patternProperties only as content model",
            ["apicurio-json-098 backward"] = "const and enum are different kinds",
            ["apicurio-json-098 forward"] = "const and enum are different kinds",
        };
    }
}
