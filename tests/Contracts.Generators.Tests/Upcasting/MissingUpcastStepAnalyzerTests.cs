using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Generators.Upcasting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Tests.Upcasting;

/// <summary>CTR5001 from the analyzer on the generator's output, with the properties a code fix needs.</summary>
public class MissingUpcastStepAnalyzerTests
{
    private static async Task<ImmutableArray<Diagnostic>> Analyze(string source)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.ValidSchemas(), source);
        Assert.True(run.CompileDiagnostics.IsEmpty, string.Join("\n", run.CompileDiagnostics));
        return await run.Output.WithAnalyzers([new MissingUpcastStepAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }

    [Fact]
    public async Task a_missing_step_is_reported_at_the_schema_change_with_what_to_write()
    {
        var diagnostic = Assert.Single(await Analyze(""));
        Assert.Equal("CTR5001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.EndsWith("docs/diagnostics/CTR5001.md", diagnostic.Descriptor.HelpLinkUri);
        var mapped = diagnostic.Location.GetMappedLineSpan();
        Assert.Equal("/schemas/shop/OrderPlaced.v2.avsc", mapped.Path);
        Assert.Equal((8, 4), (mapped.StartLinePosition.Line, mapped.StartLinePosition.Character)); // line 9, column 5: the new field placedAt
        Assert.Equal(
            "com.acme.shop.OrderPlaced v1 → v2 needs a hand-written upcaster (reader field `placedAt` of record `com.acme.shop.OrderPlaced` has no default, and the writer record `com.acme.shop.OrderPlaced` has no field `placedAt`): "
            + "implement `static partial void UpcastFromV1(OrderPlacedV1 value, ref OrderPlaced? result)` in `static partial class Acme.Shop.Contracts.OrderPlacedUpcasters` and set `result`",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Acme.Shop.Contracts.OrderPlacedUpcasters", diagnostic.Properties[UpcastDiagnosticProperties.ContainingType]);
        Assert.Equal("Acme.Shop.Contracts", diagnostic.Properties[UpcastDiagnosticProperties.Namespace]);
        Assert.Equal("static partial void UpcastFromV1(OrderPlacedV1 value, ref OrderPlaced? result)", diagnostic.Properties[UpcastDiagnosticProperties.MethodSignature]);
        Assert.Equal("com.acme.shop.OrderPlaced", diagnostic.Properties[UpcastDiagnosticProperties.Subject]);
        Assert.Equal("1", diagnostic.Properties[UpcastDiagnosticProperties.FromVersion]);
        Assert.Equal("2", diagnostic.Properties[UpcastDiagnosticProperties.ToVersion]);
    }

    [Fact]
    public async Task the_skeleton_from_the_properties_compiles_and_silences_the_error()
    {
        var diagnostic = Assert.Single(await Analyze(""));
        var skeleton = "namespace " + diagnostic.Properties[UpcastDiagnosticProperties.Namespace] + "\n{\n"
            + "    public static partial class " + diagnostic.Properties[UpcastDiagnosticProperties.ContainingType]!.Split('.').Last() + "\n    {\n"
            + "        " + diagnostic.Properties[UpcastDiagnosticProperties.MethodSignature] + "\n        {\n            result = null;\n        }\n    }\n}\n";
        Assert.Empty(await Analyze(skeleton));
    }
}
