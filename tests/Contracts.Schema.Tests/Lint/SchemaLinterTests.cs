using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Lint;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Tests.Lint
{
    public class SchemaLinterTests
    {
        private static (string Id, DiagnosticSeverity Severity)[] Lint(params (string Path, string Text)[] files)
        {
            var repo = SchemaRepository.Load(files.Select(f => new SchemaFileText(f.Path, f.Text)));
            Assert.False(repo.HasErrors, string.Join("; ", repo.Diagnostics));
            return SchemaLinter.Lint(repo).Select(d => (d.Id, d.Severity)).OrderBy(x => x.Id).ToArray();
        }

        private const string Clean = """
            {"type":"record","name":"OrderPlaced","namespace":"shop","doc":"An order was placed.","fields":[
              {"name":"orderId","type":"string","doc":"The order."},
              {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]},"doc":"Its status."}]}
            """;

        [Fact]
        public void a_clean_schema_has_no_findings()
        {
            Assert.Empty(Lint(("OrderPlaced.v1.avsc", Clean)));
        }

        [Fact]
        public void naming_docs_and_namespace_rules_report_with_their_default_severities()
        {
            var text = """
                {"type":"record","name":"order_placed","fields":[
                  {"name":"Order_Id","type":"string"},
                  {"name":"status","type":{"type":"enum","name":"Status","symbols":["new"]},"doc":"d"}]}
                """;
            Assert.Equal(new[]
            {
                ("CTR4001", DiagnosticSeverity.Warning), // order_placed
                ("CTR4002", DiagnosticSeverity.Warning), // Order_Id
                ("CTR4003", DiagnosticSeverity.Warning), // no subject doc
                ("CTR4004", DiagnosticSeverity.Info),    // Order_Id has no doc
                ("CTR4005", DiagnosticSeverity.Warning), // no namespace
                ("CTR4006", DiagnosticSeverity.Warning), // new
            }, Lint(("order_placed.v1.avsc", text)));
        }

        [Fact]
        public void events_are_past_tense_and_commands_imperative()
        {
            var evt = Clean.Replace("OrderPlaced", "PlaceOrder");
            Assert.Equal(new[] { ("CTR4008", DiagnosticSeverity.Warning) }, Lint(("PlaceOrder.v1.avsc", evt)));
            var cmd = Clean;
            Assert.Equal(new[] { ("CTR4009", DiagnosticSeverity.Warning) }, Lint(("OrderPlaced.v1.avsc", cmd), ("contracts.settings.json", "{\"kind\":\"command\"}")));
            Assert.Empty(Lint(("PaymentSent.v1.avsc", Clean.Replace("OrderPlaced", "PaymentSent"))));
        }

        [Fact]
        public void an_optional_key_field_is_an_error()
        {
            var text = Clean.Replace("{\"name\":\"orderId\",\"type\":\"string\",\"doc\":\"The order.\"}", "{\"name\":\"orderId\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The order.\"}");
            var settings = "{\"subjects\":{\"shop.OrderPlaced\":{\"partitionKey\":\"orderId\"}}}";
            Assert.Equal(new[] { ("CTR4007", DiagnosticSeverity.Error) }, Lint(("OrderPlaced.v1.avsc", text), ("contracts.settings.json", settings)));
        }

        [Fact]
        public void rules_can_be_turned_off_or_raised_and_conventions_changed_per_folder()
        {
            var text = """
                {"type":"record","name":"OrderPlaced","namespace":"shop","doc":"d","fields":[{"name":"order_id","type":"string"}]}
                """;
            Assert.Equal(new[] { ("CTR4002", DiagnosticSeverity.Warning), ("CTR4004", DiagnosticSeverity.Info) }, Lint(("a/OrderPlaced.v1.avsc", text)));
            Assert.Equal(new[] { ("CTR4004", DiagnosticSeverity.Error) }, Lint(
                ("contracts.settings.json", "{\"lint\":{\"fieldNaming\":\"snake_case\",\"CTR4004\":\"off\"}}"),
                ("a/contracts.settings.json", "{\"lint\":{\"CTR4004\":\"error\"}}"),
                ("a/OrderPlaced.v1.avsc", text)));
        }

        [Fact]
        public void an_unknown_lint_setting_is_a_settings_error()
        {
            var repo = SchemaRepository.Load(new[] { new SchemaFileText("contracts.settings.json", "{\"lint\":{\"CTR9999\":\"off\",\"fieldNaming\":\"kebab\"}}") });
            Assert.Equal(new[] { "CTR1024", "CTR1024" }, repo.Diagnostics.Select(d => d.Id).ToArray());
        }
    }
}
