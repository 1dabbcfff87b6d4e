using System;
using System.Diagnostics;
using System.Globalization;
using Wolverine;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// Runs on every outgoing envelope (a Wolverine metadata rule, applied before the envelope is persisted to the outbox or
/// sent): names the contract on the wire by subject (version and fingerprint in headers), picks the serializer for the
/// contract's format, writes the CloudEvents and trace headers, and sets the partition key as Wolverine's group id.
/// </summary>
internal sealed class ContractEnvelopeRule : IEnvelopeRule
{
    private readonly ContractsRuntime _runtime;
    private readonly ContractSerializer _avro;
    private readonly ContractSerializer _json;

    public ContractEnvelopeRule(ContractsRuntime runtime, ContractSerializer avro, ContractSerializer json)
    {
        _runtime = runtime;
        _avro = avro;
        _json = json;
    }

    public void Modify(Envelope envelope) => Apply(null, envelope);

    public void ApplyCorrelation(IMessageContext originator, Envelope outgoing) => Apply(originator, outgoing);

    private void Apply(IMessageContext? originator, Envelope envelope)
    {
        if (envelope.Message is not { } message)
        {
            return;
        }

        var entry = _runtime.Find(message.GetType());
        if (entry is null)
        {
            // Not a contract: keep it out of the contract content types.
            if (envelope.Serializer is ContractSerializer contracts)
            {
                envelope.Serializer = contracts.Fallback;
                envelope.ContentType = contracts.Fallback.ContentType;
            }

            return;
        }

        // The endpoint's choice (UseContractsJson sets application/json), else the configured default; JSON Schema
        // subjects are JSON whatever was asked.
        var requested = envelope.ContentType == ContractContentTypes.Json ? ContractFormat.Json
            : envelope.Serializer is ContractSerializer chosen ? chosen.Format
            : _runtime.Options.DefaultFormat;
        var serializer = entry.EffectiveFormat(requested) == ContractFormat.Json ? _json : _avro;
        envelope.Serializer = serializer;
        envelope.ContentType = serializer.ContentType;

        // Wire identity: the subject. The receiver maps it to its latest version and reads the writer's version from the headers.
        envelope.MessageType = entry.Subject;
        var headers = envelope.Headers;
        headers[ContractHeaders.SpecVersion] = "1.0";
        headers[ContractHeaders.Type] = entry.Subject;
        headers[ContractHeaders.Source] = _runtime.Source;
        headers[ContractHeaders.Id] = envelope.Id.ToString("D");
        headers[ContractHeaders.Time] = (envelope.SentAt == default ? DateTimeOffset.UtcNow : envelope.SentAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        headers[ContractHeaders.DataSchema] = entry.DataSchema;
        headers[ContractHeaders.SchemaVersion] = entry.VersionText;
        headers[ContractHeaders.SchemaFingerprint] = entry.FingerprintText;

        if (entry.PartitionKey is { } partitionKeyOf)
        {
            var key = partitionKeyOf(message);
            headers[ContractHeaders.PartitionKey] = key;
            // Wolverine's partitioned processing orders by group id; a transport with keys (Kafka) uses PartitionKey.
            if (string.IsNullOrEmpty(envelope.GroupId))
            {
                envelope.GroupId = key;
            }

            if (string.IsNullOrEmpty(envelope.PartitionKey))
            {
                envelope.PartitionKey = key;
            }
        }

        if (entry.IdempotencyKey is { } idempotencyKeyOf)
        {
            headers[ContractHeaders.IdempotencyKey] = idempotencyKeyOf(message);
        }

        if (originator?.Envelope is { } cause)
        {
            headers[ContractHeaders.CausationId] = cause.Id.ToString("D");
        }

        var correlation = envelope.CorrelationId ?? originator?.CorrelationId;
        if (!string.IsNullOrEmpty(correlation))
        {
            headers[ContractHeaders.CorrelationId] = correlation;
        }

        WriteTraceContext(entry, envelope);
        ContractsInstrumentation.Published(entry);
    }

    private static void WriteTraceContext(ContractEntry entry, Envelope envelope)
    {
        // A short producer span marks the moment the message was created; its context travels in the W3C headers, through
        // the outbox, to the consumer, whose span is its child. Without a listener, the ambient context is propagated.
        using var activity = ContractsInstrumentation.Source.StartActivity("publish " + entry.Subject, ActivityKind.Producer);
        if (activity is not null)
        {
            ContractsInstrumentation.SetMessagingTags(activity, "publish", envelope, entry.Subject, entry.VersionText);
        }

        var context = activity ?? Activity.Current;
        if (context is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            envelope.Headers[ContractHeaders.TraceParent] = id;
            if (!string.IsNullOrEmpty(context.TraceStateString))
            {
                envelope.Headers[ContractHeaders.TraceState] = context.TraceStateString;
            }
        }
    }
}
