using System.Linq;

namespace Contracts.Generators.Tests;

public class SmokeTests
{
    [Fact]
    public void valid_schemas_generate_code_that_compiles_without_warnings()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.ValidSchemas());
        Assert.Empty(result.GeneratorDiagnostics);
        // One file per version (record and codecs) for 7 versions, the one subject with two versions' upcasters, the registry.
        Assert.Equal(9, result.Run.Results.Single().GeneratedSources.Length);
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics.Take(30)));
    }
}
