using System;
using System.IO;
using System.Linq;

namespace Contracts.Generators.Tests;

/// <summary>
/// The generated text of representative schemas, compared with checked-in files under Baselines/.
/// Set CONTRACTS_UPDATE_BASELINES=1 to rewrite them after an intended change, then review the diff.
/// </summary>
public class BaselineTests
{
    private static readonly Lazy<GeneratorHarness.Result> Run = new(() => GeneratorHarness.Run(GeneratorHarness.ValidSchemas()));

    [Theory]
    [InlineData("com.acme.shop.OrderPlaced.v2.g.cs")]
    [InlineData("com.acme.shop.OrderPlaced.v1.g.cs")]
    [InlineData("com.acme.kitchen.AllTypes.v1.g.cs")]
    [InlineData("com.acme.kitchen.event.Keywords.v1.g.cs")]
    [InlineData("com.acme.shop.CustomerRegistered.v1.g.cs")]
    [InlineData("com.acme.shop.OrderPlaced.Upcasters.g.cs")]
    [InlineData("ContractRegistry.g.cs")]
    public void generated_source_matches_its_baseline(string hintName)
    {
        var actual = Run.Value.Run.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
        var path = Path.Combine(BaselineDirectory(), hintName + ".txt");
        if (Environment.GetEnvironmentVariable("CONTRACTS_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no baseline {path}; run the tests with CONTRACTS_UPDATE_BASELINES=1 to create it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }

    // Found from the test assembly, not [CallerFilePath]: a CI build maps source paths to /_/.
    private static string BaselineDirectory() => Path.Combine(RepositoryRoot.Path, "tests", "Contracts.Generators.Tests", "Baselines");
}
