using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Scheduled messages are inbox rows with status Scheduled and an execution time.</summary>
internal sealed class SqliteScheduledMessages : IScheduledMessages
{
    private readonly SqliteMessageStore _store;

    public SqliteScheduledMessages(SqliteMessageStore store) => _store = store;

    public Task<ScheduledMessageResults> QueryAsync(ScheduledMessageQuery query, CancellationToken token) =>
        Task.FromResult(_store.Read(connection =>
        {
            var results = new ScheduledMessageResults { PageNumber = Math.Max(1, query.PageNumber), DatabaseUri = _store.Uri };
            using (var count = EnvelopeRows.Command(connection, string.Empty))
            {
                count.CommandText = "SELECT count(*) FROM wolverine_incoming" + Where(query, count);
                results.TotalCount = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            var pageSize = query.PageSize <= 0 ? 100 : query.PageSize;
            using var select = EnvelopeRows.Command(connection, string.Empty);
            select.CommandText = $"SELECT {EnvelopeRows.IncomingColumns} FROM wolverine_incoming" + Where(query, select) +
                                 " ORDER BY execution_time, id LIMIT @limit OFFSET @offset;";
            select.Add("@limit", pageSize);
            select.Add("@offset", (results.PageNumber - 1) * pageSize);
            foreach (var envelope in EnvelopeRows.ReadIncoming(select, _store.Factory.DatabasePath))
            {
                results.Messages.Add(new ScheduledMessageSummary
                {
                    Id = envelope.Id,
                    MessageType = envelope.MessageType,
                    ScheduledTime = envelope.ScheduledTime,
                    Destination = envelope.Destination?.ToString(),
                    SentAt = envelope.SentAt,
                    Attempts = envelope.Attempts,
                    TenantId = envelope.TenantId,
                    SagaId = envelope.SagaId,
                });
            }

            return results;
        }, "querying scheduled messages"));

    public Task CancelAsync(ScheduledMessageQuery query, CancellationToken token) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection, string.Empty);
            command.CommandText = "DELETE FROM wolverine_incoming" + Where(query, command) + ";";
            command.ExecuteNonQuery();
        }, "cancelling scheduled messages");

    public Task RescheduleAsync(Guid envelopeId, DateTimeOffset newExecutionTime, CancellationToken token) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var select = EnvelopeRows.Command(connection,
                $"SELECT {EnvelopeRows.IncomingColumns} FROM wolverine_incoming WHERE id = @id AND status = 'Scheduled';");
            select.Add("@id", EnvelopeRows.Id(envelopeId));
            var found = EnvelopeRows.ReadIncoming(select, _store.Factory.DatabasePath);
            if (found.Count == 0)
            {
                throw new SqliteStoreException(
                    $"There is no scheduled message with id {envelopeId} in the SQLite message store at '{_store.Factory.DatabasePath}' (it may have fired or been cancelled).");
            }

            var envelope = found[0];
            envelope.ScheduledTime = newExecutionTime;
            using var update = EnvelopeRows.Command(connection,
                "UPDATE wolverine_incoming SET execution_time = @exec, body = @body WHERE id = @id AND status = 'Scheduled';");
            update.Add("@exec", EnvelopeRows.ToUnixMs(newExecutionTime));
            update.Add("@body", EnvelopeRows.Body(envelope));
            update.Add("@id", EnvelopeRows.Id(envelopeId));
            update.ExecuteNonQuery();
        }, $"rescheduling message {envelopeId}");

    public Task<IReadOnlyList<ScheduledMessageCount>> SummarizeAsync(string serviceName, CancellationToken token) =>
        Task.FromResult<IReadOnlyList<ScheduledMessageCount>>(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "SELECT message_type, count(*) FROM wolverine_incoming WHERE status = 'Scheduled' GROUP BY message_type ORDER BY message_type;");
            var counts = new List<ScheduledMessageCount>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts.Add(new ScheduledMessageCount(serviceName, reader.GetString(0), _store.Uri, reader.GetInt32(1)));
            }

            return counts;
        }, "summarizing scheduled messages"));

    private static string Where(ScheduledMessageQuery query, SqliteCommand command)
    {
        var sql = new StringBuilder(" WHERE status = 'Scheduled'");
        if (query.MessageIds is { Length: > 0 })
        {
            sql.Append(" AND id IN ").Append(EnvelopeRows.InList(command, query.MessageIds));
        }

        if (!string.IsNullOrEmpty(query.MessageType))
        {
            sql.Append(" AND message_type = @messageType");
            command.Add("@messageType", query.MessageType);
        }

        if (query.ExecutionTimeFrom is { } from)
        {
            sql.Append(" AND execution_time >= @from");
            command.Add("@from", EnvelopeRows.ToUnixMs(from));
        }

        if (query.ExecutionTimeTo is { } to)
        {
            sql.Append(" AND execution_time <= @to");
            command.Add("@to", EnvelopeRows.ToUnixMs(to));
        }

        if (!string.IsNullOrEmpty(query.SagaId))
        {
            throw new NotSupportedException("The SQLite message store does not filter scheduled messages by saga id.");
        }

        return sql.ToString();
    }
}
