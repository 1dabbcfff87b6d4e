using System;
using System.Collections.Generic;
using Contracts.Avro;
using Wolverine.Configuration;

namespace Contracts.Wolverine;

/// <summary>What <c>UseContracts</c> registers and how it behaves. Every member has a working default.</summary>
public sealed class ContractsOptions
{
    internal List<ContractRegistration> Registrations { get; } = new();

    /// <summary>Adds contracts, typically a generated <c>ContractRegistry.All</c>; call once per assembly of contracts.</summary>
    /// <param name="registrations">The registrations.</param>
    public ContractsOptions Add(IEnumerable<ContractRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        Registrations.AddRange(registrations);
        return this;
    }

    /// <summary>
    /// The wire format of contracts on endpoints that do not choose one (default Avro binary). Subjects without an Avro
    /// codec (JSON Schema subjects) are always written as JSON. Choose JSON for one endpoint with
    /// <c>UseContractsJson()</c> on its subscriber configuration.
    /// </summary>
    public ContractFormat DefaultFormat { get; set; } = ContractFormat.AvroBinary;

    /// <summary>
    /// Attempts a message gets before it goes to dead letters when its handler keeps failing (default 5: the first try
    /// and 4 retries). Set 1 to dead-letter on the first failure.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The delay before the first retry; each further retry doubles it (default 50 ms).</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest delay between two retries (default 5 s).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether <c>UseContracts</c> installs its default failure policy (retries with exponential backoff and jitter, then
    /// dead letters). Turn it off to write the whole policy with Wolverine's own error-handling API.
    /// </summary>
    public bool ApplyDefaultFailurePolicy { get; set; } = true;

    /// <summary>
    /// Whether every service writes its known schemas into the message store's schema table at startup, and looks up
    /// unknown writer schemas there (default on). Needs a store that implements <see cref="IContractSchemaStore"/>.
    /// </summary>
    public bool UseSchemaStore { get; set; } = true;

    /// <summary>Whether JSON payloads of JSON Schema subjects are validated against their schema on receipt (default on).</summary>
    public bool ValidateJsonSchemaPayloads { get; set; } = true;

    /// <summary>
    /// How many ordered lanes each listener has for messages with a partition key: messages with one key are handled
    /// one after the other, different keys in parallel (default 5). <see langword="null"/> leaves listeners unpartitioned.
    /// </summary>
    public PartitionSlots? PartitionedProcessing { get; set; } = PartitionSlots.Five;

    /// <summary>The CloudEvents <c>source</c> of messages this service publishes (default <c>/</c> + Wolverine's service name).</summary>
    public string? Source { get; set; }

    /// <summary>Limits applied when decoding Avro payloads (default <see cref="DecodeLimits.Default"/>).</summary>
    public DecodeLimits? DecodeLimits { get; set; }

    internal IReadOnlyList<TimeSpan> RetryDelays()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "UseContracts: MaxAttempts must be at least 1 (the first try).");
        }

        var delays = new TimeSpan[MaxAttempts - 1];
        var delay = InitialRetryDelay;
        for (var i = 0; i < delays.Length; i++)
        {
            delays[i] = delay < MaxRetryDelay ? delay : MaxRetryDelay;
            delay += delay;
        }

        return delays;
    }
}
