using System.Linq;
using Contracts.Schema.Avro;
using Contracts.Schema.Model;

namespace Contracts.Schema.Tests.Avro
{
    public class AvroParserTests
    {
        private const string OrderPlaced = """
            {
              "type": "record", "name": "OrderPlaced", "namespace": "shop.orders", "doc": "An order was placed.",
              "aliases": ["OrderCreated"],
              "fields": [
                {"name": "orderId", "type": {"type": "string", "logicalType": "uuid"}, "doc": "The order."},
                {"name": "placedAt", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                {"name": "total", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 2}},
                {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "UNKNOWN"], "default": "UNKNOWN"}, "default": "NEW"},
                {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 16}},
                {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
                    {"name": "sku", "type": "string"}, {"name": "quantity", "type": "int", "default": 1}]}}},
                {"name": "tags", "type": {"type": "map", "values": "string"}, "default": {}},
                {"name": "note", "type": ["null", "string"], "default": null},
                {"name": "previous", "type": ["null", "Line"], "default": null, "aliases": ["prior"]},
                {"name": "class", "type": "string", "default": ""}
              ]
            }
            """;

        [Fact]
        public void a_valid_schema_maps_every_construct_onto_the_model()
        {
            var result = AvroSchemaParser.Parse(OrderPlaced, "OrderPlaced.v1.avsc");
            Assert.Empty(result.Diagnostics);
            var record = Assert.IsType<RecordType>(result.Root);
            Assert.Equal("shop.orders.OrderPlaced", record.FullName);
            Assert.Equal("An order was placed.", record.Doc);
            Assert.Equal(new[] { "shop.orders.OrderCreated" }, record.Aliases.ToArray());
            Assert.Equal(11, record.Fields.Count);

            var orderId = record.Fields[0];
            Assert.Equal(new LogicalType(LogicalType.Uuid), ((PrimitiveType)orderId.Type).Logical);
            Assert.Equal("The order.", orderId.Doc);
            Assert.False(orderId.HasDefault);
            Assert.Equal(LogicalType.TimestampMicros, ((PrimitiveType)record.Fields[1].Type).Logical!.Name);
            Assert.Equal(LogicalType.Date, ((PrimitiveType)record.Fields[2].Type).Logical!.Name);
            Assert.Equal(new LogicalType(LogicalType.Decimal, 18, 2), ((PrimitiveType)record.Fields[3].Type).Logical);

            var status = Assert.IsType<EnumType>(record.Fields[4].Type);
            Assert.Equal("shop.orders.Status", status.FullName);
            Assert.Equal("UNKNOWN", status.Default);
            Assert.Equal("\"NEW\"", record.Fields[4].DefaultJson);

            Assert.Equal(16, Assert.IsType<FixedType>(record.Fields[5].Type).Size);
            var line = Assert.IsType<RecordType>(Assert.IsType<ArrayType>(record.Fields[6].Type).Items);
            Assert.Equal("shop.orders.Line", line.FullName);
            Assert.Equal("{}", record.Fields[7].DefaultJson);
            var note = Assert.IsType<UnionType>(record.Fields[8].Type);
            Assert.True(note.IsNullableWrapper);
            Assert.Equal("null", record.Fields[8].DefaultJson);

            var previous = Assert.IsType<UnionType>(record.Fields[9].Type);
            Assert.Equal(new NamedTypeReference("shop.orders.Line"), previous.NonNullBranch! with { Pointer = "", Span = null });
            Assert.Equal(new[] { "prior" }, record.Fields[9].Aliases.ToArray());
            Assert.Equal("class", record.Fields[10].Name); // a C# keyword is fine in a schema
            Assert.Equal(new[] { "shop.orders.OrderPlaced", "shop.orders.Status", "shop.orders.Hash", "shop.orders.Line" }.OrderBy(x => x), result.NamedTypes.Keys.OrderBy(x => x));
        }

        [Fact]
        public void fields_carry_their_json_pointer_and_line()
        {
            var result = AvroSchemaParser.Parse(OrderPlaced, "OrderPlaced.v1.avsc");
            var record = (RecordType)result.Root!;
            Assert.Equal("/fields/3", record.Fields[3].Pointer);
            Assert.Equal(8, record.Fields[3].Span!.Line);
            Assert.Equal("/fields/3/type", record.Fields[3].Type.Pointer);
        }

        [Fact]
        public void a_recursive_record_refers_to_itself_by_name_and_the_model_is_finite()
        {
            var text = """{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"children","type":{"type":"array","items":"Node"}}]}""";
            var result = AvroSchemaParser.Parse(text, "Node.v1.avsc");
            Assert.Empty(result.Diagnostics);
            var record = (RecordType)result.Root!;
            var items = ((ArrayType)record.Fields[1].Type).Items;
            Assert.Equal("Node", Assert.IsType<NamedTypeReference>(items).FullName);
            // Parsing twice gives equal models (value equality, used by the generator's cache).
            Assert.Equal(record, AvroSchemaParser.Parse(text, "Node.v1.avsc").Root);
        }

        [Fact]
        public void names_resolve_through_the_enclosing_namespace_and_dotted_names_set_their_own()
        {
            var text = """
                {"type":"record","name":"a.b.Outer","fields":[
                  {"name":"inner","type":{"type":"record","name":"Inner","fields":[]}},
                  {"name":"again","type":"Inner"},
                  {"name":"other","type":{"type":"enum","name":"x.Kind","symbols":["A"]}},
                  {"name":"otherAgain","type":"x.Kind"}
                ]}
                """;
            var result = AvroSchemaParser.Parse(text, "Outer.v1.avsc");
            Assert.Empty(result.Diagnostics);
            var record = (RecordType)result.Root!;
            Assert.Equal("a.b.Inner", ((RecordType)record.Fields[0].Type).FullName);
            Assert.Equal("a.b.Inner", ((NamedTypeReference)record.Fields[1].Type).FullName);
            Assert.Equal("x.Kind", ((EnumType)record.Fields[2].Type).FullName);
        }

        [Fact]
        public void a_union_default_may_match_any_branch_as_avro_1_12_allows()
        {
            var text = """{"type":"record","name":"R","fields":[{"name":"n","type":["null","string"],"default":"x"}]}""";
            Assert.Empty(AvroSchemaParser.Parse(text, "R.v1.avsc").Diagnostics);
        }

        [Fact]
        public void an_unknown_logical_type_is_a_warning_and_the_underlying_type_is_used()
        {
            var text = """{"type":"record","name":"R","fields":[{"name":"n","type":{"type":"string","logicalType":"iso-country"}}]}""";
            var result = AvroSchemaParser.Parse(text, "R.v1.avsc");
            var warning = Assert.Single(result.Diagnostics);
            Assert.Equal("CTR1011", warning.Id);
            Assert.NotNull(result.Root);
            Assert.Null(((PrimitiveType)((RecordType)result.Root!).Fields[0].Type).Logical);
        }
    }
}
