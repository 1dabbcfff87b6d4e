using System;

namespace Contracts.Wolverine.EventLog;

/// <summary>One row of the event log as written: the event's version, fingerprint and encoded payload, not yet decoded.</summary>
/// <param name="Position">Global position: 1, 2, 3… in commit order.</param>
/// <param name="StreamKey">The value of the subject's partition key field, or <see langword="null"/> when the subject declares none.</param>
/// <param name="StreamSequence">1, 2, 3… within <paramref name="StreamKey"/>, or <see langword="null"/> without a stream key.</param>
/// <param name="Subject">The contract subject.</param>
/// <param name="Version">The schema version the payload was written with.</param>
/// <param name="Fingerprint">CRC-64-AVRO fingerprint of that version's schema.</param>
/// <param name="Format"><see cref="EventPayloadFormat.Avro"/> or <see cref="EventPayloadFormat.Json"/>.</param>
/// <param name="Payload">The Avro binary body (no single-object header) or the UTF-8 JSON document.</param>
/// <param name="MessageId">The Wolverine envelope id the event was published with.</param>
/// <param name="CausationId">The id of the message being handled when the event was published, if any.</param>
/// <param name="CorrelationId">The correlation id of the conversation, if any.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the publishing activity, if any.</param>
/// <param name="Headers">The envelope's other headers as a JSON object, or <see langword="null"/>.</param>
/// <param name="RecordedAt">When the publishing transaction appended it (UTC, millisecond precision).</param>
public sealed record EventLogRecord(
    long Position,
    string? StreamKey,
    long? StreamSequence,
    string Subject,
    int Version,
    ulong Fingerprint,
    string Format,
    byte[] Payload,
    Guid MessageId,
    string? CausationId,
    string? CorrelationId,
    string? TraceParent,
    string? Headers,
    DateTimeOffset RecordedAt);

/// <summary>The payload formats of the event log.</summary>
public static class EventPayloadFormat
{
    /// <summary>Avro binary body, written by the contract's generated Avro codec.</summary>
    public const string Avro = "avro";

    /// <summary>UTF-8 JSON, written by the contract's generated JSON codec (when it has no Avro codec).</summary>
    public const string Json = "json";
}
