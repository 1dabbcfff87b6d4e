using System;

namespace Contracts.Wolverine.EventLog;

/// <summary>Which rows of the event log to read, in position order.</summary>
public sealed record EventLogQuery
{
    /// <summary>Read rows after this global position (0 = from the start).</summary>
    public long AfterPosition { get; init; }

    /// <summary>Read rows up to and including this global position.</summary>
    public long? ToPosition { get; init; }

    /// <summary>Only this stream (partition key value).</summary>
    public string? StreamKey { get; init; }

    /// <summary>With <see cref="StreamKey"/>: only rows after this stream sequence (e.g. the one a snapshot was taken at).</summary>
    public long? AfterStreamSequence { get; init; }

    /// <summary>Only rows recorded at or before this moment: the log as it stood then.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The most rows one page returns (default 1,000).</summary>
    public int PageSize { get; init; } = 1000;
}
