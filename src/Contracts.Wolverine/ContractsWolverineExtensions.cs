using System;
using Contracts.Wolverine.Internal;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Configuration;

namespace Contracts.Wolverine;

/// <summary>Wolverine configuration entry points of Contracts.</summary>
public static class ContractsWolverineExtensions
{
    /// <summary>
    /// Runs the generated contracts on Wolverine: registers one <see cref="ContractCatalog"/> in the container, the
    /// codecs as message serializers (<c>avro/binary</c> by default, <c>application/json</c>), the subject as each
    /// contract's wire identity with version and fingerprint in CloudEvents headers, upcasting of older versions and
    /// forward-compatible reads of newer ones on receipt, per-key ordering, idempotency keys, the default failure policy,
    /// and the <c>Contracts</c> activity source and meter. See docs/wolverine.md.
    /// </summary>
    /// <param name="options">Wolverine's options.</param>
    /// <param name="configure">Adds the contracts (<c>c.Add(ContractRegistry.All)</c>) and sets options.</param>
    public static WolverineOptions UseContracts(this WolverineOptions options, Action<ContractsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);
        var contracts = new ContractsOptions();
        configure(contracts);
        if (contracts.Registrations.Count == 0)
        {
            throw new ArgumentException("UseContracts: no contracts were added. Call c.Add(ContractRegistry.All) with the generated registry.", nameof(configure));
        }

        _ = contracts.RetryDelays(); // fail at configuration time on an invalid attempt count

        var catalog = new ContractCatalog(contracts.Registrations);
        var runtime = new ContractsRuntime(catalog, contracts, options);

        // Non-contract messages keep Wolverine's JSON serializer; ours replace it for application/json and are the default.
        var fallback = options.DefaultSerializer;
        var avro = new ContractSerializer(runtime, ContractFormat.AvroBinary, fallback);
        var json = new ContractSerializer(runtime, ContractFormat.Json, fallback);
        options.AddSerializer(json);
        options.AddSerializer(avro);
        options.DefaultSerializer = contracts.DefaultFormat == ContractFormat.Json ? json : avro;

        options.MetadataRules.Add(new ContractEnvelopeRule(runtime, avro, json));
        options.PublishWithMessageRoutingSource(new OlderVersionRouteSource(runtime));
        options.Policies.Add(new ContractsHandlerPolicy(runtime));
        options.Policies.AddMiddleware(typeof(ContractsMiddleware), chain => runtime.IsContract(chain.MessageType));

        options.MessagePartitioning.ByRule(new PartitionKeyGroupingRule(runtime));
        if (contracts.PartitionedProcessing is { } slots)
        {
            options.Policies.AllListeners(listener => listener.PartitionProcessingByGroupId(slots));
        }

        options.Services.AddSingleton(catalog);
        options.Services.AddSingleton(runtime);
        if (contracts.UseSchemaStore)
        {
            options.Services.AddHostedService<SchemaRegistrationService>();
        }

        return options;
    }

    /// <summary>
    /// Writes contracts sent to this endpoint as JSON (<c>application/json</c>) instead of the default format.
    /// </summary>
    /// <param name="subscriber">A subscriber configuration, e.g. <c>opts.PublishMessage&lt;T&gt;().ToPort(5000)</c>.</param>
    public static T UseContractsJson<T>(this T subscriber) where T : ISubscriberConfiguration<T>
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        // The content type is the marker the contract envelope rule reads when it picks the serializer.
        subscriber.CustomizeOutgoing(envelope => envelope.ContentType = ContractContentTypes.Json);
        return subscriber;
    }
}
