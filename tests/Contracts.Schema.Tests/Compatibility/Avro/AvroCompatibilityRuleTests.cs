using System.Linq;
using Contracts.Schema.Diagnostics;
using static Contracts.Schema.Tests.Compatibility.Avro.AvroPairs;

namespace Contracts.Schema.Tests.Compatibility.Avro
{
    /// <summary>One or more small reader/writer pairs per rule, in the order of the catalog.</summary>
    public class AvroCompatibilityRuleTests
    {
        private static readonly string OrderV1 = J(@"{
  'type': 'record', 'name': 'Order', 'namespace': 'com.shop',
  'fields': [
    {'name': 'id', 'type': 'string'},
    {'name': 'amount', 'type': 'int'}
  ]
}");

        [Fact]
        public void identical_schemas_are_compatible()
        {
            Assert.Empty(Check(OrderV1, OrderV1));
        }

        [Theory]
        [InlineData("int", "long")]
        [InlineData("int", "float")]
        [InlineData("int", "double")]
        [InlineData("long", "float")]
        [InlineData("long", "double")]
        [InlineData("float", "double")]
        [InlineData("string", "bytes")]
        [InlineData("bytes", "string")]
        public void a_writer_primitive_is_read_by_the_types_it_promotes_to(string writer, string reader)
        {
            Assert.Empty(Check($"\"{reader}\"", $"\"{writer}\""));
        }

        [Theory]
        [InlineData("long", "int")]
        [InlineData("double", "float")]
        [InlineData("float", "long")]
        [InlineData("int", "boolean")]
        [InlineData("string", "int")]
        [InlineData("null", "string")]
        public void no_promotion_narrows_a_type(string writer, string reader)
        {
            var issue = Single($"\"{reader}\"", $"\"{writer}\"");
            Assert.Equal(DiagnosticCatalog.TypeMismatch, issue.RuleId);
        }

        [Fact]
        public void CTR2001_a_new_reader_field_without_default_is_reported_at_the_field()
        {
            var reader = J(@"{
  'type': 'record', 'name': 'Order', 'namespace': 'com.shop',
  'fields': [
    {'name': 'id', 'type': 'string'},
    {'name': 'amount', 'type': 'int'},
    {'name': 'currency', 'type': 'string'}
  ]
}");
            var issue = Single(reader, OrderV1);
            Assert.Equal(DiagnosticCatalog.ReaderFieldMissingDefault, issue.RuleId);
            Assert.Equal("/fields/2", issue.ReaderPointer);
            Assert.Equal("", issue.WriterPointer);
            Assert.Equal("/fields/2", issue.Path);
            Assert.Equal(6, issue.ReaderLocation!.Line);
            Assert.Equal(5, issue.ReaderLocation.Column);
            Assert.Equal("reader.avsc", issue.ReaderLocation.Path);
            Assert.Equal(1, issue.WriterLocation!.Line);
            Assert.Contains("add a default to field `currency`", issue.Fix);
            Assert.Equal("{\"name\":\"currency\",\"type\":\"string\"}", issue.ReaderFragment);
        }

        [Fact]
        public void CTR2001_a_default_or_an_alias_for_the_writer_field_makes_a_new_reader_field_readable()
        {
            var withDefault = J("{'type':'record','name':'R','fields':[{'name':'a','type':'int'},{'name':'b','type':['null','string'],'default':null}]}");
            var renamed = J("{'type':'record','name':'R','fields':[{'name':'total','type':'int','aliases':['a']}]}");
            var writer = J("{'type':'record','name':'R','fields':[{'name':'a','type':'int'}]}");
            Assert.Empty(Check(withDefault, writer));
            Assert.Empty(Check(renamed, writer));
        }

        [Fact]
        public void CTR2001_a_writer_field_alias_does_not_count_only_reader_aliases_do()
        {
            var reader = J("{'type':'record','name':'R','fields':[{'name':'total','type':'int'}]}");
            var writer = J("{'type':'record','name':'R','fields':[{'name':'a','type':'int','aliases':['total']}]}");
            Assert.Equal(DiagnosticCatalog.ReaderFieldMissingDefault, Single(reader, writer).RuleId);
        }

        [Fact]
        public void CTR2001_an_enum_default_symbol_is_not_a_field_default()
        {
            var reader = J("{'type':'record','name':'R','fields':[{'name':'s','type':{'type':'enum','name':'S','symbols':['A','B'],'default':'A'}}]}");
            var writer = J("{'type':'record','name':'R','fields':[]}");
            var issue = Single(reader, writer);
            Assert.Equal(DiagnosticCatalog.ReaderFieldMissingDefault, issue.RuleId);
            Assert.Contains("not a field default", issue.Message);
        }

        [Fact]
        public void CTR2002_a_changed_field_type_is_reported_with_both_pointers_and_fragments()
        {
            var reader = J(@"{
  'type': 'record', 'name': 'Order', 'namespace': 'com.shop',
  'fields': [
    {'name': 'id', 'type': 'string'},
    {'name': 'amount', 'type': 'string'}
  ]
}");
            var issue = Single(reader, OrderV1);
            Assert.Equal(DiagnosticCatalog.TypeMismatch, issue.RuleId);
            Assert.Equal("/fields/1/type", issue.ReaderPointer);
            Assert.Equal("/fields/1/type", issue.WriterPointer);
            Assert.Equal(5, issue.ReaderLocation!.Line);
            Assert.Equal("\"string\"", issue.ReaderFragment);
            Assert.Equal("\"int\"", issue.WriterFragment);
            Assert.Equal("reader type `string` cannot read writer type `int`", issue.Message);
            Assert.Contains("`long`, `float`, `double`", issue.Fix);
        }

        [Fact]
        public void CTR2002_a_non_union_reader_must_read_every_writer_branch()
        {
            var reader = J("{'type':'record','name':'Account','fields':[{'name':'age','type':'int'}]}");
            var writer = J("{'type':'record','name':'Account','fields':[{'name':'age','type':['null','int'],'default':null}]}");
            var issue = Single(reader, writer);
            Assert.Equal(DiagnosticCatalog.TypeMismatch, issue.RuleId);
            Assert.Equal("/fields/0/type/0", issue.Path);
            Assert.Equal("/fields/0/type/0", issue.WriterPointer);
            Assert.Equal("/fields/0/type", issue.ReaderPointer);
        }

        [Fact]
        public void CTR2003_named_types_match_on_the_unqualified_name_or_a_reader_alias_of_the_writers_full_name()
        {
            var writer = J("{'type':'fixed','name':'Hash','namespace':'a.b','size':16}");
            Assert.Empty(Check(J("{'type':'fixed','name':'Hash','namespace':'x.y','size':16}"), writer));
            Assert.Empty(Check(J("{'type':'fixed','name':'Digest','namespace':'x.y','aliases':['a.b.Hash'],'size':16}"), writer));

            // An unqualified alias is qualified with the reader's own namespace, so it names x.y.Hash, not a.b.Hash.
            var issue = Single(J("{'type':'fixed','name':'Digest','namespace':'x.y','aliases':['Hash'],'size':16}"), writer);
            Assert.Equal(DiagnosticCatalog.NameMismatch, issue.RuleId);
            Assert.Equal("/name", issue.ReaderPointer);
            Assert.Equal("/name", issue.Path);
            Assert.Contains("add \"a.b.Hash\" to its aliases", issue.Fix);
        }

        [Fact]
        public void CTR2003_a_writer_alias_does_not_rename()
        {
            var reader = J("{'type':'record','name':'Record1','fields':[]}");
            var writer = J("{'type':'record','name':'Record2','aliases':['Record1'],'fields':[]}");
            Assert.Equal(DiagnosticCatalog.NameMismatch, Single(reader, writer).RuleId);
        }

        [Fact]
        public void CTR2004_fixed_size_mismatch()
        {
            var issue = Single(J("{'type':'fixed','name':'F','size':4}"), J("{'type':'fixed','name':'F','size':8}"));
            Assert.Equal(DiagnosticCatalog.FixedSizeMismatch, issue.RuleId);
            Assert.Equal("/size", issue.ReaderPointer);
            Assert.Equal("4", issue.ReaderFragment);
            Assert.Equal("8", issue.WriterFragment);
            Assert.Contains("keep size 8", issue.Fix);
        }

        [Fact]
        public void CTR2005_a_removed_enum_symbol_is_reported_unless_the_reader_enum_has_a_default()
        {
            var writer = J("{'type':'enum','name':'Status','symbols':['OPEN','PAID','CANCELLED']}");
            var issue = Single(J("{'type':'enum','name':'Status','symbols':['OPEN','PAID']}"), writer);
            Assert.Equal(DiagnosticCatalog.MissingEnumSymbols, issue.RuleId);
            Assert.Equal("/symbols", issue.ReaderPointer);
            Assert.Equal("keep symbol `CANCELLED` or give the enum a default", issue.Fix);
            Assert.Contains("`CANCELLED`", issue.Message);

            Assert.Empty(Check(J("{'type':'enum','name':'Status','symbols':['UNKNOWN','OPEN','PAID'],'default':'UNKNOWN'}"), writer));
        }

        [Fact]
        public void CTR2006_every_writer_union_branch_needs_a_reader_branch()
        {
            var issue = Single(J("['int','string']"), J("['int','string','long']"));
            Assert.Equal(DiagnosticCatalog.MissingUnionBranch, issue.RuleId);
            Assert.Equal("/2", issue.Path);
            Assert.Equal("/2", issue.WriterPointer);
            Assert.Equal("", issue.ReaderPointer);
            Assert.Contains("`long`", issue.Message);
        }

        [Fact]
        public void CTR2006_a_reader_union_reads_a_writer_type_when_some_branch_does()
        {
            Assert.Empty(Check(J("['null','long']"), J("'int'")));
            var issue = Single(J("['null','string']"), J("'int'"));
            Assert.Equal(DiagnosticCatalog.MissingUnionBranch, issue.RuleId);
            Assert.Equal("/", issue.Path);
        }

        [Fact]
        public void singleton_unions_read_and_are_read_like_their_branch()
        {
            Assert.Empty(Check(J("['int']"), J("'int'")));
            Assert.Empty(Check(J("'long'"), J("['int']")));
            Assert.Empty(Check(J("['long']"), J("['int']")));
            Assert.Equal(DiagnosticCatalog.TypeMismatch, Single(J("'int'"), J("['long']")).RuleId);
        }

        [Fact]
        public void CTR2007_a_reader_field_that_matches_two_writer_fields_is_reported()
        {
            var reader = J("{'type':'record','name':'R','fields':[{'name':'a','type':'int','aliases':['b']}]}");
            var writer = J("{'type':'record','name':'R','fields':[{'name':'a','type':'int'},{'name':'b','type':'int'}]}");
            var issue = Single(reader, writer);
            Assert.Equal(DiagnosticCatalog.AmbiguousFieldMatch, issue.RuleId);
            Assert.Equal("/fields/0", issue.ReaderPointer);
        }

        [Fact]
        public void every_incompatibility_is_reported_not_only_the_first()
        {
            var writer = J(@"{
  'type': 'record', 'name': 'Payment',
  'fields': [
    {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['OK', 'FAILED']}},
    {'name': 'hash', 'type': {'type': 'fixed', 'name': 'Hash', 'size': 16}},
    {'name': 'amount', 'type': 'long'},
    {'name': 'tags', 'type': {'type': 'array', 'items': 'string'}}
  ]
}");
            var reader = J(@"{
  'type': 'record', 'name': 'Payment',
  'fields': [
    {'name': 'status', 'type': {'type': 'enum', 'name': 'Status', 'symbols': ['OK']}},
    {'name': 'hash', 'type': {'type': 'fixed', 'name': 'Digest', 'size': 32}},
    {'name': 'amount', 'type': 'int'},
    {'name': 'tags', 'type': {'type': 'array', 'items': 'int'}},
    {'name': 'currency', 'type': 'string'}
  ]
}");
            var issues = Check(reader, writer);
            Assert.Equal(
                new[]
                {
                    "CTR2005 /fields/0/type/symbols",
                    "CTR2003 /fields/1/type/name",
                    "CTR2004 /fields/1/type/size",
                    "CTR2002 /fields/2/type",
                    "CTR2002 /fields/3/type/items",
                    "CTR2001 /fields/4",
                },
                issues.Select(i => i.RuleId + " " + i.ReaderPointer).ToArray());
            Assert.Equal(new[] { 4, 5, 5, 6, 7, 8 }, issues.Select(i => i.ReaderLocation!.Line).ToArray());
        }

        [Fact]
        public void a_named_type_used_twice_reports_its_problem_once_at_its_definition()
        {
            var writer = J("{'type':'record','name':'R','fields':[{'name':'a','type':{'type':'enum','name':'E','symbols':['X','Y']}},{'name':'b','type':'E'}]}");
            var reader = J("{'type':'record','name':'R','fields':[{'name':'a','type':{'type':'enum','name':'E','symbols':['X']}},{'name':'b','type':'E'}]}");
            var issue = Single(reader, writer);
            Assert.Equal("/fields/0/type/symbols", issue.ReaderPointer);
        }
    }
}
