using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>Scheduled messages are inbox rows with status Scheduled and an execution time.</summary>
internal sealed class PostgresScheduledMessages : IScheduledMessages
{
    private readonly PostgresMessageStore _store;

    public PostgresScheduledMessages(PostgresMessageStore store) => _store = store;

    private PostgresDatabase Db => _store.Database;

    public Task<ScheduledMessageResults> QueryAsync(ScheduledMessageQuery query, CancellationToken cancellation) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            var results = new ScheduledMessageResults { PageNumber = Math.Max(1, query.PageNumber), DatabaseUri = _store.Uri };
            await using (var count = EnvelopeRows.Command(connection, string.Empty))
            {
                count.CommandText = $"SELECT count(*) FROM {Db.Tables.Incoming}" + Where(query, count);
                results.TotalCount = Convert.ToInt32(await count.ExecuteScalarAsync(token).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            var pageSize = query.PageSize <= 0 ? 100 : query.PageSize;
            await using var select = EnvelopeRows.Command(connection, string.Empty);
            select.CommandText = $"SELECT {EnvelopeRows.IncomingColumns} FROM {Db.Tables.Incoming}" + Where(query, select) +
                                 " ORDER BY execution_time, id LIMIT @limit OFFSET @offset;";
            select.With("limit", pageSize).With("offset", (results.PageNumber - 1) * pageSize);
            foreach (var envelope in await EnvelopeRows.ReadIncomingAsync(select, Db, token).ConfigureAwait(false))
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
        }, "querying scheduled messages", cancellation);

    public Task CancelAsync(ScheduledMessageQuery query, CancellationToken cancellation) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, string.Empty);
            command.CommandText = $"DELETE FROM {Db.Tables.Incoming}" + Where(query, command) + ";";
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, "cancelling scheduled messages", cancellation);

    public Task RescheduleAsync(Guid envelopeId, DateTimeOffset newExecutionTime, CancellationToken cancellation) =>
        Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using var select = EnvelopeRows.Command(connection,
                    $"SELECT {EnvelopeRows.IncomingColumns} FROM {Db.Tables.Incoming} WHERE id = @id AND status = 'Scheduled' FOR UPDATE;", transaction)
                .With("id", envelopeId);
            var found = await EnvelopeRows.ReadIncomingAsync(select, Db, token).ConfigureAwait(false);
            if (found.Count == 0)
            {
                throw new PostgresStoreException(
                    $"There is no scheduled message with id {envelopeId} in {Db.Tables.Incoming} ({Db.Where}); it may have fired or been cancelled.");
            }

            var envelope = found[0];
            envelope.ScheduledTime = newExecutionTime;
            await using var update = EnvelopeRows.Command(connection,
                    $"UPDATE {Db.Tables.Incoming} SET execution_time = @exec, body = @body WHERE id = @id AND status = 'Scheduled';", transaction)
                .With("exec", EnvelopeRows.Time(newExecutionTime))
                .With("body", EnvelopeRows.Body(envelope))
                .With("id", envelopeId);
            await update.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"rescheduling message {envelopeId}", cancellation);

    public Task<IReadOnlyList<ScheduledMessageCount>> SummarizeAsync(string serviceName, CancellationToken cancellation) =>
        Db.RunAsync<IReadOnlyList<ScheduledMessageCount>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                $"SELECT message_type, count(*) FROM {Db.Tables.Incoming} WHERE status = 'Scheduled' GROUP BY message_type ORDER BY message_type;");
            var counts = new List<ScheduledMessageCount>();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                counts.Add(new ScheduledMessageCount(serviceName, reader.GetString(0), _store.Uri, (int)reader.GetInt64(1)));
            }

            return counts;
        }, "summarizing scheduled messages", cancellation);

    private static string Where(ScheduledMessageQuery query, NpgsqlCommand command)
    {
        var sql = new StringBuilder(" WHERE status = 'Scheduled'");
        if (query.MessageIds is { Length: > 0 })
        {
            sql.Append(" AND id = ANY(@ids)");
            command.WithIds("ids", query.MessageIds);
        }

        if (!string.IsNullOrEmpty(query.MessageType))
        {
            sql.Append(" AND message_type = @messageType");
            command.With("messageType", query.MessageType);
        }

        if (query.ExecutionTimeFrom is { } from)
        {
            sql.Append(" AND execution_time >= @from");
            command.With("from", EnvelopeRows.Time(from));
        }

        if (query.ExecutionTimeTo is { } to)
        {
            sql.Append(" AND execution_time <= @to");
            command.With("to", EnvelopeRows.Time(to));
        }

        if (!string.IsNullOrEmpty(query.SagaId))
        {
            throw new NotSupportedException("The PostgreSQL message store does not filter scheduled messages by saga id.");
        }

        return sql.ToString();
    }
}
