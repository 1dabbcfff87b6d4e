using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using Contracts.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Generators.Tests;

/// <summary>An in-memory AdditionalText.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Build properties as the compiler would see them from the package's props.</summary>
internal sealed class TestOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>Runs the real generator with CSharpGeneratorDriver and compiles what it produced.</summary>
internal static class GeneratorHarness
{
    public static string SchemasRoot => Path.Combine(AppContext.BaseDirectory, "Schemas");

    public static string ValidRoot => Path.Combine(SchemasRoot, "Valid");

    /// <summary>The schema files of Schemas/Valid with stable, machine-independent paths (/schemas/...).</summary>
    public static List<InMemoryText> ValidSchemas() =>
        Directory.EnumerateFiles(ValidRoot, "*", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new InMemoryText("/schemas/" + Path.GetRelativePath(ValidRoot, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();

    private static readonly Lazy<List<MetadataReference>> CachedReferences = new(() => LoadReferences().ToList());

    public static IEnumerable<MetadataReference> References() => CachedReferences.Value;

    private static IEnumerable<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        foreach (var path in trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll"))
        {
            yield return MetadataReference.CreateFromFile(path);
        }
        yield return MetadataReference.CreateFromFile(typeof(Contracts.ContractInfo).Assembly.Location);
    }

    public static CSharpCompilation Compilation(string source = "", IEnumerable<MetadataReference>? extra = null) =>
        CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose), path: "Consumer.cs")],
            References().Concat(extra ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> texts, Dictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new ContractsGenerator().AsSourceGenerator()],
            texts,
            new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose),
            new TestOptionsProvider(properties ?? new() { ["build_property.RootNamespace"] = "Consumer" }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public sealed record Result(GeneratorDriver Driver, GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileDiagnostics)
    {
        /// <summary>Emits the compiled output, loads it into a collectible context named <paramref name="name"/> and returns its generated registry.</summary>
        public IReadOnlyList<ContractRegistration> LoadRegistry(string name)
        {
            using var image = new MemoryStream();
            var emit = Output.Emit(image);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            image.Position = 0;
            var assembly = new AssemblyLoadContext(name, isCollectible: true).LoadFromStream(image);
            return (IReadOnlyList<ContractRegistration>)assembly.GetType("Consumer.ContractRegistry")!.GetProperty("All")!.GetValue(null)!;
        }
    }

    public static Result Run(IEnumerable<AdditionalText> texts, string source = "", Dictionary<string, string>? properties = null, IEnumerable<MetadataReference>? extra = null)
    {
        var compilation = Compilation(source, extra);
        var driver = Driver(texts, properties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var compileDiagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new Result(driver, driver.GetRunResult(), output, generatorDiagnostics, compileDiagnostics);
    }
}
