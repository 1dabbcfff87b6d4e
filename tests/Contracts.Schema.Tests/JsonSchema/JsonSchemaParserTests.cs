using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Json;
using Contracts.Schema.JsonSchema;
using Contracts.Schema.Model;

namespace Contracts.Schema.Tests.JsonSchema
{
    public class JsonSchemaParserTests
    {
        private const string InventoryReserved = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "shop.inventory.InventoryReserved",
              "description": "Stock was set aside for an order.",
              "type": "object",
              "required": ["orderId", "lines", "reservedAt"],
              "properties": {
                "orderId": {"type": "string", "format": "uuid"},
                "reservedAt": {"type": "string", "format": "date-time"},
                "warehouse": {"type": ["string", "null"]},
                "lines": {"type": "array", "items": {"$ref": "#/$defs/Line"}},
                "status": {"enum": ["HELD", "RELEASED"]},
                "attributes": {"type": "object", "additionalProperties": {"type": "integer"}},
                "price": {"$ref": "Money.v1.schema.json"}
              },
              "$defs": {
                "Line": {"type": "object", "required": ["sku"], "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer", "default": 1}}}
              }
            }
            """;

        private const string Money = """{"title":"Money","type":"object","required":["amount"],"properties":{"amount":{"type":"number"},"currency":{"type":"string"}}}""";

        private static JsonSchemaParseResult Parse(string text, Dictionary<string, string>? files = null)
            => JsonSchemaParser.Parse(text, "InventoryReserved.v1.schema.json", "InventoryReserved", "shop", name => files is not null && files.TryGetValue(name, out var t) ? t : null);

        [Fact]
        public void objects_map_to_records_with_required_and_optional_fields()
        {
            var result = Parse(InventoryReserved, new Dictionary<string, string> { ["Money.v1.schema.json"] = Money });
            Assert.Empty(result.Diagnostics);
            var record = Assert.IsType<RecordType>(result.Root);
            Assert.Equal("shop.inventory.InventoryReserved", record.FullName);
            Assert.Equal("Stock was set aside for an order.", record.Doc);
            var fields = record.Fields.ToDictionary(f => f.Name);
            Assert.Equal(LogicalType.Uuid, ((PrimitiveType)fields["orderId"].Type).Logical!.Name);
            Assert.True(fields["orderId"].Required);
            Assert.Equal(LogicalType.TimestampMicros, ((PrimitiveType)fields["reservedAt"].Type).Logical!.Name);
            Assert.True(((UnionType)fields["warehouse"].Type).IsNullableWrapper);
            Assert.False(fields["warehouse"].Required);
            var line = Assert.IsType<RecordType>(((ArrayType)fields["lines"].Type).Items);
            Assert.Equal("1", line.Fields.Single(f => f.Name == "quantity").DefaultJson);
            var status = Assert.IsType<EnumType>(((UnionType)fields["status"].Type).NonNullBranch);
            Assert.Equal(new[] { "HELD", "RELEASED" }, status.Symbols.ToArray());
            Assert.Equal(SchemaTypeKind.Long, ((MapType)((UnionType)fields["attributes"].Type).NonNullBranch!).Values.Kind);
            var money = Assert.IsType<RecordType>(((UnionType)fields["price"].Type).NonNullBranch);
            Assert.Equal("Money", money.Name);
        }

        [Fact]
        public void a_ref_that_does_not_resolve_is_reported_where_it_stands()
        {
            var result = Parse(InventoryReserved); // Money.v1.schema.json not supplied
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("CTR1015", diagnostic.Id);
            Assert.Equal(14, diagnostic.Location.Line); // the "price" $ref
            Assert.Null(result.Root);

            var local = Parse("""{"type":"object","properties":{"a":{"$ref":"#/$defs/Missing"}}}""");
            Assert.Equal("CTR1015", Assert.Single(local.Diagnostics).Id);
        }

        [Fact]
        public void a_recursive_ref_becomes_a_named_type_reference()
        {
            var result = Parse("""{"title":"Tree","type":"object","properties":{"children":{"type":"array","items":{"$ref":"#"}}}}""");
            Assert.Empty(result.Diagnostics);
            var record = (RecordType)result.Root!;
            var items = ((ArrayType)((UnionType)record.Fields[0].Type).NonNullBranch!).Items;
            Assert.Equal("shop.Tree", Assert.IsType<NamedTypeReference>(items).FullName);
        }

        [Fact]
        public void required_names_a_missing_property_and_names_collide_in_csharp()
        {
            var result = Parse("""{"type":"object","required":["a"],"properties":{"order_id":{"type":"string"},"orderId":{"type":"string"}}}""");
            Assert.Equal(new[] { "CTR1002", "CTR1014" }, result.Diagnostics.Select(d => d.Id).OrderBy(x => x).ToArray());
        }

        [Fact]
        public void a_root_that_is_not_an_object_is_not_a_contract()
        {
            Assert.Equal("CTR1016", Assert.Single(Parse("""{"type":"string"}""").Diagnostics).Id);
        }

        [Fact]
        public void the_canonical_form_ignores_formatting_member_order_and_descriptions()
        {
            var a = JsonParser.Parse("""{"type":"object","properties":{"a":{"type":"integer","minimum":1.0}}}""", "a").Root!;
            var b = JsonParser.Parse("""
                {
                  "properties": { "a": { "minimum": 1, "description": "the a", "type": "integer" } },
                  "description": "doc",
                  "type": "object"
                }
                """, "b").Root!;
            Assert.Equal(JsonSchemaCanonicalForm.Of(a), JsonSchemaCanonicalForm.Of(b));
            // A property called "description" is data, not an annotation: it stays.
            var c = JsonParser.Parse("""{"type":"object","properties":{"description":{"type":"string"}}}""", "c").Root!;
            Assert.Contains("\"description\":{\"type\":\"string\"}", JsonSchemaCanonicalForm.Of(c));
            var d = JsonParser.Parse("""{"type":"object","properties":{"a":{"type":"integer","minimum":2}}}""", "d").Root!;
            Assert.NotEqual(JsonSchemaCanonicalForm.Of(a), JsonSchemaCanonicalForm.Of(d));
        }
    }
}
