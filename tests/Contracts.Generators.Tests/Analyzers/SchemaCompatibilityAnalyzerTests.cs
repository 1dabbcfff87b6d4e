using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Generators.Analyzers;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;
using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Tests.Analyzers;

/// <summary>The build-time compatibility analyzer on schema AdditionalFiles: ids, severities, messages and places in the schema file.</summary>
public class SchemaCompatibilityAnalyzerTests
{
    private const string V1 = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "shop",
          "fields": [
            { "name": "orderId", "type": "string" }
          ]
        }
        """;

    // Line 5, column 5: the new field without a default.
    private const string V2NoDefault = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "shop",
          "fields": [
            { "name": "orderId", "type": "string" },
            { "name": "currency", "type": "string" }
          ]
        }
        """;

    private const string V2WithDefault = """
        {
          "type": "record", "name": "OrderPlaced", "namespace": "shop",
          "fields": [
            { "name": "orderId", "type": "string" },
            { "name": "currency", "type": "string", "default": "EUR" }
          ]
        }
        """;

    private const string Accepted = """
        {
          "acceptedBreaks": [
            { "subject": "shop.OrderPlaced", "version": 2, "rule": "CTR2001",
              "reason": "v1 was never deployed", "reviewedBy": "alice", "date": "2026-11-20" }
          ]
        }
        """;

    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> Analyze(params AdditionalText[] files)
        => AnalyzerHarness.Run(new SchemaCompatibilityAnalyzer(), AnalyzerHarness.Compile([]), files);

    private static string Where(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    [Fact]
    public async Task an_incompatible_new_version_is_an_error_at_the_line_and_column_that_broke_it_with_the_fix_and_help_link()
    {
        var diagnostics = await Analyze(new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1), new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2NoDefault));
        var d = Assert.Single(diagnostics);
        Assert.Equal("CTR2001", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("/p/schemas/OrderPlaced.v2.avsc(5,5)", Where(d));
        Assert.Equal(
            "shop.OrderPlaced v2: reader field `currency` of record `shop.OrderPlaced` has no default, and the writer record `shop.OrderPlaced` has no field `currency` [BACKWARD: v2 must read data written with v1]; fix: add a default to field `currency`, or keep field `currency` in the writer",
            d.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("https://github.com/contracts-dotnet/contracts/blob/main/docs/diagnostics/CTR2001.md", d.Descriptor.HelpLinkUri);
    }

    [Fact]
    public async Task json_schema_versions_whose_refs_name_a_shared_file_are_checked()
    {
        static InMemoryText Order(int version, string idType) => new("/p/schemas/shop/Order.v" + version + ".schema.json", $$$"""
            {"title": "Order", "type": "object", "properties": {"id": {"type": "{{{idType}}}"}, "shipTo": {"$ref": "../common/definitions.json#/definitions/Address"}}, "required": ["id", "shipTo"]}
            """);
        var definitions = new InMemoryText("/p/schemas/common/definitions.json", """
            {"definitions": {"Address": {"type": "object", "properties": {"street": {"type": "string"}}, "required": ["street"]}}}
            """);
        var diagnostics = await Analyze(Order(1, "string"), Order(2, "integer"), definitions);
        Assert.Contains(diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == "/p/schemas/shop/Order.v2.schema.json");
        Assert.Empty(await Analyze(Order(1, "string"), Order(2, "string"), definitions));
    }

    [Fact]
    public async Task a_compatible_history_and_a_project_without_schemas_report_nothing()
    {
        Assert.Empty(await Analyze(new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1), new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2WithDefault)));
        Assert.Empty(await Analyze());
        Assert.Empty(await Analyze(new InMemoryText("/p/readme.txt", "not a schema")));
    }

    [Fact]
    public async Task the_subjects_mode_from_the_settings_decides_and_NONE_checks_nothing()
    {
        // v1 has `currency` without a default: under FORWARD, v1 must read v2 data, which lacks it.
        var forward = await Analyze(
            new InMemoryText("/p/schemas/contracts.settings.json", """{ "compatibility": "FORWARD" }"""),
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V2NoDefault),
            new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V1));
        var d = Assert.Single(forward);
        Assert.Equal("CTR2001", d.Id);
        Assert.Contains("[FORWARD: v1 must read data written with v2]", d.GetMessage(CultureInfo.InvariantCulture));
        // The same files under the default BACKWARD: v2 reads v1 data and ignores `currency`.
        Assert.Empty(await Analyze(
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V2NoDefault),
            new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V1)));
        Assert.Empty(await Analyze(
            new InMemoryText("/p/schemas/contracts.settings.json", """{ "compatibility": "NONE" }"""),
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2NoDefault)));
        // Transitive: v3 is checked against v1 as well.
        var v3 = V2WithDefault.Replace("\"EUR\" }", "\"EUR\" },\n    { \"name\": \"channel\", \"type\": \"string\" }");
        var transitive = await Analyze(
            new InMemoryText("/p/schemas/contracts.settings.json", """{ "compatibility": "BACKWARD_TRANSITIVE" }"""),
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2WithDefault),
            new InMemoryText("/p/schemas/OrderPlaced.v3.avsc", v3));
        Assert.Equal(["[BACKWARD_TRANSITIVE: v3 must read data written with v2]", "[BACKWARD_TRANSITIVE: v3 must read data written with v1]"],
            transitive.Select(x => x.GetMessage(CultureInfo.InvariantCulture)).Select(m => m.Substring(m.IndexOf('['), m.IndexOf(']', m.IndexOf('[')) - m.IndexOf('[') + 1)).ToArray());
    }

    [Fact]
    public async Task an_accepted_break_is_information_naming_the_reviewed_entry()
    {
        var diagnostics = await Analyze(
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2NoDefault),
            new InMemoryText("/p/schemas/accepted-breaks.json", Accepted));
        var d = Assert.Single(diagnostics);
        Assert.Equal("CTR2901", d.Id);
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("/p/schemas/OrderPlaced.v2.avsc(5,5)", Where(d));
        var message = d.GetMessage(CultureInfo.InvariantCulture);
        Assert.StartsWith("accepted break CTR2001: shop.OrderPlaced v2: reader field `currency`", message);
        Assert.EndsWith("; accepted by the entry at /p/schemas/accepted-breaks.json(3,5): \"v1 was never deployed\" (reviewed by alice, 2026-11-20)", message);
    }

    [Fact]
    public async Task a_stale_accepted_entry_warns_and_an_unreadable_accepted_breaks_file_is_an_error_in_that_file()
    {
        var stale = await Analyze(
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2WithDefault),
            new InMemoryText("/p/schemas/accepted-breaks.json", Accepted));
        var d = Assert.Single(stale);
        Assert.Equal("CTR2902", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("/p/schemas/accepted-breaks.json(3,5)", Where(d));

        var broken = await Analyze(
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/accepted-breaks.json", """{ "acceptedBreaks": [ { "subject": "shop.OrderPlaced", "version": 2, "rule": "CTR2001" } ] }"""));
        Assert.All(broken, x => Assert.Equal("CTR2903", x.Id));
        Assert.Contains(broken, x => x.GetMessage(CultureInfo.InvariantCulture).Contains("\"reason\" is required"));
        Assert.All(broken, x => Assert.Equal("/p/schemas/accepted-breaks.json", x.Location.GetLineSpan().Path));
    }

    [Fact]
    public async Task an_edit_to_a_version_recorded_in_the_lock_file_is_an_error_in_that_schema()
    {
        var published = SchemaRepository.Load([new SchemaFileText("orders/OrderPlaced.v1.avsc", V1), new SchemaFileText("orders/OrderPlaced.v2.avsc", V2WithDefault)]);
        var lockJson = SchemaLockFile.From(published).ToJson();
        var edited = V2WithDefault.Replace("\"EUR\"", "\"USD\"").Replace("\"string\", \"default\"", "\"long\", \"default\"").Replace("\"USD\"", "0");
        var diagnostics = await Analyze(
            new InMemoryText("/p/schemas/schemas.lock.json", lockJson),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v2.avsc", edited));
        var d = Assert.Single(diagnostics, x => x.Id == "CTR2801");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("/p/schemas/orders/OrderPlaced.v2.avsc(1,1)", Where(d));
        Assert.Contains("\"shop.OrderPlaced\" v2 is published in schemas.lock.json and its schema changed", d.GetMessage(CultureInfo.InvariantCulture));

        // The published file deleted: reported where the lock says it was, relative to the lock file.
        var deleted = await Analyze(
            new InMemoryText("/p/schemas/schemas.lock.json", lockJson),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v1.avsc", V1));
        var gone = Assert.Single(deleted, x => x.Id == "CTR2802");
        Assert.Equal("/p/schemas/orders/OrderPlaced.v2.avsc(1,1)", Where(gone));

        // Unchanged: nothing. A version the lock does not list yet: CTR2806.
        Assert.Empty(await Analyze(
            new InMemoryText("/p/schemas/schemas.lock.json", lockJson),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v2.avsc", V2WithDefault)));
        var added = await Analyze(
            new InMemoryText("/p/schemas/schemas.lock.json", lockJson),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v1.avsc", V1),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v2.avsc", V2WithDefault),
            new InMemoryText("/p/schemas/orders/OrderPlaced.v3.avsc", V2WithDefault.Replace("\"EUR\" }", "\"EUR\" },\n    { \"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null }")));
        var stale = Assert.Single(added);
        Assert.Equal("CTR2806", stale.Id);
        Assert.Equal("/p/schemas/orders/OrderPlaced.v3.avsc(1,1)", Where(stale));
    }

    [Fact]
    public async Task a_corrupt_lock_file_is_an_error_in_the_lock_file()
    {
        var diagnostics = await Analyze(
            new InMemoryText("/p/schemas/schemas.lock.json", "{ not json"),
            new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1));
        var d = Assert.Single(diagnostics);
        Assert.Equal("CTR2807", d.Id);
        Assert.Equal("/p/schemas/schemas.lock.json", d.Location.GetLineSpan().Path);
    }

    [Fact]
    public async Task the_same_schema_texts_are_checked_once_and_an_edit_is_seen()
    {
        var v1 = new InMemoryText("/p/schemas/OrderPlaced.v1.avsc", V1);
        var first = await Analyze(v1, new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2NoDefault));
        var again = await Analyze(v1, new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2NoDefault));
        Assert.Equal(first.Select(Where), again.Select(Where));
        Assert.Empty(await Analyze(v1, new InMemoryText("/p/schemas/OrderPlaced.v2.avsc", V2WithDefault)));
    }

    [Fact]
    public void every_compatibility_id_of_the_catalog_is_a_supported_diagnostic_with_its_help_page()
    {
        var supported = new SchemaCompatibilityAnalyzer().SupportedDiagnostics;
        var catalog = Contracts.Schema.Diagnostics.DiagnosticCatalog.All.Where(r => r.Id.StartsWith("CTR2")).ToList();
        Assert.Equal(catalog.Select(r => r.Id), supported.Select(d => d.Id));
        foreach (var d in supported)
        {
            Assert.Equal(Contracts.Schema.Diagnostics.DiagnosticCatalog.HelpLinkFor(d.Id), d.HelpLinkUri);
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(RepositoryRoot.Path, "docs", "diagnostics", d.Id + ".md")), d.Id);
        }
    }
}
