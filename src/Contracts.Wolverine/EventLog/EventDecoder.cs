using System;

namespace Contracts.Wolverine.EventLog;

/// <summary>Turns log rows into events of their subject's latest version, through the catalog's codecs and upcasters.</summary>
public sealed class EventDecoder
{
    private readonly ContractCatalog _catalog;

    /// <summary>Creates a decoder over <paramref name="catalog"/>.</summary>
    public EventDecoder(ContractCatalog catalog) => _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>
    /// Decodes and upcasts <paramref name="record"/>; <see langword="null"/> when the catalog does not know its subject
    /// and version (a subject this process has no contract for).
    /// </summary>
    /// <exception cref="EventLogException">The payload cannot be decoded with the contract's codec.</exception>
    public LoggedEvent? TryDecode(EventLogRecord record)
    {
        var registration = _catalog.Find(record.Subject, record.Version);
        if (registration is null)
        {
            return null;
        }

        object value;
        try
        {
            value = record.Format == EventPayloadFormat.Avro
                ? registration.ReadAvro(record.Payload)
                : registration.ReadJson(record.Payload);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new EventLogException(
                $"Event log position {record.Position} ({record.Subject} v{record.Version}, {record.Format}) cannot be decoded: {e.Message}", e);
        }

        return new LoggedEvent(record, registration.UpcastToLatest(value));
    }

    /// <summary>Decodes and upcasts <paramref name="record"/>, failing when the catalog does not know its contract.</summary>
    /// <exception cref="EventLogException">Unknown subject/version, or a payload that cannot be decoded.</exception>
    public LoggedEvent Decode(EventLogRecord record) =>
        TryDecode(record) ?? throw new EventLogException(
            $"Event log position {record.Position} holds {record.Subject} v{record.Version}, which no registered contract describes. Register the assembly that generates it in the ContractCatalog.");
}

/// <summary>An event-log row cannot be read or written; the message names the position or the event.</summary>
public sealed class EventLogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EventLogException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
