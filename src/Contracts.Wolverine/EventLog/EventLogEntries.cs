using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Wolverine;
using Wolverine.Runtime;

namespace Contracts.Wolverine.EventLog;

/// <summary>
/// Picks the events (and, if configured, the commands) a unit of work published, from the envelopes it holds at
/// commit, and encodes each once (as an <see cref="EventLogRecord"/> without position and stream sequence), however many destinations it was routed to. Dialect-free: a store calls it
/// just before committing the outbox transaction and writes the entries in that transaction.
/// </summary>
internal static class EventLogEntries
{
    public static List<EventLogRecord>? Collect(MessageContext context, ContractCatalog catalog, EventLogOptions options)
    {
        if (!options.Enabled)
        {
            return null;
        }

        List<EventLogRecord>? entries = null;
        HashSet<object>? seen = null;
        var now = DateTimeOffset.UtcNow;
        foreach (var envelope in context.Outstanding)
        {
            var message = envelope.Message;
            if (message is null)
            {
                continue;
            }

            var registration = catalog.Find(message.GetType());
            if (registration is null || (registration.Info.Kind != ContractKind.Event && !options.LogCommands))
            {
                continue;
            }

            seen ??= new HashSet<object>(ReferenceEqualityComparer.Instance);
            if (!seen.Add(message))
            {
                continue; // the same event routed to several destinations is one fact
            }

            entries ??= new List<EventLogRecord>();
            entries.Add(Create(registration, message, envelope, context, now));
        }

        return entries;
    }

    public static EventLogRecord Create(ContractRegistration registration, object message, Envelope envelope, MessageContext context, DateTimeOffset now)
    {
        var info = registration.Info;
        var buffer = new ArrayBufferWriter<byte>(256);
        string format;
        if (registration.HasAvroCodec)
        {
            registration.WriteAvro(buffer, message);
            format = EventPayloadFormat.Avro;
        }
        else if (registration.HasJsonCodec)
        {
            registration.WriteJson(buffer, message);
            format = EventPayloadFormat.Json;
        }
        else
        {
            throw new EventLogException($"{info.Subject} v{info.Version} has neither an Avro nor a JSON codec, so it cannot be written to the event log.");
        }

        // Position and stream sequence are assigned by the store when it appends the row.
        return new EventLogRecord(
            0,
            PartitionKeys.Read(info, message),
            null,
            info.Subject,
            info.Version,
            info.Fingerprint,
            format,
            buffer.WrittenSpan.ToArray(),
            envelope.Id,
            context.Envelope?.Id.ToString("D"),
            envelope.CorrelationId ?? context.CorrelationId,
            envelope.ParentId ?? Activity.Current?.Id,
            envelope.Headers.Count == 0 ? null : JsonSerializer.Serialize(envelope.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).ToDictionary(h => h.Key, h => h.Value)),
            now);
    }
}
