using System.Linq;
using System.Threading.Tasks;
using Contracts.Generators.Handlers;

namespace Contracts.Generators.Tests.Handlers;

/// <summary>Handler shells from <c>[assembly: ConsumesContract]</c>: real generator and analyzer runs over the shop schemas.</summary>
public class HandlerShellTests
{
    private const string Declaration = """
        #pragma warning disable CS1591
        [assembly: Contracts.ConsumesContract("shop.OrderPlaced")]

        """;

    private const string BusinessMethod = """
        namespace Consumer.ContractHandlers
        {
            using System.Threading;
            using System.Threading.Tasks;
            using Contracts.Wolverine;

            public partial class OrderPlacedHandler(System.Collections.Generic.List<string> seen)
            {
                private partial Task HandleAsync(Shop.OrderPlaced message, ContractMessageContext context, CancellationToken cancellation)
                {
                    seen.Add(message.Channel);
                    return Task.CompletedTask;
                }
            }
        }
        """;

    [Fact]
    public async Task a_consumed_subject_with_its_business_method_gets_a_shell_that_compiles_warning_free()
    {
        var outcome = await HandlerShellHarness.RunAsync(Declaration + BusinessMethod);

        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Empty(outcome.AnalyzerDiagnostics);
        var shell = outcome.Shell("shop.OrderPlaced");
        Assert.NotNull(shell);
        Assert.Contains("namespace Consumer.ContractHandlers", shell);
        Assert.Contains("public sealed partial class OrderPlacedHandler", shell);
        Assert.Contains("public global::System.Threading.Tasks.Task Handle(global::Shop.OrderPlaced message, global::Wolverine.IMessageContext bus, global::System.Threading.CancellationToken cancellation)", shell);
        Assert.Contains("=> HandleAsync(message, global::Contracts.Wolverine.ContractMessageContext.For(message, bus), cancellation);", shell);
        Assert.Contains("private partial global::System.Threading.Tasks.Task HandleAsync(global::Shop.OrderPlaced message, global::Contracts.Wolverine.ContractMessageContext context, global::System.Threading.CancellationToken cancellation);", shell);
        var type = outcome.Compilation.GetTypeByMetadataName("Consumer.ContractHandlers.OrderPlacedHandler")!;
        Assert.True(type.IsSealed);
        Assert.Single(type.GetMembers("Handle"));
    }

    [Fact]
    public async Task a_missing_business_method_is_CTR3005_at_the_declaration_naming_class_and_signature_and_no_compiler_error()
    {
        var outcome = await HandlerShellHarness.RunAsync(Declaration);

        // No shell yet, so no CS8795 in generated code: the compilation is clean and our error is the one the build shows.
        Assert.Null(outcome.Shell("shop.OrderPlaced"));
        Assert.Empty(outcome.CompileDiagnostics);
        var diagnostic = Assert.Single(outcome.AnalyzerDiagnostics);
        Assert.Equal("CTR3005", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "shop.OrderPlaced is consumed here, but its generated handler has no business method: write "
            + "`private partial System.Threading.Tasks.Task HandleAsync(Shop.OrderPlaced message, Contracts.Wolverine.ContractMessageContext context, System.Threading.CancellationToken cancellation)` "
            + "in `public partial class Consumer.ContractHandlers.OrderPlacedHandler` "
            + "(the generator then emits the class's Wolverine Handle method, which calls it with the message as the latest version)",
            diagnostic.GetMessage());
        var line = diagnostic.Location.GetLineSpan();
        Assert.Equal("Service.cs", line.Path);
        Assert.Equal(1, line.StartLinePosition.Line); // zero-based: the line of [assembly: ConsumesContract(...)]
        Assert.Equal("Contracts.ConsumesContract(\"shop.OrderPlaced\")", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal("Consumer.ContractHandlers.OrderPlacedHandler", diagnostic.Properties[HandlerDiagnosticProperties.ContainingType]);
        Assert.Equal("https://github.com/contracts-dotnet/contracts/blob/main/docs/diagnostics/CTR3005.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public async Task a_user_part_with_a_constructor_but_no_business_method_is_still_CTR3005()
    {
        var outcome = await HandlerShellHarness.RunAsync(Declaration + """
            namespace Consumer.ContractHandlers
            {
                public partial class OrderPlacedHandler(string name)
                {
                    public string Name => name;
                }
            }
            """);

        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Equal("CTR3005", Assert.Single(outcome.AnalyzerDiagnostics).Id);
    }

    [Fact]
    public async Task an_unknown_subject_is_CTR3004_naming_the_closest_known_subjects()
    {
        var outcome = await HandlerShellHarness.RunAsync("""
            [assembly: Contracts.ConsumesContract("shop.OrderPlacd")]
            [assembly: Contracts.ConsumesContract("billing.Refunded")]
            """);

        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Empty(outcome.Run.Results.Single().GeneratedSources.Where(s => s.HintName.EndsWith(".Handler.g.cs")));
        var diagnostics = outcome.AnalyzerDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.All(diagnostics, d => Assert.Equal("CTR3004", d.Id));
        Assert.Equal(2, diagnostics.Count);
        Assert.Equal("`shop.OrderPlacd` is not a subject of this project's schemas; did you mean `shop.OrderPlaced`?", diagnostics[0].GetMessage());
        Assert.Equal("`billing.Refunded` is not a subject of this project's schemas; none of its 2 subjects is close: `shop.ChargePayment`, `shop.OrderPlaced`", diagnostics[1].GetMessage());
        Assert.Equal(0, diagnostics[0].Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task a_business_method_written_for_a_misspelt_subject_is_the_compilers_CS0759_as_documented_in_CTR3004()
    {
        var outcome = await HandlerShellHarness.RunAsync(Declaration.Replace("shop.OrderPlaced", "shop.OrderPlacd") + BusinessMethod);

        Assert.Null(outcome.Shell("shop.OrderPlaced"));
        Assert.Equal("CS0759", Assert.Single(outcome.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)).Id);
    }

    [Fact]
    public async Task a_consumed_subject_without_Contracts_Wolverine_is_CTR3006()
    {
        var outcome = await HandlerShellHarness.RunAsync(Declaration, withRuntime: false);

        Assert.Empty(outcome.CompileDiagnostics);
        var diagnostic = Assert.Single(outcome.AnalyzerDiagnostics);
        Assert.Equal("CTR3006", diagnostic.Id);
        Assert.StartsWith("shop.OrderPlaced is consumed here, but the project does not reference Contracts.Wolverine", diagnostic.GetMessage());
    }

    [Fact]
    public async Task the_declaration_can_name_the_handler_class()
    {
        var outcome = await HandlerShellHarness.RunAsync("""
            [assembly: Contracts.ConsumesContract("shop.OrderPlaced", Handler = "Orders.Intake.PlacedOrders")]
            namespace Orders.Intake;

            public partial class PlacedOrders
            {
                private partial System.Threading.Tasks.Task HandleAsync(Shop.OrderPlaced message, Contracts.Wolverine.ContractMessageContext context, System.Threading.CancellationToken cancellation)
                    => System.Threading.Tasks.Task.CompletedTask;
            }
            """);

        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Empty(outcome.AnalyzerDiagnostics);
        Assert.Contains("namespace Orders.Intake", outcome.Shell("shop.OrderPlaced"));
        Assert.Contains("public sealed partial class PlacedOrders", outcome.Shell("shop.OrderPlaced"));
    }

    [Fact]
    public async Task a_plain_handler_of_the_same_name_elsewhere_does_not_clash_with_the_shell()
    {
        var outcome = await HandlerShellHarness.RunAsync(Declaration + BusinessMethod + """

            namespace Consumer
            {
                public class OrderPlacedHandler
                {
                    public void Handle(Shop.OrderPlaced message) { }
                }
            }
            """);

        Assert.Empty(outcome.CompileDiagnostics);
        Assert.Empty(outcome.AnalyzerDiagnostics);
        Assert.NotNull(outcome.Shell("shop.OrderPlaced"));
    }
}
