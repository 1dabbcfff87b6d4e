using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Tests;

/// <summary>Schema problems surface as CTR1xxx diagnostics located in the schema file; other schemas still generate.</summary>
public class GeneratorDiagnosticsTests
{
    private const string Broken = "{\n  \"type\": \"record\",\n  \"name\": \"Broken\",\n  \"namespace\": \"com.acme\",\n  \"fields\": [\n    { \"name\": \"a\", \"type\": \"strin\" }\n  ]\n}\n";

    [Fact]
    public void an_invalid_schema_is_reported_at_its_line_and_column_and_the_others_still_generate()
    {
        var texts = new List<AdditionalText>(GeneratorHarness.ValidSchemas()) { new InMemoryText("/schemas/bad/Broken.v1.avsc", Broken) };
        var result = GeneratorHarness.Run(texts);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(DiagnosticCatalog.UnknownType, diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/schemas/bad/Broken.v1.avsc", span.Path);
        Assert.Equal(5, span.StartLinePosition.Line); // 0-based: line 6
        Assert.Equal(Broken.Split('\n')[5].IndexOf("\"strin\""), span.StartLinePosition.Character);
        Assert.Equal(DiagnosticCatalog.HelpLinkFor("CTR1003"), diagnostic.Descriptor.HelpLinkUri);

        var hints = result.Run.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains("com.acme.shop.OrderPlaced.v2.g.cs", hints);
        Assert.DoesNotContain(hints, h => h.Contains("Broken"));
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics));
    }

    [Fact]
    public void invalid_json_a_bad_file_name_and_a_version_gap_are_each_located()
    {
        var texts = new List<AdditionalText>
        {
            new InMemoryText("/schemas/Bad.v1.avsc", "{\n  \"type\": \"record\",\n  \"name\": \"Bad\" \n  \"fields\": []\n}"),
            new InMemoryText("/schemas/noversion.avsc", "{}"),
            new InMemoryText("/schemas/Gap.v2.avsc", """{"type":"record","name":"Gap","namespace":"x","fields":[]}"""),
            new InMemoryText("/schemas/Ok.v1.avsc", """{"type":"record","name":"Ok","namespace":"x","fields":[{"name":"n","type":"int"}]}"""),
        };
        var result = GeneratorHarness.Run(texts);
        var byId = result.GeneratorDiagnostics.ToLookup(d => d.Id);
        var json = Assert.Single(byId[DiagnosticCatalog.InvalidJson]);
        Assert.Equal("/schemas/Bad.v1.avsc", json.Location.GetLineSpan().Path);
        Assert.Equal(3, json.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("/schemas/noversion.avsc", Assert.Single(byId[DiagnosticCatalog.InvalidFileName]).Location.GetLineSpan().Path);
        Assert.Equal("/schemas/Gap.v2.avsc", Assert.Single(byId[DiagnosticCatalog.VersionGap]).Location.GetLineSpan().Path);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName == "x.Ok.v1.g.cs");
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics));
    }

    [Fact]
    public void an_invalid_settings_file_is_reported_in_that_file()
    {
        var texts = new List<AdditionalText>
        {
            new InMemoryText("/schemas/contracts.settings.json", "{ \"kind\": \"sometimes\" }"),
            new InMemoryText("/schemas/Ok.v1.avsc", """{"type":"record","name":"Ok","namespace":"x","fields":[]}"""),
        };
        var result = GeneratorHarness.Run(texts);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(DiagnosticCatalog.InvalidSettings, diagnostic.Id);
        Assert.Equal("/schemas/contracts.settings.json", diagnostic.Location.GetLineSpan().Path);
    }
}
