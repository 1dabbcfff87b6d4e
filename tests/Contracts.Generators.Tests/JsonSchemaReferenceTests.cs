using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Tests;

/// <summary>JSON Schema <c>$ref</c>s to other files among the AdditionalFiles, through real generator and compiler runs.</summary>
public class JsonSchemaReferenceTests
{
    private static InMemoryText Address() => new("/schemas/shop/Address.v1.schema.json", """
        {
          "title": "Address", "type": "object",
          "properties": { "street": { "type": "string" }, "city": { "type": "string" } },
          "required": ["street", "city"]
        }
        """);

    private static InMemoryText Order(string reference) => new("/schemas/shop/Order.v1.schema.json", $$"""
        {
          "title": "Order", "type": "object",
          "properties": {
            "id": { "type": "string" },
            "shipTo": { "$ref": "{{reference}}" }
          },
          "required": ["id", "shipTo"]
        }
        """);

    private static InMemoryText Unrelated() => new("/schemas/shop/Customer.v1.schema.json", """
        { "title": "Customer", "type": "object", "properties": { "name": { "type": "string" } }, "required": ["name"] }
        """);

    private static void AssertShipToHasStreetAndCity(GeneratorHarness.Result result)
    {
        Assert.True(result.GeneratorDiagnostics.IsEmpty, string.Join("\n", result.GeneratorDiagnostics));
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics));
        var order = result.Output.GetTypeByMetadataName("Consumer.Order")!;
        var shipTo = (IPropertySymbol)order.GetMembers("ShipTo").Single();
        Assert.Equal(["City", "Street"], shipTo.Type.GetMembers().OfType<IPropertySymbol>().Where(p => p.Name is "Street" or "City").Select(p => p.Name).Order());
    }

    [Fact]
    public void a_ref_to_a_sibling_schema_file_resolves()
    {
        AssertShipToHasStreetAndCity(GeneratorHarness.Run([Address(), Order("Address.v1.schema.json"), Unrelated()]));
    }

    [Fact]
    public void a_relative_ref_with_a_fragment_resolves_into_a_shared_definitions_file()
    {
        var definitions = new InMemoryText("/schemas/common/definitions.json", """
            { "definitions": { "Address": { "type": "object", "properties": { "street": { "type": "string" }, "city": { "type": "string" } }, "required": ["street", "city"] } } }
            """);
        AssertShipToHasStreetAndCity(GeneratorHarness.Run([definitions, Order("../common/definitions.json#/definitions/Address")]));
    }

    [Fact]
    public void an_unresolvable_ref_is_reported_at_the_ref_with_its_text()
    {
        var result = GeneratorHarness.Run([Address(), Order("./Adress.v1.schema.json")]);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "CTR1015");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/schemas/shop/Order.v1.schema.json", span.Path);
        Assert.Equal(4, span.StartLinePosition.Line); // 0-based: the "shipTo" line
        Assert.Contains("\"./Adress.v1.schema.json\"", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("Order.", StringComparison.Ordinal));
    }

    [Fact]
    public void editing_a_referenced_file_re_parses_the_referencing_file_and_nothing_unrelated()
    {
        var address = Address();
        var texts = new List<InMemoryText> { address, Order("Address.v1.schema.json"), Unrelated() };
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver(texts).RunGenerators(compilation);

        var edited = new InMemoryText(address.Path, address.GetText()!.ToString().Replace("\"city\": { \"type\": \"string\" }", "\"city\": { \"type\": \"string\" }, \"zip\": { \"type\": \"string\" }"));
        driver = driver.ReplaceAdditionalText(address, edited).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var parsed = result.TrackedSteps[TrackingNames.ParsedFile].SelectMany(r => r.Outputs).ToList();
        var modified = parsed.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => o.Value.ToString()!).ToList();
        Assert.Equal(2, modified.Count);
        Assert.Contains(modified, m => m.Contains("Path = /schemas/shop/Address.v1.schema.json", StringComparison.Ordinal));
        Assert.Contains(modified, m => m.Contains("Path = /schemas/shop/Order.v1.schema.json", StringComparison.Ordinal));
        Assert.Single(parsed, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("Zip", result.GeneratedSources.Single(s => s.HintName == "Order.v1.g.cs").SourceText.ToString());
    }
}
