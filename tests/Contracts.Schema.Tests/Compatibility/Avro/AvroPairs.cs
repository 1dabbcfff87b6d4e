using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;

namespace Contracts.Schema.Tests.Compatibility.Avro
{
    /// <summary>Parses small schemas written in the tests and checks them.</summary>
    internal static class AvroPairs
    {
        public static AvroParseResult Parse(string text, string path = "schema.avsc")
        {
            var result = AvroSchemaParser.Parse(text, path);
            Assert.True(result.Root is not null, "test schema does not parse:\n" + string.Join("\n", result.Diagnostics));
            return result;
        }

        /// <summary>Can <paramref name="reader"/> read data written with <paramref name="writer"/>?</summary>
        public static IReadOnlyList<CompatibilityIssue> Check(string reader, string writer)
            => AvroCompatibility.CheckCanRead(Parse(reader, "reader.avsc"), Parse(writer, "writer.avsc"));

        public static CompatibilityIssue Single(string reader, string writer)
        {
            var issues = Check(reader, writer);
            Assert.True(issues.Count == 1, $"expected one issue, got {issues.Count}:\n" + string.Join("\n", issues.Select(i => $"{i.RuleId} {i.Path} {i.Message}")));
            return issues[0];
        }

        /// <summary>Makes single quotes double, so schemas in tests read without escapes.</summary>
        public static string J(string text) => text.Replace('\'', '"');
    }
}
