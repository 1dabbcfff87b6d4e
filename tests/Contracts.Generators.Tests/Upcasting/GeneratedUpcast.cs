using System;
using System.Buffers;
using System.Linq;
using System.Text.Json;

namespace Contracts.Generators.Tests.Upcasting;

/// <summary>
/// Runs the real generator on a writer (v1) and a reader (v2) schema of one subject, compiles and loads the
/// output, and upcasts through what it generated: v1 Avro codec → <c>ToLatest</c> (via the generated registry)
/// → v2 Avro codec.
/// </summary>
internal sealed class GeneratedUpcast
{
    private readonly Contracts.ContractRegistration? _v1;
    private readonly Contracts.ContractRegistration? _v2;

    private GeneratedUpcast(string upcasters, Contracts.ContractRegistration? v1, Contracts.ContractRegistration? v2)
    {
        Upcasters = upcasters;
        _v1 = v1;
        _v2 = v2;
    }

    /// <summary>The generated upcasters file.</summary>
    public string Upcasters { get; }

    /// <summary>True when the generator wrote the step itself (no hand-written partial declared).</summary>
    public bool IsAutomatic => _v1 is not null;

    public static GeneratedUpcast Build(string writerSchema, string readerSchema)
    {
        var name = JsonDocument.Parse(readerSchema).RootElement.GetProperty("name").GetString()!;
        var texts = new[]
        {
            new InMemoryText("/schemas/" + name + ".v1.avsc", writerSchema),
            new InMemoryText("/schemas/" + name + ".v2.avsc", readerSchema),
        };
        var result = GeneratorHarness.Run(texts);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, string.Join("\n", result.GeneratorDiagnostics));
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics.Take(20)));
        var upcasters = result.Run.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(".Upcasters.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        if (upcasters.Contains("static partial void UpcastFromV1(", StringComparison.Ordinal)) return new GeneratedUpcast(upcasters, null, null);

        var registry = result.LoadRegistry("upcast-" + name);
        return new GeneratedUpcast(upcasters, registry.Single(r => r.Info.Version == 1), registry.Single(r => r.Info.Version == 2));
    }

    /// <summary>v1 bytes → generated v1 decoder → generated upcaster → generated v2 encoder.</summary>
    public byte[] Upcast(byte[] writerBytes)
    {
        var older = _v1!.ReadAvro(writerBytes);
        var latest = _v1.UpcastToLatest(older);
        Assert.IsType(_v2!.Info.ClrType, latest);
        var output = new ArrayBufferWriter<byte>();
        _v2.WriteAvro(output, latest);
        return output.WrittenSpan.ToArray();
    }
}
