using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Avro;
using Xunit.Abstractions;

namespace Contracts.Schema.Tests.Avro
{
    public class FingerprintCrossCheckTests
    {
        private readonly ITestOutputHelper _output;

        public FingerprintCrossCheckTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void canonical_form_and_fingerprints_equal_apache_avro_for_every_valid_reference_schema()
        {
            if (SharedConformance.Directory is null)
            {
                _output.WriteLine("../shared/conformance is absent: the reference cross-check did not run (the project's own fingerprint cases still ran).");
                return;
            }
            var texts = new HashSet<string>();
            foreach (var c in SharedConformance.ReadLines("avro_pairs.jsonl"))
            {
                texts.Add(SharedConformance.SchemaText(c.GetProperty("reader")));
                texts.Add(SharedConformance.SchemaText(c.GetProperty("writer")));
            }
            var compared = 0;
            var failures = new List<string>();
            foreach (var text in texts)
            {
                global::Avro.Schema apache;
                try { apache = global::Avro.Schema.Parse(text); }
                catch (global::Avro.AvroException) { continue; } // not valid for Apache.Avro: nothing to compare
                var ours = AvroSchemaParser.Parse(text, "ref.avsc");
                if (ours.Root is null)
                {
                    failures.Add($"we rejected a schema Apache.Avro accepts: {text}\n  {string.Join("\n  ", ours.Diagnostics)}");
                    continue;
                }
                // Apache.Avro C# writes only the name for a fixed type that carries a logicalType (a departure
                // from the specification, which wants the first occurrence of a named type in full); compare
                // those against the same schema without the annotation, which the canonical form strips anyway.
                if (apache is global::Avro.LogicalSchema || (apache is global::Avro.FixedSchema && text.Contains("logicalType")))
                {
                    apache = global::Avro.Schema.Parse(StripLogicalTypes(text));
                }
                var expectedForm = global::Avro.SchemaNormalization.ToParsingForm(apache);
                var form = AvroCanonicalForm.Of(ours.Root);
                var fingerprint = SchemaFingerprint.Of(form);
                var expectedCrc = (ulong)global::Avro.SchemaNormalization.ParsingFingerprint64(apache);
                if (form != expectedForm || fingerprint.Crc64 != expectedCrc)
                {
                    failures.Add($"{text}\n  expected {expectedForm} {expectedCrc:x16}\n  actual   {form} {fingerprint.Crc64:x16}");
                }
                compared++;
            }
            _output.WriteLine($"compared {compared} reference schemas");
            Assert.True(compared > 50, $"only {compared} schemas compared");
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        }

        private static string StripLogicalTypes(string text)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(text)!;
            Strip(node);
            return node.ToJsonString();

            static void Strip(System.Text.Json.Nodes.JsonNode? n)
            {
                if (n is System.Text.Json.Nodes.JsonObject o)
                {
                    o.Remove("logicalType");
                    foreach (var kv in o.ToList()) Strip(kv.Value);
                }
                else if (n is System.Text.Json.Nodes.JsonArray a)
                {
                    foreach (var item in a) Strip(item);
                }
            }
        }
    }
}
