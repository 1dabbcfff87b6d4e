using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Compatibility.Avro;
using Contracts.Schema.Diagnostics;
using static Contracts.Schema.Tests.Compatibility.Avro.AvroPairs;

namespace Contracts.Schema.Tests.Compatibility.Avro
{
    /// <summary>Hostile or extreme schemas end with a verdict or a diagnostic, quickly.</summary>
    public class AvroAdversarialTests
    {
        private static readonly string LinkedList = J("{'type':'record','name':'Node','fields':[{'name':'value','type':'int'},{'name':'next','type':['null','Node']}]}");

        [Fact]
        public void a_recursive_record_is_compatible_with_itself()
        {
            Assert.Empty(Check(LinkedList, LinkedList));
        }

        [Fact]
        public void a_recursive_record_reports_its_incompatibility_once_and_terminates()
        {
            var reader = J("{'type':'record','name':'Node','fields':[{'name':'value','type':'string'},{'name':'next','type':['null','Node']}]}");
            var issue = Single(reader, LinkedList);
            Assert.Equal(DiagnosticCatalog.TypeMismatch, issue.RuleId);
            Assert.Equal("/fields/0/type", issue.ReaderPointer);
        }

        [Fact]
        public void a_long_cycle_of_mutually_recursive_records_terminates()
        {
            // R0 -> R1 -> ... -> R49 -> R0, nested definitions (50 levels deep), each with a union back-reference.
            string Build(string valueType)
            {
                var b = new StringBuilder();
                for (var i = 0; i < 50; i++)
                {
                    var next = i == 49 ? "\"R0\"" : "";
                    b.Append($"{{\"type\":\"record\",\"name\":\"R{i}\",\"fields\":[{{\"name\":\"v\",\"type\":\"{valueType}\"}},{{\"name\":\"back\",\"type\":[\"null\",\"R0\"]}},{{\"name\":\"next\",\"type\":");
                    if (i == 49) b.Append(next);
                }
                for (var i = 0; i < 50; i++) b.Append("}]}");
                return b.ToString();
            }
            Assert.Empty(Check(Build("long"), Build("int")));
            var issues = Check(Build("int"), Build("long"));
            Assert.Equal(50, issues.Count);
            Assert.All(issues, i => Assert.Equal(DiagnosticCatalog.TypeMismatch, i.RuleId));
        }

        [Fact]
        public void a_record_of_ten_thousand_fields_is_checked_quickly_and_reports_every_field()
        {
            string Build(string type, int defaults)
            {
                var b = new StringBuilder("{\"type\":\"record\",\"name\":\"Wide\",\"fields\":[");
                for (var i = 0; i < 10_000; i++)
                {
                    if (i > 0) b.Append(',');
                    b.Append($"{{\"name\":\"f{i}\",\"type\":\"{type}\"");
                    if (i < defaults) b.Append(",\"default\":1");
                    b.Append('}');
                }
                return b.Append("]}").ToString();
            }
            var narrow = Parse(Build("int", 0), "narrow.avsc");
            var wide = Parse(Build("long", 0), "wide.avsc");
            var watch = Stopwatch.StartNew();
            Assert.Empty(AvroCompatibility.CheckCanRead(wide, narrow));
            var issues = AvroCompatibility.CheckCanRead(narrow, wide);
            watch.Stop();
            Assert.Equal(10_000, issues.Count);
            Assert.Equal("/fields/9999/type", issues[9999].ReaderPointer);
            // Generous: a loaded CI machine; an idle one takes well under a second.
            Assert.True(watch.ElapsedMilliseconds < 20_000, $"took {watch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void a_union_of_a_hundred_branches_is_checked()
        {
            string Union(int count, int skip)
            {
                var branches = Enumerable.Range(0, count).Where(i => i != skip)
                    .Select(i => $"{{\"type\":\"record\",\"name\":\"B{i}\",\"fields\":[{{\"name\":\"x\",\"type\":\"int\"}}]}}");
                return "[" + string.Join(",", branches) + "]";
            }
            Assert.Empty(Check(Union(100, -1), Union(100, -1)));
            var issue = Single(Union(100, 42), Union(100, -1));
            Assert.Equal(DiagnosticCatalog.MissingUnionBranch, issue.RuleId);
            Assert.Equal("/42", issue.WriterPointer);
            Assert.Contains("record `B42`", issue.Message);
        }

        [Fact]
        public void a_record_that_refers_to_itself_through_an_alias_terminates()
        {
            // The reader renames Node to Item (alias Node); both refer to themselves.
            var reader = J("{'type':'record','name':'Item','aliases':['Node'],'fields':[{'name':'value','type':'long'},{'name':'next','type':['null','Item']}]}");
            Assert.Empty(Check(reader, LinkedList));
            // Without the alias the names differ at every level; reported once.
            var unaliased = J("{'type':'record','name':'Item','fields':[{'name':'value','type':'long'},{'name':'next','type':['null','Item']}]}");
            var issues = Check(unaliased, LinkedList);
            Assert.Contains(issues, i => i.RuleId == DiagnosticCatalog.NameMismatch && i.ReaderPointer == "/name");
        }

        /// <summary>
        /// A record whose field <c>last</c> is R(n-1), each Ri holding a field of type R(i-1): a chain n deep.
        /// The definitions stand in a first field (a union) that the other side lacks, so the walk starts at the
        /// deep end.
        /// </summary>
        private static string Chain(int n, string definitionsField)
        {
            var b = new StringBuilder("{\"type\":\"record\",\"name\":\"Top\",\"fields\":[{\"name\":\"" + definitionsField + "\",\"default\":null,\"type\":[\"null\"");
            for (var i = 0; i < n; i++)
            {
                b.Append($",{{\"type\":\"record\",\"name\":\"R{i}\",\"fields\":[{{\"name\":\"v\",\"type\":\"int\"}}");
                if (i > 0) b.Append($",{{\"name\":\"previous\",\"type\":\"R{i - 1}\"}}");
                b.Append("]}");
            }
            return b.Append($"]}},{{\"name\":\"last\",\"type\":\"R{n - 1}\"}}]}}").ToString();
        }

        [Fact]
        public void a_chain_of_a_thousand_nested_named_types_is_checked()
        {
            var reader = Parse(Chain(1000, "readerDefinitions"), "reader.avsc");
            var writer = Parse(Chain(1000, "writerDefinitions"), "writer.avsc");
            Assert.Empty(AvroCompatibility.CheckCanRead(reader, writer));
        }

        [Fact]
        public void CTR2008_a_chain_deeper_than_the_stack_allows_is_a_diagnostic_not_a_crash()
        {
            var reader = Parse(Chain(1000, "readerDefinitions"), "reader.avsc");
            var writer = Parse(Chain(1000, "writerDefinitions"), "writer.avsc");
            System.Collections.Generic.IReadOnlyList<CompatibilityIssue>? issues = null;
            // A small stack stands in for a far deeper chain on a normal one.
            var thread = new Thread(() => issues = AvroCompatibility.CheckCanRead(reader, writer), 256 * 1024);
            thread.Start();
            thread.Join();
            var issue = Assert.Single(issues!);
            Assert.Equal(DiagnosticCatalog.SchemaTooDeep, issue.RuleId);
            Assert.Contains("not proven", issue.Message);
        }

        [Fact]
        public void an_alias_used_as_a_type_name_is_a_parse_diagnostic_not_a_loop()
        {
            var result = AvroSchemaParser.Parse(J("{'type':'record','name':'Item','aliases':['Node'],'fields':[{'name':'next','type':['null','Node']}]}"), "alias.avsc");
            Assert.Null(result.Root);
            Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticCatalog.UnknownType);
        }

        [Fact]
        public void arrays_nested_two_hundred_deep_are_checked()
        {
            string Nested(string leaf)
            {
                var b = new StringBuilder();
                for (var i = 0; i < 120; i++) b.Append("{\"type\":\"array\",\"items\":");
                b.Append('"').Append(leaf).Append('"');
                for (var i = 0; i < 120; i++) b.Append('}');
                return b.ToString();
            }
            Assert.Empty(Check(Nested("long"), Nested("int")));
            var issue = Single(Nested("int"), Nested("long"));
            Assert.EndsWith("/items/items", issue.ReaderPointer);
        }

        [Fact]
        public void nesting_beyond_the_parsers_limit_is_a_diagnostic()
        {
            var b = new StringBuilder();
            for (var i = 0; i < 1000; i++) b.Append("{\"type\":\"array\",\"items\":");
            b.Append("\"int\"");
            for (var i = 0; i < 1000; i++) b.Append('}');
            var result = AvroSchemaParser.Parse(b.ToString(), "deep.avsc");
            Assert.Null(result.Root);
            Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticCatalog.InvalidJson);
        }
    }
}
