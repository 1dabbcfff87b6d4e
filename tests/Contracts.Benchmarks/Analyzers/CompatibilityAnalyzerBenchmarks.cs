using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Contracts.Benchmarks.Generator;
using Contracts.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Benchmarks.Analyzers;

/// <summary>
/// The build-time compatibility analyzer (<see cref="SchemaCompatibilityAnalyzer"/>) as the compiler runs it
/// (<c>CompilationWithAnalyzers</c>), on the repository's <c>schemas/</c> and on 1,000 schemas (500 subjects × 2
/// versions). Cold: a schema text differs from every earlier run, so everything is parsed and checked (a build after
/// a schema edit). Warm: the same texts as the run before (what each C# edit in an IDE costs: the result is cached
/// by content).
/// </summary>
[MemoryDiagnoser]
public class CompatibilityAnalyzerBenchmarks
{
    private const int SchemaCount = 1000;
    private ImmutableArray<AdditionalText> _texts;
    private CSharpCompilation _compilation = null!;
    private int _edit;

    /// <summary>Which schemas: <c>repo</c> (this repository's schemas/) or <c>1000</c>.</summary>
    [Params("repo", "1000")]
    public string Schemas { get; set; } = "repo";

    /// <summary>Loads the schemas and runs the analyzer once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _texts = Schemas == "repo" ? RepositorySchemas() : Generated();
        _compilation = CSharpCompilation.Create("Bench", [], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var diagnostics = Run(_texts);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) throw new InvalidOperationException("the benchmark schemas must be compatible:\n" + string.Join("\n", diagnostics));
    }

    /// <summary>Every schema parsed and every subject checked (one schema's text is new).</summary>
    [Benchmark(Description = "Cold: parse + check all")]
    public int Cold()
    {
        var edited = _texts[0];
        var text = edited.GetText()!.ToString();
        var marker = "\"doc\": \"edit " + (++_edit).ToString(CultureInfo.InvariantCulture) + "\", ";
        var changed = new GeneratorRunBenchmarks.Text(edited.Path, text.Substring(0, text.IndexOf('{') + 1) + marker + text.Substring(text.IndexOf('{') + 1));
        return Run(_texts.SetItem(0, changed)).Length;
    }

    /// <summary>The same texts as the previous run: served from the content cache.</summary>
    [Benchmark(Description = "Warm: unchanged schemas")]
    public int Warm() => Run(_texts).Length;

    private ImmutableArray<Diagnostic> Run(ImmutableArray<AdditionalText> texts)
        => _compilation.WithAnalyzers([new SchemaCompatibilityAnalyzer()], new AnalyzerOptions(texts)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    private static ImmutableArray<AdditionalText> RepositorySchemas()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contracts.sln"))) dir = dir.Parent;
        var schemas = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("run from inside the repository"), "schemas");
        return Directory.EnumerateFiles(schemas, "*", SearchOption.AllDirectories)
            .Where(BuildInput)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (AdditionalText)new GeneratorRunBenchmarks.Text(p, File.ReadAllText(p)))
            .ToImmutableArray();
    }

    private static bool BuildInput(string path)
        => path.EndsWith(".avsc", StringComparison.Ordinal) || path.EndsWith(".schema.json", StringComparison.Ordinal)
           || path.EndsWith("contracts.settings.json", StringComparison.Ordinal) || path.EndsWith("accepted-breaks.json", StringComparison.Ordinal)
           || path.EndsWith("schemas.lock.json", StringComparison.Ordinal);

    private static ImmutableArray<AdditionalText> Generated()
        => Enumerable.Range(0, SchemaCount).Select(i => (AdditionalText)new GeneratorRunBenchmarks.Text($"/schemas/s{i / 2}/Event{i / 2}.v{i % 2 + 1}.avsc", GeneratorRunBenchmarks.Schema(i / 2, i % 2 + 1, ""))).ToImmutableArray();
}
