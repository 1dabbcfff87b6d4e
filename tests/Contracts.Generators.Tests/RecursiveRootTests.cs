using System.Buffers;
using System.Linq;
using System.Text;

namespace Contracts.Generators.Tests;

/// <summary>
/// A contract whose root record refers to itself: the root's write and read methods are the codec's own overrides,
/// so the nested references go through the codec's <c>Instance</c>.
/// </summary>
public class RecursiveRootTests
{
    [Fact]
    public void a_self_referencing_root_round_trips_through_both_codecs()
    {
        const string Schema = """
            {"type":"record","name":"Tree","namespace":"org.example.trees","fields":[
              {"name":"label","type":"string"},
              {"name":"children","type":{"type":"array","items":"Tree"}},
              {"name":"next","type":["null","Tree"],"default":null}]}
            """;
        var result = GeneratorHarness.Run([new InMemoryText("/schemas/Tree.v1.avsc", Schema)]);
        Assert.True(result.GeneratorDiagnostics.IsEmpty, string.Join("\n", result.GeneratorDiagnostics));
        Assert.True(result.CompileDiagnostics.IsEmpty, string.Join("\n", result.CompileDiagnostics));
        var code = result.Run.Results.Single().GeneratedSources.Single(s => s.HintName == "org.example.trees.Tree.v1.g.cs").SourceText.ToString();
        Assert.Contains("Instance.Write(ref writer, ", code);
        Assert.Contains("Instance.Read(ref reader)", code);
        Assert.Contains("Instance.Write(writer, ", code);

        var registration = result.LoadRegistry("recursive-root").Single();
        const string Json = """{"label":"a","children":[{"label":"b","children":[],"next":null}],"next":{"label":"c","children":[],"next":{"label":"d","children":[],"next":null}}}""";
        var tree = registration.ReadJson(Encoding.UTF8.GetBytes(Json));
        Assert.Equal(Json, WriteJson(registration, tree));
        var avro = new ArrayBufferWriter<byte>();
        registration.WriteAvro(avro, tree);
        var back = registration.ReadAvro(avro.WrittenSpan);
        Assert.Equal(Json, WriteJson(registration, back));
        var again = new ArrayBufferWriter<byte>();
        registration.WriteAvro(again, back);
        Assert.Equal(avro.WrittenSpan.ToArray(), again.WrittenSpan.ToArray());
    }

    private static string WriteJson(ContractRegistration registration, object value)
    {
        var output = new ArrayBufferWriter<byte>();
        registration.WriteJson(output, value);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
