namespace Contracts.Wolverine.EventLog;

/// <summary>An event read from the log, decoded and upcast to the latest version of its subject.</summary>
/// <param name="Record">The row as written (position, stream, version written, headers, time).</param>
/// <param name="Event">The event as the subject's latest known version.</param>
public sealed record LoggedEvent(EventLogRecord Record, object Event)
{
    /// <summary>Global position in the log.</summary>
    public long Position => Record.Position;
}
