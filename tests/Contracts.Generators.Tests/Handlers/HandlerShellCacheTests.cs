using System.Collections.Generic;
using System.Linq;
using Contracts.Generators.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Contracts.Generators.Tests.Handlers;

/// <summary>The handler-shell steps are cache-friendly: editing a business method's body re-emits nothing.</summary>
public class HandlerShellCacheTests
{
    private static readonly string[] ShellSteps =
    [
        TrackingNames.ConsumeDeclarations, TrackingNames.ImplementedHandlers, TrackingNames.ConsumableSubjects, TrackingNames.HandlerShells,
    ];

    private static string Service(string body) => """
        [assembly: Contracts.ConsumesContract("shop.OrderPlaced")]
        namespace Consumer.ContractHandlers
        {
            public partial class OrderPlacedHandler
            {
                private partial System.Threading.Tasks.Task HandleAsync(Shop.OrderPlaced message, Contracts.Wolverine.ContractMessageContext context, System.Threading.CancellationToken cancellation)
                    => 
        """ + body + """
        ;
            }
        }
        """;

    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = CSharpCompilation.Create("Consumer",
            [CSharpSyntaxTree.ParseText(HandlerShellHarness.RuntimeStandIns, Parse, path: "Runtime.cs"), CSharpSyntaxTree.ParseText(Service("System.Threading.Tasks.Task.CompletedTask"), Parse, path: "Service.cs")],
            GeneratorHarness.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = GeneratorHarness.Driver(UsageAnalyzerTests.ShopSchemas(), HandlerShellHarness.Properties).RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "shop.OrderPlaced.Handler.g.cs");
        return (driver, compilation);
    }

    [Fact]
    public void editing_the_business_method_body_reuses_the_shell_and_its_output()
    {
        var (driver, compilation) = FirstRun();
        var service = compilation.SyntaxTrees.Single(t => t.FilePath == "Service.cs");
        var edited = compilation.ReplaceSyntaxTree(service, CSharpSyntaxTree.ParseText(Service("System.Threading.Tasks.Task.Delay(1, cancellation)"), Parse, path: "Service.cs"));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.ImplementedHandlers, TrackingNames.HandlerShells, TrackingNames.ConsumableSubjects })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(r => r.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void shell_steps_hold_no_roslyn_objects()
    {
        var (driver, _) = FirstRun();
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in ShellSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), step + " was not tracked");
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(r => r.Outputs))
            {
                IncrementalCacheTests.AssertNoRoslynObjects(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }
}
