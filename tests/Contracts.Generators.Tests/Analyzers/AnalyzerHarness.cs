using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Generators.Tests.Analyzers;

/// <summary>
/// Runs real analyzers over a real compilation: the generator first turns the schemas into contract types, then
/// <see cref="CompilationWithAnalyzers"/> runs the analyzers with the schemas as AdditionalFiles. Sources mark the
/// spans they expect a diagnostic on with <c>[|</c> and <c>|]</c>.
/// </summary>
internal static class AnalyzerHarness
{
    /// <summary>The source without markers, and the marked spans in order.</summary>
    public static (string Source, ImmutableArray<TextSpan> Spans) ParseMarkers(string marked)
    {
        var text = new StringBuilder();
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        var open = new Stack<int>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (i + 1 < marked.Length && marked[i] == '[' && marked[i + 1] == '|') { open.Push(text.Length); i++; continue; }
            if (i + 1 < marked.Length && marked[i] == '|' && marked[i + 1] == ']') { var start = open.Pop(); spans.Add(TextSpan.FromBounds(start, text.Length)); i++; continue; }
            text.Append(marked[i]);
        }
        if (open.Count > 0) throw new ArgumentException("unclosed [| marker");
        return (text.ToString(), spans.OrderBy(s => s.Start).ToImmutableArray());
    }

    /// <summary>
    /// A plain library compilation of <paramref name="source"/> (as <c>Consumer.cs</c>; default warning levels, so a
    /// warning stays a warning), plus what the generator makes of <paramref name="schemas"/>; fails on any compile error.
    /// </summary>
    public static Compilation Compile(IReadOnlyList<AdditionalText> schemas, string source = "")
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("Consumer",
            [CSharpSyntaxTree.ParseText(source, parse, path: "Consumer.cs")],
            GeneratorHarness.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorHarness.Driver(schemas).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test source does not compile:\n" + string.Join("\n", errors));
        return output;
    }

    /// <summary>Every diagnostic the analyzer reports (any severity), in location order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> Run(DiagnosticAnalyzer analyzer, Compilation compilation, IReadOnlyList<AdditionalText> additionalFiles)
    {
        var options = new AnalyzerOptions(additionalFiles.ToImmutableArray());
        var withAnalyzers = compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        var analyzerErrors = diagnostics.Where(d => d.Id == "AD0001").ToList();
        Assert.True(analyzerErrors.Count == 0, "the analyzer threw:\n" + string.Join("\n", analyzerErrors));
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        return diagnostics.Where(d => ids.Contains(d.Id))
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>
    /// Compiles <paramref name="markedSource"/> (as <c>Consumer.cs</c>) with the contracts of <paramref name="schemas"/>, runs the
    /// analyzer, and asserts that it reports <paramref name="id"/> exactly on the marked spans of that file.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> AssertReportsOnMarkedSpans(DiagnosticAnalyzer analyzer, string id, IReadOnlyList<AdditionalText> schemas, string markedSource)
    {
        var (source, spans) = ParseMarkers(markedSource);
        var compilation = Compile(schemas, source);
        var diagnostics = (await Run(analyzer, compilation, schemas)).Where(d => d.Id == id).ToImmutableArray();
        var inSource = diagnostics.Where(d => d.Location.SourceTree?.FilePath == "Consumer.cs").ToList();
        Assert.True(diagnostics.Length == inSource.Count, "diagnostics outside the source:\n" + string.Join("\n", diagnostics));
        Assert.True(spans.SequenceEqual(inSource.Select(d => d.Location.SourceSpan)),
            $"expected {id} on [{string.Join(", ", spans.Select(s => Show(source, s)))}] but got [{string.Join(", ", inSource.Select(d => Show(source, d.Location.SourceSpan)))}]\n" + string.Join("\n", inSource));
        return inSource.ToImmutableArray();
    }

    private static string Show(string source, TextSpan span) => "\"" + source.Substring(span.Start, span.Length) + "\"@" + span.Start;
}
