using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Microsoft.Data.Sqlite;
using Wolverine.Runtime;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// The event log on the store's file: appends inside an outbox transaction (just before it commits), and reads on
/// pooled connections beside the writer (WAL), so readers see only committed rows, in position order.
/// </summary>
internal sealed class SqliteEventLog : IEventLogStore
{
    private readonly SqliteMessageStore _store;
    private readonly EventLogCollector _collector;

    public SqliteEventLog(SqliteMessageStore store)
    {
        _store = store;
        _collector = new EventLogCollector(store.Options.EventLog);
    }

    /// <summary>Woken after every commit that appended events, so subscriptions pick them up without waiting a polling interval.</summary>
    public EventLogNotifier Notifier { get; } = new();

    public string Location => _store.Factory.DatabasePath;

    /// <summary>Appends what <paramref name="context"/> published as events, in its transaction. Returns the number of rows.</summary>
    public int AppendPublished(MessageContext context, SqliteConnection connection, SqliteTransaction transaction)
    {
        var entries = _collector.Collect(context);
        if (entries is null)
        {
            return 0;
        }

        Append(connection, transaction, entries);
        return entries.Count;
    }

    public static void Append(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<EventLogRecord> entries)
    {
        var insert = connection.Prepared(
            $"INSERT INTO {SchemaMigrator.EventLog} (stream_key, stream_seq, subject, version, fingerprint, format, payload, message_id, " +
            "causation_id, correlation_id, traceparent, headers, recorded_at) VALUES (@key, " +
            $"CASE WHEN @key IS NULL THEN NULL ELSE (SELECT coalesce(max(stream_seq), 0) + 1 FROM {SchemaMigrator.EventLog} WHERE stream_key = @key) END, " +
            "@subject, @version, @fingerprint, @format, @payload, @id, @causation, @correlation, @trace, @headers, @at);", transaction);
        var key = insert.Parameters.Add("@key", SqliteType.Text);
        var subject = insert.Parameters.Add("@subject", SqliteType.Text);
        var version = insert.Parameters.Add("@version", SqliteType.Integer);
        var fingerprint = insert.Parameters.Add("@fingerprint", SqliteType.Integer);
        var format = insert.Parameters.Add("@format", SqliteType.Text);
        var payload = insert.Parameters.Add("@payload", SqliteType.Blob);
        var id = insert.Parameters.Add("@id", SqliteType.Text);
        var causation = insert.Parameters.Add("@causation", SqliteType.Text);
        var correlation = insert.Parameters.Add("@correlation", SqliteType.Text);
        var trace = insert.Parameters.Add("@trace", SqliteType.Text);
        var headers = insert.Parameters.Add("@headers", SqliteType.Text);
        var at = insert.Parameters.Add("@at", SqliteType.Integer);
        foreach (var entry in entries)
        {
            key.Value = (object?)entry.StreamKey ?? DBNull.Value;
            subject.Value = entry.Subject;
            version.Value = entry.Version;
            fingerprint.Value = unchecked((long)entry.Fingerprint);
            format.Value = entry.Format;
            payload.Value = entry.Payload;
            id.Value = EnvelopeRows.Id(entry.MessageId);
            causation.Value = (object?)entry.CausationId ?? DBNull.Value;
            correlation.Value = (object?)entry.CorrelationId ?? DBNull.Value;
            trace.Value = (object?)entry.TraceParent ?? DBNull.Value;
            headers.Value = (object?)entry.Headers ?? DBNull.Value;
            at.Value = entry.RecordedAt.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }
    }

    public Task<IReadOnlyList<EventLogRecord>> ReadPageAsync(EventLogQuery query, CancellationToken cancellation = default) =>
        Task.FromResult(_store.Read(connection => ReadPage(connection, query), "reading the event log"));

    public static IReadOnlyList<EventLogRecord> ReadPage(SqliteConnection connection, EventLogQuery query)
    {
        // Only the filters the query uses: "@x IS NULL OR ..." would be evaluated on every row.
        var sql = new StringBuilder($"SELECT {EventLogColumns.Log} FROM {SchemaMigrator.EventLog} WHERE position > ?1");
        if (query.ToPosition is not null)
        {
            sql.Append(" AND position <= ?2");
        }

        if (query.StreamKey is not null)
        {
            sql.Append(" AND stream_key = ?3");
            if (query.AfterStreamSequence is not null)
            {
                sql.Append(" AND stream_seq > ?4");
            }
        }
        else if (query.AfterStreamSequence is not null)
        {
            sql.Append(" AND stream_seq > ?4");
        }

        if (query.Until is not null)
        {
            sql.Append(" AND recorded_at <= ?5");
        }

        sql.Append(" ORDER BY position LIMIT ?6;");
        var page = Math.Max(1, query.PageSize);
        using var rows = new EventLogRowReader(connection, sql.ToString());
        rows.Bind(1, query.AfterPosition);
        rows.BindIfSet(2, query.ToPosition);
        rows.BindIfSet(3, query.StreamKey);
        rows.BindIfSet(4, query.AfterStreamSequence);
        rows.BindIfSet(5, query.Until?.ToUnixTimeMilliseconds());
        rows.Bind(6, page);
        var records = new List<EventLogRecord>(Math.Min(page, 4096));
        while (rows.Next())
        {
            records.Add(rows.Record());
        }

        return records;
    }

    public Task<long> PositionAtAsync(DateTimeOffset time, CancellationToken cancellation = default) =>
        Task.FromResult(_store.Read(connection => PositionAt(connection, time), "finding an event-log position by time"));

    public static long PositionAt(SqliteConnection connection, DateTimeOffset time)
    {
        using var select = EnvelopeRows.Command(connection,
            $"SELECT coalesce(max(position), 0) FROM {SchemaMigrator.EventLog} WHERE recorded_at <= @at;");
        select.Add("@at", time.ToUnixTimeMilliseconds());
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<EventLogStats> StatsAsync(CancellationToken cancellation = default) =>
        Task.FromResult(_store.Read(Stats, "reading event-log statistics"));

    public static EventLogStats Stats(SqliteConnection connection)
    {
        long events, head, streams;
        DateTimeOffset? first = null, last = null;
        using (var totals = EnvelopeRows.Command(connection,
                   $"SELECT count(*), coalesce(max(position), 0), count(DISTINCT stream_key), min(recorded_at), max(recorded_at) FROM {SchemaMigrator.EventLog};"))
        using (var reader = totals.ExecuteReader())
        {
            reader.Read();
            events = reader.GetInt64(0);
            head = reader.GetInt64(1);
            streams = reader.GetInt64(2);
            first = EnvelopeRows.ReadTime(reader, 3);
            last = EnvelopeRows.ReadTime(reader, 4);
        }

        var bySubject = new List<EventLogSubjectCount>();
        using (var grouped = EnvelopeRows.Command(connection,
                   $"SELECT subject, version, format, count(*) FROM {SchemaMigrator.EventLog} GROUP BY subject, version, format ORDER BY subject, version, format;"))
        using (var reader = grouped.ExecuteReader())
        {
            while (reader.Read())
            {
                bySubject.Add(new EventLogSubjectCount(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        return new EventLogStats(events, head, streams, first, last, bySubject);
    }
}
