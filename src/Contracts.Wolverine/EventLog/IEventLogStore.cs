using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Contracts.Wolverine.EventLog;

/// <summary>
/// What a database store provides for reading its event log; the dialect-free <see cref="EventLog"/> decodes,
/// upcasts, pages and folds on top of it. Implemented by the SQLite store (and the PostgreSQL store).
/// </summary>
public interface IEventLogStore
{
    /// <summary>Where the log is, for messages (e.g. the database file).</summary>
    string Location { get; }

    /// <summary>One page of rows matching <paramref name="query"/>, in position order, at most <see cref="EventLogQuery.PageSize"/>.</summary>
    Task<IReadOnlyList<EventLogRecord>> ReadPageAsync(EventLogQuery query, CancellationToken cancellation = default);

    /// <summary>The highest position recorded at or before <paramref name="time"/> (0 if none).</summary>
    Task<long> PositionAtAsync(DateTimeOffset time, CancellationToken cancellation = default);

    /// <summary>Counts and bounds of the log.</summary>
    Task<EventLogStats> StatsAsync(CancellationToken cancellation = default);
}

/// <summary>Counts and bounds of the event log.</summary>
/// <param name="Events">Rows in the log.</param>
/// <param name="Head">The highest position (0 when empty).</param>
/// <param name="Streams">Distinct stream keys.</param>
/// <param name="First">When the first row was recorded.</param>
/// <param name="Last">When the last row was recorded.</param>
/// <param name="BySubject">Rows per subject and version written.</param>
public sealed record EventLogStats(
    long Events,
    long Head,
    long Streams,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    IReadOnlyList<EventLogSubjectCount> BySubject);

/// <summary>Rows of one subject version.</summary>
public sealed record EventLogSubjectCount(string Subject, int Version, string Format, long Events);
