using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Npgsql;
using NpgsqlTypes;
using Wolverine.Runtime;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// The event log in the store's schema, appended inside outbox transactions just before they commit.
/// </summary>
/// <remarks>
/// Positions must become visible in order, or a subscription that reads "after 4" could see 6 before 5 commits,
/// checkpoint at 6 and never see 5. A sequence gives no such guarantee (a transaction that drew 5 can commit after
/// the one that drew 6). So every append first takes one transaction-scoped advisory lock for the schema's log and
/// assigns positions as <c>max(position) + 1…</c> under it: appending transactions hold the lock until they commit
/// or roll back, so the one holding position n is visible (PostgreSQL publishes a commit before it releases the
/// transaction's locks) before any other can even draw n + 1. A reader that sees n + 1 therefore sees everything
/// below it, positions have no gaps, and stream sequences (<c>max(stream_seq) + 1</c> per key) cannot collide.
/// The price: transactions that append events commit one at a time (from the append, which is the last statement,
/// to the commit); transactions that publish no events never take the lock.
/// </remarks>
internal sealed class PostgresEventLog : IEventLogStore
{
    private readonly PostgresMessageStore _store;
    private readonly EventLogCollector _collector;

    public PostgresEventLog(PostgresMessageStore store)
    {
        _store = store;
        _collector = new EventLogCollector(store.Options.EventLog);
    }

    /// <summary>Woken after every commit of this process that appended events.</summary>
    public EventLogNotifier Notifier { get; } = new();

    public string Location => _store.Database.Where;

    private PostgresDatabase Db => _store.Database;

    private string Table => Db.Tables.EventLog;

    /// <summary>Appends what <paramref name="context"/> published as events, in its transaction. Returns the number of rows.</summary>
    public async Task<int> AppendPublishedAsync(MessageContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        var entries = _collector.Collect(context);
        if (entries is null)
        {
            return 0;
        }

        await AppendAsync(connection, transaction, entries, cancellation).ConfigureAwait(false);
        return entries.Count;
    }

    /// <summary>Takes the log's append lock (held to the end of <paramref name="transaction"/>) and inserts the rows in one statement.</summary>
    public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<EventLogRecord> entries, CancellationToken cancellation)
    {
        await using (var lockLog = EnvelopeRows.Command(connection, "SELECT pg_advisory_xact_lock(@key);", transaction).With("key", Db.Tables.SharedLockKey("event-log")))
        {
            await lockLog.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        // Row n of the input gets position head + n; a stream's rows get that stream's next sequences in input order.
        await using var insert = EnvelopeRows.Command(connection,
            $"""
            WITH input AS (
                SELECT * FROM unnest(@keys, @subjects, @versions, @fingerprints, @formats, @payloads, @ids, @causations, @correlations, @traces, @headers, @at)
                    WITH ORDINALITY AS i (stream_key, subject, version, fingerprint, format, payload, message_id, causation_id, correlation_id, traceparent, headers, recorded_at, n)),
            head AS (SELECT coalesce(max(position), 0) AS position FROM {Table})
            INSERT INTO {Table} ({EventLogColumns.Log})
            SELECT head.position + i.n, i.stream_key,
                CASE WHEN i.stream_key IS NULL THEN NULL ELSE
                    coalesce((SELECT max(l.stream_seq) FROM {Table} l WHERE l.stream_key = i.stream_key), 0)
                    + row_number() OVER (PARTITION BY i.stream_key ORDER BY i.n) END,
                i.subject, i.version, i.fingerprint, i.format, i.payload, i.message_id, i.causation_id, i.correlation_id, i.traceparent, i.headers, i.recorded_at
            FROM input i CROSS JOIN head
            ORDER BY i.n;
            """, transaction);
        insert.Parameters.Add(Array("keys", NpgsqlDbType.Text, entries.Select(e => e.StreamKey)));
        insert.Parameters.Add(Array("subjects", NpgsqlDbType.Text, entries.Select(e => e.Subject)));
        insert.Parameters.Add(Array("versions", NpgsqlDbType.Integer, entries.Select(e => e.Version)));
        insert.Parameters.Add(Array("fingerprints", NpgsqlDbType.Bigint, entries.Select(e => unchecked((long)e.Fingerprint))));
        insert.Parameters.Add(Array("formats", NpgsqlDbType.Text, entries.Select(e => e.Format)));
        insert.Parameters.Add(Array("payloads", NpgsqlDbType.Bytea, entries.Select(e => e.Payload)));
        insert.Parameters.Add(Array("ids", NpgsqlDbType.Uuid, entries.Select(e => e.MessageId)));
        insert.Parameters.Add(Array("causations", NpgsqlDbType.Text, entries.Select(e => e.CausationId)));
        insert.Parameters.Add(Array("correlations", NpgsqlDbType.Text, entries.Select(e => e.CorrelationId)));
        insert.Parameters.Add(Array("traces", NpgsqlDbType.Text, entries.Select(e => e.TraceParent)));
        insert.Parameters.Add(Array("headers", NpgsqlDbType.Text, entries.Select(e => e.Headers)));
        // Millisecond precision, as the record promises (and as the SQLite log stores it).
        insert.Parameters.Add(Array("at", NpgsqlDbType.TimestampTz,
            entries.Select(e => DateTimeOffset.FromUnixTimeMilliseconds(e.RecordedAt.ToUnixTimeMilliseconds()))));
        await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    public Task<IReadOnlyList<EventLogRecord>> ReadPageAsync(EventLogQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Db.RunAsync<IReadOnlyList<EventLogRecord>>(async (connection, _, token) =>
        {
            await _store.EnsureSchemaAsync(token).ConfigureAwait(false);
            var sql = new StringBuilder($"SELECT {EventLogColumns.Log} FROM {Table} WHERE position > @after");
            await using var select = EnvelopeRows.Command(connection, string.Empty).With("after", query.AfterPosition);
            if (query.ToPosition is { } to)
            {
                sql.Append(" AND position <= @to");
                select.With("to", to);
            }

            if (query.StreamKey is { } key)
            {
                sql.Append(" AND stream_key = @key");
                select.With("key", key);
            }

            if (query.AfterStreamSequence is { } sequence)
            {
                sql.Append(" AND stream_seq > @seq");
                select.With("seq", sequence);
            }

            if (query.Until is { } until)
            {
                sql.Append(" AND recorded_at <= @until");
                select.With("until", until.ToUniversalTime());
            }

            select.CommandText = sql.Append(" ORDER BY position LIMIT @limit;").ToString();
            select.With("limit", Math.Max(1, query.PageSize));
            var rows = new List<EventLogRecord>(Math.Min(query.PageSize, 4096));
            await using var reader = await select.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                rows.Add(ReadRecord(reader));
            }

            return rows;
        }, "reading the event log", cancellation);
    }

    public static EventLogRecord ReadRecord(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetInt64(2),
        reader.GetString(3),
        reader.GetInt32(4),
        unchecked((ulong)reader.GetInt64(5)),
        reader.GetString(6),
        reader.GetFieldValue<byte[]>(7),
        reader.GetGuid(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.GetFieldValue<DateTimeOffset>(13));

    public Task<long> PositionAtAsync(DateTimeOffset time, CancellationToken cancellation = default) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            await _store.EnsureSchemaAsync(token).ConfigureAwait(false);
            await using var select = EnvelopeRows.Command(connection, $"SELECT coalesce(max(position), 0) FROM {Table} WHERE recorded_at <= @at;")
                .With("at", time.ToUniversalTime());
            return (long)(await select.ExecuteScalarAsync(token).ConfigureAwait(false))!;
        }, "finding an event-log position by time", cancellation);

    public Task<EventLogStats> StatsAsync(CancellationToken cancellation = default) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            await _store.EnsureSchemaAsync(token).ConfigureAwait(false);
            long events, head, streams;
            DateTimeOffset? first, last;
            await using (var totals = EnvelopeRows.Command(connection,
                             $"SELECT count(*), coalesce(max(position), 0), count(DISTINCT stream_key), min(recorded_at), max(recorded_at) FROM {Table};"))
            await using (var reader = await totals.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                await reader.ReadAsync(token).ConfigureAwait(false);
                events = reader.GetInt64(0);
                head = reader.GetInt64(1);
                streams = reader.GetInt64(2);
                first = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3);
                last = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            }

            var bySubject = new List<EventLogSubjectCount>();
            await using (var grouped = EnvelopeRows.Command(connection,
                             $"SELECT subject, version, format, count(*) FROM {Table} GROUP BY subject, version, format ORDER BY subject, version, format;"))
            await using (var reader = await grouped.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    bySubject.Add(new EventLogSubjectCount(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3)));
                }
            }

            return new EventLogStats(events, head, streams, first, last, bySubject);
        }, "reading event-log statistics", cancellation);
}
