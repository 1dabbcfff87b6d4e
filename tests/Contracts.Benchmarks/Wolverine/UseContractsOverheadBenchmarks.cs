using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Contracts.Wolverine;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace Contracts.Benchmarks.Wolverine;

/// <summary>
/// What <c>UseContracts</c> adds per message, on the OrderPlaced shape, against plain Wolverine with its default
/// serializer (System.Text.Json over the same record): the outgoing envelope rule (lookup, CloudEvents and trace
/// headers, serializer choice), the Avro write, and on receipt the header lookup and Avro read. Both sides build an
/// envelope, write its body and read it back; no transport or store, which cost the same either way.
/// </summary>
[MemoryDiagnoser]
public class UseContractsOverheadBenchmarks
{
    private Codecs.OrderPlaced _plain = null!;
    private Bench.Generated.OrderPlaced _contract = null!;
    private IMessageSerializer _wolverineDefault = null!;
    private IMessageSerializer _contracts = null!;
    private IEnvelopeRule _rule = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plain = Codecs.OrderPlaced.CreateSample();
        _contract = Generator.GeneratedSample.From(_plain);

        _wolverineDefault = new WolverineOptions().DefaultSerializer;
        var options = new WolverineOptions();
        options.UseContracts(c => c.Add(ContractRegistry.All));
        _contracts = options.DefaultSerializer;
        _rule = options.MetadataRules.Single(r => r.GetType().Namespace == "Contracts.Wolverine.Internal");

        if (PlainWolverine().Note != _plain.Note || ContractsRoundTrip().Note != _plain.Note || ContractsRoundTrip().Total != _plain.Total)
        {
            throw new InvalidOperationException("a round trip lost data");
        }
    }

    /// <summary>Plain Wolverine: envelope, System.Text.Json write, read.</summary>
    [Benchmark(Baseline = true, Description = "Wolverine default serializer (STJ)")]
    public Codecs.OrderPlaced PlainWolverine()
    {
        var outgoing = new Envelope(_plain) { Serializer = _wolverineDefault, ContentType = _wolverineDefault.ContentType };
        var incoming = new Envelope { Data = outgoing.Data, ContentType = outgoing.ContentType };
        return (Codecs.OrderPlaced)_wolverineDefault.ReadFromData(typeof(Codecs.OrderPlaced), incoming);
    }

    /// <summary>UseContracts: envelope, contract rule (headers), Avro write, header lookup and Avro read.</summary>
    [Benchmark(Description = "UseContracts (rule + headers + Avro)")]
    public Bench.Generated.OrderPlaced ContractsRoundTrip()
    {
        var outgoing = new Envelope(_contract) { Serializer = _contracts, ContentType = _contracts.ContentType };
        _rule.Modify(outgoing);
        var incoming = new Envelope { Data = outgoing.Data, ContentType = outgoing.ContentType };
        foreach (var header in outgoing.Headers)
        {
            incoming.Headers[header.Key] = header.Value;
        }

        return (Bench.Generated.OrderPlaced)_contracts.ReadFromData(typeof(Bench.Generated.OrderPlaced), incoming);
    }
}
