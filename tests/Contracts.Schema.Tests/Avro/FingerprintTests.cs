using Contracts.Schema.Avro;

namespace Contracts.Schema.Tests.Avro
{
    public class FingerprintTests
    {
        private static SchemaFingerprint Of(string text)
        {
            var result = AvroSchemaParser.Parse(text, "s.avsc");
            Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
            return SchemaFingerprint.Of(AvroCanonicalForm.Of(result.Root!));
        }

        private static (string Form, ulong Crc) Apache(string text)
        {
            var schema = global::Avro.Schema.Parse(text);
            return (global::Avro.SchemaNormalization.ToParsingForm(schema), (ulong)global::Avro.SchemaNormalization.ParsingFingerprint64(schema));
        }

        public static TheoryData<string> Schemas => new()
        {
            "\"int\"",
            "{\"type\":\"string\"}",
            "[\"null\",\"string\",{\"type\":\"array\",\"items\":\"long\"}]",
            "{\"type\":\"map\",\"values\":{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"n\",\"symbols\":[\"A\",\"B\"]}}",
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a.b\",\"doc\":\"d\",\"fields\":[{\"name\":\"f\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"size\":16},\"default\":\"0123456789abcdef\"},{\"name\":\"g\",\"type\":\"F\"},{\"name\":\"h\",\"type\":{\"type\":\"record\",\"name\":\"c.Inner\",\"fields\":[{\"name\":\"r\",\"type\":[\"null\",\"a.b.R\"]}]}}]}",
            "{\"type\":\"record\",\"name\":\"LongList\",\"aliases\":[\"LinkedLongs\"],\"fields\":[{\"name\":\"value\",\"type\":\"long\"},{\"name\":\"next\",\"type\":[\"null\",\"LongList\"]}]}",
            "{\"type\":\"record\",\"name\":\"T\",\"fields\":[{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}},{\"name\":\"d\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}}]}",
        };

        [Theory]
        [MemberData(nameof(Schemas))]
        public void canonical_form_and_crc64_equal_apache_avro(string text)
        {
            var ours = Of(text);
            var (form, crc) = Apache(text);
            Assert.Equal(form, ours.CanonicalForm);
            Assert.Equal(crc, ours.Crc64);
            Assert.Equal(64, ours.Sha256.Length);
        }

        [Fact]
        public void the_crc64_of_the_empty_input_is_the_specification_seed()
        {
            Assert.Equal(0xc15d213aa4d7a795UL, Fingerprints.Crc64Avro(new byte[0]));
        }

        [Fact]
        public void docs_aliases_defaults_formatting_and_member_order_do_not_change_the_fingerprint()
        {
            var plain = Of("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"n\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
            var dressed = Of("""
                {
                  "fields": [ { "type": "int", "name": "a", "doc": "the a", "default": 3, "aliases": ["b"] } ],
                  "doc": "A record.",
                  "name": "R",
                  "namespace": "n",
                  "type": "record"
                }
                """);
            Assert.Equal(plain, dressed);
        }

        [Fact]
        public void a_change_that_matters_to_parsing_changes_the_fingerprint()
        {
            var a = Of("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
            var b = Of("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"long\"}]}");
            Assert.NotEqual(a.Crc64, b.Crc64);
            Assert.NotEqual(a.Sha256, b.Sha256);
        }
    }
}
