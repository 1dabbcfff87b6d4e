using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// The event log on the store's file: appends inside an outbox transaction (just before it commits), and reads on
/// pooled connections beside the writer (WAL), so readers see only committed rows, in position order.
/// </summary>
internal sealed class SqliteEventLog : IEventLogStore
{
    public const string Columns =
        "position, stream_key, stream_seq, subject, version, fingerprint, format, payload, message_id, causation_id, correlation_id, traceparent, headers, recorded_at";

    private readonly SqliteMessageStore _store;
    private ContractCatalog? _catalog;
    private bool _catalogResolved;

    public SqliteEventLog(SqliteMessageStore store) => _store = store;

    /// <summary>Woken after every commit that appended events, so subscriptions pick them up without waiting a polling interval.</summary>
    public EventLogNotifier Notifier { get; } = new();

    public string Location => _store.Factory.DatabasePath;

    /// <summary>Appends what <paramref name="context"/> published as events, in its transaction. Returns the number of rows.</summary>
    public int AppendPublished(MessageContext context, SqliteConnection connection, SqliteTransaction transaction)
    {
        var catalog = Catalog(context.Runtime);
        if (catalog is null)
        {
            return 0;
        }

        var entries = EventLogEntries.Collect(context, catalog, _store.Options.EventLog);
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
        using var select = EnvelopeRows.Command(connection,
            $"SELECT {Columns} FROM {SchemaMigrator.EventLog} WHERE position > @after " +
            "AND (@to IS NULL OR position <= @to) AND (@key IS NULL OR stream_key = @key) " +
            "AND (@seq IS NULL OR stream_seq > @seq) AND (@until IS NULL OR recorded_at <= @until) " +
            "ORDER BY position LIMIT @limit;");
        select.Add("@after", query.AfterPosition);
        select.Add("@to", query.ToPosition);
        select.Add("@key", query.StreamKey);
        select.Add("@seq", query.AfterStreamSequence);
        select.Add("@until", query.Until?.ToUnixTimeMilliseconds());
        select.Add("@limit", Math.Max(1, query.PageSize));
        var rows = new List<EventLogRecord>(Math.Min(query.PageSize, 4096));
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(ReadRecord(reader));
        }

        return rows;
    }

    public static EventLogRecord ReadRecord(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetInt64(2),
        reader.GetString(3),
        reader.GetInt32(4),
        unchecked((ulong)reader.GetInt64(5)),
        reader.GetString(6),
        (byte[])reader.GetValue(7),
        Guid.Parse(reader.GetString(8)),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)));

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

    private ContractCatalog? Catalog(IWolverineRuntime runtime)
    {
        if (!_catalogResolved)
        {
            _catalog = runtime.Services.GetService<ContractCatalog>();
            _catalogResolved = true;
        }

        return _catalog;
    }
}
