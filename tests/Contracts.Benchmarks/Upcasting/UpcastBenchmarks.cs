using System;
using BenchmarkDotNet.Attributes;
using Bench.Upcasting;
using Contracts;

namespace Contracts.Benchmarks.Upcasting;

/// <summary>
/// Generated upcasters: a v1 Shipment (uuid, string, int, enum) through three automatic steps to v4 (alias rename,
/// int → long → double, enum default, added fields with defaults, a removed field), against one hand-written
/// v1 → v4 constructor (the practical limit: one object, no intermediates).
/// </summary>
[MemoryDiagnoser]
public class UpcastBenchmarks
{
    private ShipmentV1 _v1 = null!;
    private ShipmentV3 _v3 = null!;
    private ContractRegistration _registration = null!;

    /// <summary>Builds the v1 and v3 values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _v1 = new ShipmentV1 { ShipmentId = Guid.NewGuid(), Customer = "customer-42", Weight = 1200, Status = ShipmentV1.StatusType.Sent };
        _v3 = ShipmentUpcasters.Upcast(ShipmentUpcasters.Upcast(_v1));
        _registration = global::Contracts.Benchmarks.ContractRegistry.Find("bench.upcasting.Shipment", 1)!;
    }

    /// <summary>v1 → v4 written by hand in one step.</summary>
    [Benchmark(Baseline = true)]
    public Shipment HandWrittenV1ToV4() => new()
    {
        ShipmentId = _v1.ShipmentId,
        CustomerId = _v1.Customer,
        Weight = _v1.Weight,
        Status = _v1.Status == ShipmentV1.StatusType.Sent ? Shipment.StatusType.Other : (Shipment.StatusType)_v1.Status,
    };

    /// <summary>v1 → v2 → v3 → v4 through the generated steps.</summary>
    [Benchmark]
    public Shipment GeneratedV1ToV4() => _v1.ToLatest();

    /// <summary>One generated step, v3 → v4.</summary>
    [Benchmark]
    public Shipment GeneratedV3ToV4() => _v3.ToLatest();

    /// <summary>v1 → v4 through the registry's untyped entry point (what a runtime that only has an object calls).</summary>
    [Benchmark]
    public object RegistryV1ToV4() => _registration.UpcastToLatest(_v1);
}
