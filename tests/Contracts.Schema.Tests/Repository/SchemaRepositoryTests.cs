using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Tests.Repository
{
    public class SchemaRepositoryTests
    {
        private static string Record(string name, string ns = "shop", string extraFields = "", string extra = "")
            => $"{{\"type\":\"record\",\"name\":\"{name}\",\"namespace\":\"{ns}\"{extra},\"fields\":[{{\"name\":\"orderId\",\"type\":\"string\"}}{extraFields}]}}";

        private static SchemaRepositoryResult Load(params (string Path, string Text)[] files)
            => SchemaRepository.Load(files.Select(f => new SchemaFileText(f.Path, f.Text)));

        [Fact]
        public void subjects_and_versions_come_from_file_names_in_any_folder()
        {
            var result = Load(
                ("orders/OrderPlaced.v1.avsc", Record("OrderPlaced")),
                ("orders/OrderPlaced.v2.avsc", Record("OrderPlaced", extraFields: ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}")),
                ("inventory/deep/ReserveInventory.v1.avsc", Record("ReserveInventory")),
                ("README.md", "not a schema"));
            Assert.Empty(result.Diagnostics);
            Assert.Equal(new[] { "shop.OrderPlaced", "shop.ReserveInventory" }, result.Subjects.Select(s => s.Name).ToArray());
            var orderPlaced = result.Find("shop.OrderPlaced")!;
            Assert.Equal(new[] { 1, 2 }, orderPlaced.Versions.Select(v => v.Version).ToArray());
            Assert.Equal(CompatibilityMode.Backward, orderPlaced.Settings.Mode);
            Assert.Equal(MessageKind.Event, orderPlaced.Settings.Kind);
            Assert.NotEqual(orderPlaced.Versions[0].Fingerprint, orderPlaced.Versions[1].Fingerprint);
        }

        [Fact]
        public void settings_files_apply_to_their_folder_and_below_and_the_nearest_wins()
        {
            var result = Load(
                ("contracts.settings.json", """{"compatibility":"FULL","namespaces":{"shop":"Acme.Shop.Contracts"}}"""),
                ("commands/contracts.settings.json", """
                    {"kind":"command","compatibility":"none",
                     "subjects":{"shop.commands.ReserveInventory":{"compatibility":"BACKWARD_TRANSITIVE","partitionKey":"orderId","idempotencyKey":"orderId"}}}
                    """),
                ("commands/ReserveInventory.v1.avsc", Record("ReserveInventory", "shop.commands")),
                ("commands/ChargePayment.v1.avsc", Record("ChargePayment", "shop.commands")),
                ("events/OrderPlaced.v1.avsc", Record("OrderPlaced")));
            Assert.Empty(result.Diagnostics);
            var reserve = result.Find("shop.commands.ReserveInventory")!.Settings;
            Assert.Equal(new SubjectSettings(MessageKind.Command, CompatibilityMode.BackwardTransitive, "orderId", "orderId", "Acme.Shop.Contracts.Commands"), reserve);
            Assert.Equal(CompatibilityMode.None, result.Find("shop.commands.ChargePayment")!.Settings.Mode);
            var orderPlaced = result.Find("shop.OrderPlaced")!.Settings;
            Assert.Equal((MessageKind.Event, CompatibilityMode.Full, "Acme.Shop.Contracts"), (orderPlaced.Kind, orderPlaced.Mode, orderPlaced.ClrNamespace));
        }

        [Fact]
        public void a_version_gap_is_reported_at_the_version_after_the_gap()
        {
            var result = Load(("OrderPlaced.v1.avsc", Record("OrderPlaced")), ("OrderPlaced.v3.avsc", Record("OrderPlaced")));
            var gap = Assert.Single(result.Diagnostics);
            Assert.Equal(("CTR1021", "OrderPlaced.v3.avsc"), (gap.Id, gap.Location.Path));
            Assert.Contains("v2 is missing", gap.Message);
        }

        [Fact]
        public void versions_must_start_at_one()
        {
            var result = Load(("OrderPlaced.v2.avsc", Record("OrderPlaced")));
            Assert.Equal("CTR1021", Assert.Single(result.Diagnostics).Id);
        }

        [Fact]
        public void two_files_claiming_one_subject_and_version_are_reported()
        {
            var result = Load(("a/OrderPlaced.v1.avsc", Record("OrderPlaced")), ("b/OrderPlaced.v1.avsc", Record("OrderPlaced")));
            var duplicate = Assert.Single(result.Diagnostics);
            Assert.Equal(("CTR1022", "b/OrderPlaced.v1.avsc"), (duplicate.Id, duplicate.Location.Path));
        }

        [Fact]
        public void a_file_name_that_disagrees_with_the_schema_name_or_declared_version_is_reported()
        {
            var result = Load(
                ("OrderCreated.v1.avsc", Record("OrderPlaced")),
                ("Refund.v2.avsc", Record("Refund", extra: ",\"version\":3")),
                ("Refund.v1.avsc", Record("Refund")));
            Assert.Equal(new[] { "CTR1023", "CTR1023" }, result.Diagnostics.Select(d => d.Id).ToArray());
            Assert.Contains(result.Diagnostics, d => d.Location.Path == "Refund.v2.avsc" && d.Message.Contains("declares version 3"));
        }

        [Fact]
        public void a_file_name_off_the_convention_is_reported()
        {
            var result = Load(("OrderPlaced.avsc", Record("OrderPlaced")), ("OrderPlaced.v01.avsc", Record("OrderPlaced")));
            Assert.All(result.Diagnostics, d => Assert.Equal("CTR1020", d.Id));
            Assert.Equal(2, result.Diagnostics.Count);
        }

        [Fact]
        public void a_key_field_that_does_not_exist_is_reported_at_the_setting()
        {
            var result = Load(
                ("contracts.settings.json", "{\"subjects\":{\n\"shop.OrderPlaced\":{\"partitionKey\":\"customerId\"}}}"),
                ("OrderPlaced.v1.avsc", Record("OrderPlaced")));
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(("CTR1025", "contracts.settings.json", 2), (diagnostic.Id, diagnostic.Location.Path, diagnostic.Location.Line));
        }

        [Fact]
        public void an_invalid_settings_file_is_reported_with_its_position()
        {
            var result = Load(("contracts.settings.json", "{\"compatibility\":\"SOMETIMES\",\n\"colour\":1}"), ("OrderPlaced.v1.avsc", Record("OrderPlaced")));
            Assert.Equal(new[] { ("CTR1024", 1), ("CTR1024", 2) }, result.Diagnostics.Select(d => (d.Id, d.Location.Line)).ToArray());
        }

        [Fact]
        public void a_broken_file_does_not_hide_the_other_subjects_and_is_not_a_gap()
        {
            var result = Load(
                ("OrderPlaced.v1.avsc", Record("OrderPlaced")),
                ("OrderPlaced.v2.avsc", "{ not json"),
                ("OrderPlaced.v3.avsc", Record("OrderPlaced")),
                ("Refund.v1.avsc", Record("Refund")));
            Assert.Equal("CTR1001", Assert.Single(result.Diagnostics).Id);
            Assert.Equal(2, result.Subjects.Count);
        }

        [Fact]
        public void json_schema_subjects_resolve_sibling_refs_and_use_the_configured_namespace()
        {
            var result = Load(
                ("shop/contracts.settings.json", """{"namespace":"shop.payments"}"""),
                ("shop/PaymentFailed.v1.schema.json", """{"type":"object","required":["orderId"],"properties":{"orderId":{"type":"string"},"amount":{"$ref":"common/Money.v1.schema.json"}}}"""),
                ("shop/common/Money.v1.schema.json", """{"title":"Money","type":"object","properties":{"amount":{"type":"number"}}}"""));
            Assert.Empty(result.Diagnostics);
            Assert.Equal(new[] { "shop.payments.Money", "shop.payments.PaymentFailed" }, result.Subjects.Select(s => s.Name).ToArray());
            Assert.Equal(SchemaFormat.JsonSchema, result.Find("shop.payments.PaymentFailed")!.Format);
        }

        [Fact]
        public void a_csharp_keyword_as_a_name_is_not_an_error()
        {
            var result = Load(("Event.v1.avsc", "{\"type\":\"record\",\"name\":\"Event\",\"fields\":[{\"name\":\"class\",\"type\":\"string\"},{\"name\":\"namespace\",\"type\":\"int\"}]}"));
            Assert.Empty(result.Diagnostics);
        }

        [Fact]
        public void loading_twice_gives_equal_results()
        {
            (string, string)[] files = { ("OrderPlaced.v1.avsc", Record("OrderPlaced")), ("contracts.settings.json", "{\"kind\":\"event\"}") };
            Assert.Equal(Load(files), Load(files));
        }
    }
}
