using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Generators.Handlers;
using Contracts.Generators.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Tests.Handlers;

/// <summary>
/// Compiles a service's source with the real generator over the shop schemas, then runs the real
/// <see cref="ConsumedContractAnalyzer"/> with the same build properties the generator saw.
/// </summary>
internal static class HandlerShellHarness
{
    /// <summary>The build properties of every run: the registry (and so the default shell) namespace is <c>Consumer</c>.</summary>
    public static Dictionary<string, string> Properties => new() { ["build_property.RootNamespace"] = "Consumer" };

    /// <summary>Stand-ins for the two runtime types a shell uses (this test project references neither Wolverine nor Contracts.Wolverine).</summary>
    public const string RuntimeStandIns = """
        #pragma warning disable CS1591
        namespace Wolverine
        {
            public interface IMessageContext { }
        }
        namespace Contracts.Wolverine
        {
            public sealed class ContractMessageContext
            {
                public static ContractMessageContext For<T>(T message, global::Wolverine.IMessageContext bus) where T : global::Contracts.IContract => new ContractMessageContext();
            }
        }

        """;

    public sealed record Outcome(Compilation Compilation, ImmutableArray<Diagnostic> CompileDiagnostics, ImmutableArray<Diagnostic> AnalyzerDiagnostics, GeneratorDriverRunResult Run)
    {
        public string? Shell(string subject) => Run.Results.Single().GeneratedSources
            .Where(s => s.HintName == subject + ".Handler.g.cs").Select(s => s.SourceText.ToString()).SingleOrDefault();
    }

    /// <summary>Runs over <paramref name="service"/> (as <c>Service.cs</c>), with the runtime stand-ins in <c>Runtime.cs</c> unless <paramref name="withRuntime"/> is false.</summary>
    public static Task<Outcome> RunAsync(string service, bool withRuntime = true)
        => RunAsync(withRuntime ? [("Runtime.cs", RuntimeStandIns), ("Service.cs", service)] : [("Service.cs", service)], Properties);

    public static async Task<Outcome> RunAsync((string Path, string Text)[] sources, Dictionary<string, string> properties)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create("Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, path: s.Path)),
            GeneratorHarness.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var schemas = UsageAnalyzerTests.ShopSchemas();
        var driver = GeneratorHarness.Driver(schemas, properties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var compile = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        var options = new AnalyzerOptions(schemas.ToImmutableArray<AdditionalText>(), new TestOptionsProvider(properties));
        var analyzer = new ConsumedContractAnalyzer();
        var all = await output.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false)).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return new Outcome(output, compile, all, driver.GetRunResult());
    }
}
