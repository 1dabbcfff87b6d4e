namespace Contracts.Wolverine;

/// <summary>
/// Names of the OpenTelemetry sources <c>UseContracts</c> emits: add them to a tracer provider
/// (<c>AddSource(ContractsTelemetry.ActivitySourceName)</c>) and a meter provider (<c>AddMeter(ContractsTelemetry.MeterName)</c>).
/// </summary>
public static class ContractsTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: one producer span per published contract, one consumer span per handled one.</summary>
    public const string ActivitySourceName = "Contracts";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string MeterName = "Contracts";

    /// <summary>Counter: contract messages published (tags <c>contracts.subject</c>, <c>contracts.version</c>).</summary>
    public const string PublishedCounter = "contracts.messages.published";

    /// <summary>Counter: contract messages whose handler completed.</summary>
    public const string HandledCounter = "contracts.messages.handled";

    /// <summary>Counter: contract messages moved to dead letters (undecodable, invalid, unknown writer schema, retries exhausted).</summary>
    public const string DeadLetteredCounter = "contracts.messages.dead_lettered";

    /// <summary>Counter: messages read as an older or newer version and turned into the latest known one.</summary>
    public const string UpcastCounter = "contracts.messages.upcast";

    /// <summary>Counter: messages ignored because another message already claimed their idempotency key.</summary>
    public const string DuplicatesCounter = "contracts.messages.duplicates";
}
