using System.IO;
using System.Linq;

namespace Contracts.Generators.Tests;

public class SmokeTests
{
    [Fact]
    public void valid_schemas_generate_code_that_compiles_without_warnings()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.ValidSchemas());
        Assert.Empty(result.GeneratorDiagnostics);
        var dump = Path.Combine(Path.GetTempPath(), "contracts-gen-dump");
        Directory.CreateDirectory(dump);
        foreach (var s in result.Run.Results.SelectMany(r => r.GeneratedSources)) File.WriteAllText(Path.Combine(dump, s.HintName), s.SourceText.ToString());
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics.Take(30)));
    }
}
