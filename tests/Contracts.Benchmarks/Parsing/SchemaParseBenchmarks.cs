using System.Collections.Generic;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Contracts.Schema;
using Contracts.Schema.Avro;
using Contracts.Schema.Repository;

namespace Contracts.Benchmarks.Parsing
{
    /// <summary>
    /// Parse + canonical form + fingerprint, the work the IDE does on every keystroke in a schema file.
    /// Apache.Avro's parser and SchemaNormalization run side by side as the reference point.
    /// </summary>
    [MemoryDiagnoser]
    public class SchemaParseBenchmarks
    {
        private string _fiftyFields = "";
        private string _typical = "";
        private List<SchemaFileText> _thousandFiles = new();

        [GlobalSetup]
        public void Setup()
        {
            _fiftyFields = FiftyFieldSchema("bench", "Wide");
            _typical = TypicalSchema("bench.orders", "OrderPlaced", 2);
            _thousandFiles = Enumerable.Range(0, 200)
                .SelectMany(s => Enumerable.Range(1, 5).Select(v => new SchemaFileText($"s{s}/Subject{s}.v{v}.avsc", TypicalSchema($"bench.s{s}", $"Subject{s}", v))))
                .ToList();
        }

        /// <summary>A 50-field record with a mix of primitive, logical, nullable, enum, array and map fields.</summary>
        internal static string FiftyFieldSchema(string ns, string name)
        {
            var b = new StringBuilder();
            b.Append("{\"type\":\"record\",\"name\":\"").Append(name).Append("\",\"namespace\":\"").Append(ns).Append("\",\"doc\":\"A wide record.\",\"fields\":[");
            for (var i = 0; i < 50; i++)
            {
                if (i > 0) b.Append(',');
                var type = (i % 10) switch
                {
                    0 => "\"string\"",
                    1 => "\"long\"",
                    2 => "{\"type\":\"string\",\"logicalType\":\"uuid\"}",
                    3 => "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}",
                    4 => "[\"null\",\"string\"]",
                    5 => "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}",
                    6 => i == 6 ? "{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"A\",\"B\",\"C\"],\"default\":\"A\"}" : "\"Status\"",
                    7 => "{\"type\":\"array\",\"items\":\"string\"}",
                    8 => "{\"type\":\"map\",\"values\":\"double\"}",
                    _ => "\"boolean\"",
                };
                b.Append("{\"name\":\"field").Append(i).Append("\",\"type\":").Append(type).Append(",\"doc\":\"Field number ").Append(i).Append(".\"");
                if (i % 10 == 4) b.Append(",\"default\":null");
                b.Append('}');
            }
            b.Append("]}");
            return b.ToString();
        }

        /// <summary>A typical event: 8 fields, one nested record, growing by one optional field per version.</summary>
        internal static string TypicalSchema(string ns, string name, int version)
        {
            var b = new StringBuilder();
            b.Append("{\n  \"type\": \"record\", \"name\": \"").Append(name).Append("\", \"namespace\": \"").Append(ns).Append("\",\n  \"fields\": [\n");
            b.Append("    {\"name\": \"id\", \"type\": {\"type\": \"string\", \"logicalType\": \"uuid\"}},\n");
            b.Append("    {\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}},\n");
            b.Append("    {\"name\": \"amount\", \"type\": {\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 18, \"scale\": 2}},\n");
            b.Append("    {\"name\": \"customer\", \"type\": \"string\", \"doc\": \"Who.\"},\n");
            b.Append("    {\"name\": \"address\", \"type\": {\"type\": \"record\", \"name\": \"Address\", \"fields\": [{\"name\": \"street\", \"type\": \"string\"}, {\"name\": \"city\", \"type\": \"string\"}]}},\n");
            b.Append("    {\"name\": \"tags\", \"type\": {\"type\": \"array\", \"items\": \"string\"}, \"default\": []},\n");
            b.Append("    {\"name\": \"count\", \"type\": \"int\", \"default\": 0},\n");
            b.Append("    {\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null}");
            for (var v = 2; v <= version; v++)
            {
                b.Append(",\n    {\"name\": \"extra").Append(v).Append("\", \"type\": [\"null\", \"string\"], \"default\": null}");
            }
            b.Append("\n  ]\n}\n");
            return b.ToString();
        }

        [Benchmark(Baseline = true, Description = "50 fields: Contracts parse + canonical form + fingerprints")]
        public SchemaFingerprint Contracts_50_fields()
        {
            var result = AvroSchemaParser.Parse(_fiftyFields, "Wide.v1.avsc");
            return SchemaFingerprint.Of(AvroCanonicalForm.Of(result.Root!));
        }

        [Benchmark(Description = "50 fields: Apache.Avro parse + ParsingFingerprint64")]
        public long ApacheAvro_50_fields()
        {
            var schema = global::Avro.Schema.Parse(_fiftyFields);
            return global::Avro.SchemaNormalization.ParsingFingerprint64(schema);
        }

        [Benchmark(Description = "typical (9 fields): Contracts parse + canonical form + fingerprints")]
        public SchemaFingerprint Contracts_typical()
        {
            var result = AvroSchemaParser.Parse(_typical, "OrderPlaced.v2.avsc");
            return SchemaFingerprint.Of(AvroCanonicalForm.Of(result.Root!));
        }

        [Benchmark(Description = "typical (9 fields): Apache.Avro parse + ParsingFingerprint64")]
        public long ApacheAvro_typical()
        {
            var schema = global::Avro.Schema.Parse(_typical);
            return global::Avro.SchemaNormalization.ParsingFingerprint64(schema);
        }

        [Benchmark(Description = "1,000 files (200 subjects x 5 versions): SchemaRepository.Load")]
        public int Contracts_1000_files() => SchemaRepository.Load(_thousandFiles).Subjects.Count;
    }
}
