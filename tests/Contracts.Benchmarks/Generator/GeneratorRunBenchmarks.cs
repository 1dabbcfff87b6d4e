using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Contracts.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Benchmarks.Generator;

/// <summary>The generator on a 1,000-schema project: a full run, and a run after editing one schema.</summary>
[MemoryDiagnoser]
public class GeneratorRunBenchmarks
{
    private const int SchemaCount = 1000;
    private List<AdditionalText> _texts = null!;
    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warm = null!;
    private AdditionalText _original = null!;
    private AdditionalText _edited = null!;
    private bool _flip;

    /// <summary>Builds 1,000 schemas (500 subjects with two versions each) and a warmed-up driver.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _texts = Enumerable.Range(0, SchemaCount).Select(i => (AdditionalText)new Text($"/schemas/s{i / 2}/Event{i / 2}.v{i % 2 + 1}.avsc", Schema(i / 2, i % 2 + 1, ""))).ToList();
        _compilation = CSharpCompilation.Create("Bench", [], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        _warm = NewDriver().RunGenerators(_compilation);
        _original = _texts[10];
        _edited = new Text(_original.Path, Schema(5, 1, "\"doc\": \"edited\","));
    }

    /// <summary>Every schema parsed and emitted from scratch.</summary>
    [Benchmark(Description = "Full run, 1,000 schemas")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation);

    /// <summary>One schema edited on a warm driver (what an IDE keystroke costs).</summary>
    [Benchmark(Description = "One schema edited, 1,000 schemas")]
    public GeneratorDriver OneFileEdit()
    {
        _flip = !_flip;
        _warm = _flip ? _warm.ReplaceAdditionalText(_original, _edited) : _warm.ReplaceAdditionalText(_edited, _original);
        _warm = _warm.RunGenerators(_compilation);
        return _warm;
    }

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new ContractsGenerator().AsSourceGenerator()], _texts, new CSharpParseOptions(LanguageVersion.Latest));

    /// <summary>One benchmark schema: a record with uuid, timestamp, decimal, an array of a nested record and a nullable string (v2+ adds a field with a default).</summary>
    internal static string Schema(int subject, int version, string extra)
    {
        var n = subject.ToString(CultureInfo.InvariantCulture);
        return "{\"type\":\"record\",\"name\":\"Event" + n + "\",\"namespace\":\"bench.s" + n + "\"," + extra + "\"fields\":["
            + "{\"name\":\"id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"}},"
            + "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
            + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}},"
            + "{\"name\":\"lines\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Line\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\"}]}}},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}"
            + (version > 1 ? ",{\"name\":\"tag\",\"type\":\"string\",\"default\":\"x\"}" : "")
            + "]}";
    }

    /// <summary>An in-memory additional file.</summary>
    internal sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
