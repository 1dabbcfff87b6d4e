using System.Collections.Generic;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;

namespace Contracts.Benchmarks.Compatibility
{
    /// <summary>One reader/writer pair of 50-field records (the target: under 20 µs).</summary>
    [MemoryDiagnoser]
    public class AvroPairCompatibilityBenchmarks
    {
        private AvroParseResult _reader = null!;
        private AvroParseResult _writer = null!;

        [GlobalSetup]
        public void Setup()
        {
            _writer = AvroSchemaParser.Parse(RepositoryGenerator.Record("Wide", "bench", 50, 0, promoted: false), "writer.avsc");
            // The reader widens the int fields to long and adds one field with a default.
            _reader = AvroSchemaParser.Parse(RepositoryGenerator.Record("Wide", "bench", 50, 1, promoted: true), "reader.avsc");
        }

        [Benchmark]
        public int PairOf50FieldRecords() => AvroCompatibility.CheckCanRead(_reader, _writer).Count;
    }

    /// <summary>
    /// A repository of 1,000 subjects × 5 versions checked transitively (the target: under 1 second):
    /// every subject's latest version against all its earlier ones.
    /// </summary>
    [MemoryDiagnoser]
    public class SubjectRepositoryCompatibilityBenchmarks
    {
        private List<(string Subject, AvroParseResult[] Versions)> _repository = null!;

        [Params(CompatibilityMode.BackwardTransitive, CompatibilityMode.FullTransitive)]
        public CompatibilityMode Mode { get; set; }

        [GlobalSetup]
        public void Setup() => _repository = RepositoryGenerator.Generate(subjects: 1000, versions: 5);

        [Benchmark]
        public int CandidateOfEverySubject()
        {
            var errors = 0;
            foreach (var (subject, versions) in _repository)
            {
                errors += SubjectCompatibility.CheckCandidate(subject, versions, Mode, AvroCompatibility.Checker).Errors.Count;
            }
            return errors;
        }

        [Benchmark]
        public int EveryVersionOfEverySubject()
        {
            var errors = 0;
            foreach (var (subject, versions) in _repository)
            {
                errors += SubjectCompatibility.CheckHistory(subject, versions, Mode, AvroCompatibility.Checker).Issues.Count;
            }
            return errors;
        }
    }

    /// <summary>Generates realistic records: scalars, an optional union, an enum, an array of a nested record and a map.</summary>
    internal static class RepositoryGenerator
    {
        public static List<(string Subject, AvroParseResult[] Versions)> Generate(int subjects, int versions)
        {
            var repository = new List<(string, AvroParseResult[])>(subjects);
            for (var s = 0; s < subjects; s++)
            {
                var name = "Event" + s;
                var ns = "bench.domain" + (s % 20);
                // Version v adds one field with a default to the 12 of version 1.
                var history = Enumerable.Range(0, versions)
                    .Select(v => AvroSchemaParser.Parse(Record(name, ns, 12, v, promoted: false), $"{name}.v{v + 1}.avsc"))
                    .ToArray();
                repository.Add((ns + "." + name, history));
            }
            return repository;
        }

        public static string Record(string name, string ns, int fields, int addedWithDefault, bool promoted)
        {
            var b = new StringBuilder();
            b.Append("{\"type\":\"record\",\"name\":\"").Append(name).Append("\",\"namespace\":\"").Append(ns).Append("\",\"fields\":[");
            for (var i = 0; i < fields; i++)
            {
                if (i > 0) b.Append(',');
                b.Append("{\"name\":\"f").Append(i).Append("\",\"type\":");
                switch (i % 8)
                {
                    case 0: b.Append("\"string\""); break;
                    case 1: b.Append(promoted ? "\"long\"" : "\"int\""); break;
                    case 2: b.Append("[\"null\",\"string\"],\"default\":null"); break;
                    case 3: b.Append("\"double\""); break;
                    case 4:
                        b.Append(i == 4 ? "{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"OPEN\",\"PAID\",\"SHIPPED\"]}" : "\"Status\"");
                        break;
                    case 5:
                        b.Append(i == 5
                            ? "{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Line\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\"}]}}"
                            : "{\"type\":\"array\",\"items\":\"Line\"}");
                        break;
                    case 6: b.Append("{\"type\":\"map\",\"values\":\"long\"}"); break;
                    default: b.Append("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}"); break;
                }
                b.Append('}');
            }
            for (var i = 0; i < addedWithDefault; i++)
            {
                b.Append(",{\"name\":\"added").Append(i).Append("\",\"type\":\"string\",\"default\":\"\"}");
            }
            return b.Append("]}").ToString();
        }
    }
}
