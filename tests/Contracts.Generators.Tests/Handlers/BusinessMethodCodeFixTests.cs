using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Generators.CodeFixes;
using Contracts.Generators.Handlers;
using Contracts.Generators.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Generators.Tests.Handlers;

/// <summary>
/// The CTR3005 fix applied through a real workspace; the fixed sources are then compiled again with the real generator,
/// which now emits the shell, and the analyzer has nothing left to report.
/// </summary>
public class BusinessMethodCodeFixTests
{
    // No build properties in the workspace: the default registry namespace, so the shell is Contracts.Generated.ContractHandlers.OrderPlacedHandler.
    private static readonly Dictionary<string, string> NoProperties = [];

    private const string Declaration = """
        [assembly: Contracts.ConsumesContract("shop.OrderPlaced")]
        """;

    private static Project NewProject(params (string Name, string Text)[] documents)
        => CodeFixTests.NewProject([("Runtime.cs", HandlerShellHarness.RuntimeStandIns), .. documents]);

    private static async Task<Diagnostic> SingleCtr3005(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers([new ConsumedContractAnalyzer()], new AnalyzerOptions([.. UsageAnalyzerTests.ShopSchemas()])).GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CTR3005", diagnostic.Id);
        return diagnostic;
    }

    private static async Task<Project> ApplyOnlyFix(Project project, Diagnostic diagnostic)
        => (await CodeFixTests.ApplyOnlyFix(project, new BusinessMethodCodeFix(), diagnostic)).GetProject(project.Id)!;

    /// <summary>The fixed project's own sources (not the contracts), compiled from scratch with the generator and the analyzer: the shell is there and nothing is reported.</summary>
    private static async Task AssertShellBuilds(Project project)
    {
        var sources = new List<(string, string)>();
        foreach (var document in project.Documents.Where(d => !d.Name.EndsWith(".g.cs") && d.Name != "Runtime.cs"))
        {
            sources.Add((document.Name, (await document.GetTextAsync()).ToString()));
        }
        var rebuilt = await HandlerShellHarness.RunAsync([("Runtime.cs", HandlerShellHarness.RuntimeStandIns), .. sources], NoProperties);
        Assert.Empty(rebuilt.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(rebuilt.AnalyzerDiagnostics);
        Assert.NotNull(rebuilt.Shell("shop.OrderPlaced"));
    }

    [Fact]
    public async Task CTR3005_fix_adds_the_business_method_in_a_new_file_and_the_generator_then_emits_the_shell()
    {
        var project = NewProject(("Service.cs", Declaration));
        var fixedProject = await ApplyOnlyFix(project, await SingleCtr3005(project));

        var added = fixedProject.Documents.Single(d => d.Name == "OrderPlacedHandler.cs");
        var text = (await added.GetTextAsync()).ToString();
        Assert.Contains("// The business method of the generated handler of shop.OrderPlaced.", text);
        Assert.Contains("namespace Contracts.Generated.ContractHandlers", text);
        Assert.Contains("public partial class OrderPlacedHandler", text);
        Assert.Contains("private partial global::System.Threading.Tasks.Task HandleAsync(global::Shop.OrderPlaced message, global::Contracts.Wolverine.ContractMessageContext context, global::System.Threading.CancellationToken cancellation)", text);
        Assert.Contains("// TODO: handle shop.OrderPlaced.", text);
        Assert.Contains("throw new System.NotImplementedException(\"the handler of shop.OrderPlaced is not written yet\");", text);

        await AssertShellBuilds(fixedProject);
    }

    [Fact]
    public async Task CTR3005_fix_writes_into_the_users_own_part_of_the_class_when_there_is_one()
    {
        var project = NewProject(("Service.cs", Declaration), ("Handler.cs", """
            namespace Contracts.Generated.ContractHandlers
            {
                public partial class OrderPlacedHandler(System.IO.TextWriter log)
                {
                    private System.IO.TextWriter Log => log;
                }
            }
            """));
        var fixedProject = await ApplyOnlyFix(project, await SingleCtr3005(project));

        Assert.Equal(project.DocumentIds.Count, fixedProject.DocumentIds.Count);
        var text = (await fixedProject.Documents.Single(d => d.Name == "Handler.cs").GetTextAsync()).ToString();
        Assert.Contains("private System.IO.TextWriter Log => log;", text);
        Assert.Contains("private partial global::System.Threading.Tasks.Task HandleAsync(global::Shop.OrderPlaced message,", text);

        await AssertShellBuilds(fixedProject);
    }
}
