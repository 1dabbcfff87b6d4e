namespace Contracts.Wolverine.EventLog;

/// <summary>What the event log records.</summary>
public sealed class EventLogOptions
{
    /// <summary>
    /// Append published events to the log (default true). Needs a <c>ContractCatalog</c> in the service container:
    /// without one nothing is logged, because nothing says which messages are events.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Also log commands (contracts of kind command) that are sent inside an outbox transaction. Off by default.</summary>
    public bool LogCommands { get; set; }
}
