using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// The <c>Contracts</c> activity source and meter. Wolverine already traces sending, receiving and handling (its
/// <c>Wolverine</c> source) and propagates its own parent id; these spans add what it does not know: the contract's
/// subject and version, named by the current OpenTelemetry messaging conventions, and a W3C <c>traceparent</c> header a
/// peer that is not Wolverine can continue.
/// </summary>
internal static class ContractsInstrumentation
{
    public static readonly ActivitySource Source = new(ContractsTelemetry.ActivitySourceName, ThisVersion);

    private static readonly Meter Meter = new(ContractsTelemetry.MeterName, ThisVersion);
    private static readonly Counter<long> PublishedCount = Meter.CreateCounter<long>(ContractsTelemetry.PublishedCounter, "{message}", "Contract messages published.");
    private static readonly Counter<long> HandledCount = Meter.CreateCounter<long>(ContractsTelemetry.HandledCounter, "{message}", "Contract messages handled.");
    private static readonly Counter<long> DeadLetteredCount = Meter.CreateCounter<long>(ContractsTelemetry.DeadLetteredCounter, "{message}", "Contract messages moved to dead letters.");
    private static readonly Counter<long> UpcastCount = Meter.CreateCounter<long>(ContractsTelemetry.UpcastCounter, "{message}", "Messages turned into the latest known version.");
    private static readonly Counter<long> DuplicateCount = Meter.CreateCounter<long>(ContractsTelemetry.DuplicatesCounter, "{message}", "Messages ignored as duplicates of an idempotency key.");

    private const string ThisVersion = "0.1.0";

    // OpenTelemetry messaging semantic conventions (v1.26+ names).
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string System = "messaging.system";
    public const string DestinationName = "messaging.destination.name";
    public const string MessageId = "messaging.message.id";
    public const string ConversationId = "messaging.message.conversation_id";
    public const string Subject = "contracts.subject";
    public const string Version = "contracts.version";
    public const string Reason = "contracts.reason";

    /// <summary>The OpenTelemetry messaging attributes of a producer (<c>publish</c>) or consumer (<c>process</c>) span.</summary>
    public static void SetMessagingTags(Activity activity, string operation, global::Wolverine.Envelope envelope, string subject, string? version)
    {
        activity.SetTag(OperationType, operation);
        activity.SetTag(OperationName, operation);
        activity.SetTag(System, "wolverine");
        activity.SetTag(DestinationName, envelope.Destination?.ToString() ?? subject);
        activity.SetTag(MessageId, envelope.Id.ToString("D"));
        activity.SetTag(Subject, subject);
        activity.SetTag(Version, version);
    }

    public static void Published(ContractEntry entry)
    {
        if (PublishedCount.Enabled)
        {
            PublishedCount.Add(1, Tags(entry.Subject, entry.VersionText));
        }
    }

    public static void Handled(string subject, string? version)
    {
        if (HandledCount.Enabled)
        {
            HandledCount.Add(1, Tags(subject, version));
        }
    }

    public static void Upcast(string subject, string? fromVersion)
    {
        if (UpcastCount.Enabled)
        {
            UpcastCount.Add(1, Tags(subject, fromVersion));
        }
    }

    public static void Duplicate(string subject)
    {
        if (DuplicateCount.Enabled)
        {
            DuplicateCount.Add(1, new KeyValuePair<string, object?>(Subject, subject));
        }
    }

    public static void DeadLettered(string? subject, Exception reason)
    {
        if (DeadLetteredCount.Enabled)
        {
            DeadLetteredCount.Add(1, new KeyValuePair<string, object?>(Subject, subject), new KeyValuePair<string, object?>(Reason, reason.GetType().Name));
        }
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(string subject, string? version) =>
        new[] { new KeyValuePair<string, object?>(Subject, subject), new KeyValuePair<string, object?>(Version, version) };
}
