using System.Linq;
using Contracts.Schema.Avro;

namespace Contracts.Schema.Tests.Avro
{
    public class MalformedAvroSchemaTests
    {
        // Each case: the schema text (line breaks matter: positions are asserted), the expected id, line and column.
        public static TheoryData<string, string, string, int, int> Cases => new()
        {
            { "invalid JSON", "{\"type\": \"record\",\n \"name\": \"R\" \"fields\": []}", "CTR1001", 2, 14 },
            { "empty file", "", "CTR1001", 1, 1 },
            { "unknown type", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n  {\"name\":\"a\",\"type\":\"strng\"}]}", "CTR1003", 2, 22 },
            { "duplicate field", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n {\"name\":\"a\",\"type\":\"int\"},\n {\"name\":\"a\",\"type\":\"long\"}]}", "CTR1004", 3, 10 },
            { "default of the wrong type", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n {\"name\":\"a\",\"type\":\"int\",\"default\":\"zero\"}]}", "CTR1005", 2, 37 },
            { "int default out of range", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":3000000000}]}", "CTR1005", 1, 74 },
            { "null default on a non-null field", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"default\":null}]}", "CTR1005", 1, 77 },
            { "decimal without precision", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\"}}]}", "CTR1006", 1, 88 },
            { "decimal scale above precision", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":2,\"scale\":3}}]}", "CTR1006", 1, 120 },
            { "date on a string", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":{\"type\":\"string\",\"logicalType\":\"date\"}}]}", "CTR1006", 1, 89 },
            { "decimal too wide for its fixed", "{\"type\":\"fixed\",\"name\":\"F\",\"size\":2,\"logicalType\":\"decimal\",\"precision\":5}", "CTR1006", 1, 73 },
            { "invalid record name", "{\"type\":\"record\",\"name\":\"9R\",\"fields\":[]}", "CTR1007", 1, 25 },
            { "invalid field name", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a-b\",\"type\":\"int\"}]}", "CTR1007", 1, 47 },
            { "a named type defined twice", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n{\"name\":\"a\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"X\"]}},\n{\"name\":\"b\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"Y\"]}}]}", "CTR1008", 3, 42 },
            { "duplicate enum symbol", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}", "CTR1009", 1, 42 },
            { "enum default not a symbol", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}", "CTR1009", 1, 53 },
            { "fixed without size", "{\"type\":\"fixed\",\"name\":\"F\"}", "CTR1010", 1, 1 },
            { "nested union", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":[\"null\",[\"int\",\"long\"]]}]}", "CTR1012", 1, 66 },
            { "duplicate union branch", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":[\"int\",\"int\"]}]}", "CTR1012", 1, 65 },
            { "duplicate JSON member", "{\"type\":\"record\",\"name\":\"R\",\"name\":\"S\",\"fields\":[]}", "CTR1013", 1, 29 },
            { "names that collide in C#", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[\n{\"name\":\"order_id\",\"type\":\"string\"},\n{\"name\":\"orderId\",\"type\":\"string\"}]}", "CTR1014", 3, 9 },
            { "record without fields", "{\"type\":\"record\",\"name\":\"R\"}", "CTR1002", 1, 1 },
            { "field without type", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\"}]}", "CTR1002", 1, 39 },
            { "schema object without type", "{\"name\":\"R\"}", "CTR1002", 1, 1 },
            { "a number where a schema belongs", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":42}]}", "CTR1002", 1, 58 },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void a_malformed_schema_is_reported_with_its_id_and_position(string description, string text, string id, int line, int column)
        {
            var result = AvroSchemaParser.Parse(text, "bad.avsc");
            Assert.True(result.HasErrors, description);
            Assert.Null(result.Root);
            var diagnostic = result.Diagnostics.FirstOrDefault(d => d.Id == id);
            Assert.True(diagnostic is not null, $"{description}: expected {id}, got {string.Join("; ", result.Diagnostics)}");
            Assert.Equal((line, column), (diagnostic!.Location.Line, diagnostic.Location.Column));
            Assert.Equal("bad.avsc", diagnostic.Location.Path);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }

        [Fact]
        public void every_problem_is_reported_in_one_pass()
        {
            var text = """
                {"type":"record","name":"R","fields":[
                  {"name":"a","type":"strng"},
                  {"name":"b","type":"int","default":"x"},
                  {"name":"b","type":"int"},
                  {"name":"c","type":{"type":"enum","name":"E","symbols":["A","A"]}}
                ]}
                """;
            var ids = AvroSchemaParser.Parse(text, "R.v1.avsc").Diagnostics.Select(d => d.Id).ToArray();
            Assert.Equal(new[] { "CTR1003", "CTR1005", "CTR1004", "CTR1009" }, ids);
        }

        [Fact]
        public void hostile_nesting_is_a_diagnostic_not_a_crash()
        {
            var text = new string('[', 100_000) + new string(']', 100_000);
            var result = AvroSchemaParser.Parse(text, "deep.avsc");
            Assert.Equal("CTR1001", Assert.Single(result.Diagnostics).Id);
        }
    }
}
