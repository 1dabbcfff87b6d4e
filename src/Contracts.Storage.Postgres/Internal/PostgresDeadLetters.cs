using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JasperFx.Core;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime.Serialization;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>Dead letters: envelopes that exhausted their retries or could not be handled, with the exception that stopped them.</summary>
internal sealed class PostgresDeadLetters : IDeadLetters
{
    private const string Columns =
        "id, execution_time, body, message_type, received_at, source, exception_type, exception_message, sent_at, replayable, failed_at, tenant_id";

    private readonly PostgresMessageStore _store;

    public PostgresDeadLetters(PostgresMessageStore store) => _store = store;

    private PostgresDatabase Db => _store.Database;

    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresTables tables, Envelope envelope,
        Exception? exception, DateTimeOffset? expiresAt, CancellationToken token)
    {
        await using var command = EnvelopeRows.Command(connection,
                $"INSERT INTO {tables.DeadLetters} (id, execution_time, body, message_type, received_at, source, exception_type, exception_message, " +
                "sent_at, failed_at, replayable, expires_at, tenant_id) VALUES (@id, @exec, @body, @type, @received, @source, @extype, @exmessage, " +
                "@sent, now(), false, @expires, @tenant) ON CONFLICT (id) DO UPDATE SET execution_time = excluded.execution_time, body = excluded.body, " +
                "message_type = excluded.message_type, received_at = excluded.received_at, source = excluded.source, exception_type = excluded.exception_type, " +
                "exception_message = excluded.exception_message, sent_at = excluded.sent_at, failed_at = excluded.failed_at, replayable = false, " +
                "expires_at = excluded.expires_at, tenant_id = excluded.tenant_id;", transaction)
            .With("id", envelope.Id)
            .With("exec", EnvelopeRows.Time(envelope.ScheduledTime))
            .With("body", EnvelopeSerializer.Serialize(envelope))
            .With("type", envelope.MessageType ?? string.Empty)
            .With("received", envelope.Destination?.ToString() ?? string.Empty)
            .With("source", envelope.Source ?? string.Empty)
            .With("extype", exception?.GetType().FullName ?? string.Empty)
            .With("exmessage", exception?.Message ?? string.Empty)
            .With("sent", EnvelopeRows.Time(envelope.SentAt))
            .With("expires", EnvelopeRows.Time(expiresAt))
            .With("tenant", envelope.TenantId);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    public Task<DeadLetterEnvelope?> DeadLetterEnvelopeByIdAsync(Guid id, string? tenantId = null) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"SELECT {Columns} FROM {Db.Tables.DeadLetters} WHERE id = @id;").With("id", id);
            var list = await ReadAllAsync(command, token).ConfigureAwait(false);
            return list.Count == 0 ? null : list[0];
        }, $"loading dead letter {id}");

    public Task<IReadOnlyList<DeadLetterQueueCount>> SummarizeAllAsync(string serviceName, TimeRange range, CancellationToken cancellation) =>
        Db.RunAsync<IReadOnlyList<DeadLetterQueueCount>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"SELECT received_at, message_type, exception_type, count(*) FROM {Db.Tables.DeadLetters} " +
                    "WHERE (@from::timestamptz IS NULL OR sent_at >= @from) AND (@to::timestamptz IS NULL OR sent_at <= @to) " +
                    "GROUP BY received_at, message_type, exception_type ORDER BY received_at, message_type, exception_type;")
                .With("from", EnvelopeRows.Time(range.From))
                .With("to", EnvelopeRows.Time(range.To));
            var counts = new List<DeadLetterQueueCount>();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var receivedAt = reader.GetString(0);
                counts.Add(new DeadLetterQueueCount(serviceName,
                    receivedAt.Length == 0 ? new Uri("unknown://") : new Uri(receivedAt),
                    reader.GetString(1), reader.GetString(2), _store.Uri, (int)reader.GetInt64(3)));
            }

            return counts;
        }, "summarizing dead letters", cancellation);

    public Task<DeadLetterEnvelopeResults> QueryAsync(DeadLetterEnvelopeQuery query, CancellationToken cancellation) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            var results = new DeadLetterEnvelopeResults { PageNumber = Math.Max(1, query.PageNumber), DatabaseUri = _store.Uri };
            await using (var count = EnvelopeRows.Command(connection, string.Empty))
            {
                count.CommandText = $"SELECT count(*) FROM {Db.Tables.DeadLetters}" + Where(query, count);
                results.TotalCount = Convert.ToInt32(await count.ExecuteScalarAsync(token).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            var pageSize = query.PageSize <= 0 ? 100 : query.PageSize;
            await using var select = EnvelopeRows.Command(connection, string.Empty);
            select.CommandText = $"SELECT {Columns} FROM {Db.Tables.DeadLetters}" + Where(query, select) + " ORDER BY failed_at, id LIMIT @limit OFFSET @offset;";
            select.With("limit", pageSize).With("offset", (results.PageNumber - 1) * pageSize);
            results.Envelopes.AddRange(await ReadAllAsync(select, token).ConfigureAwait(false));
            return results;
        }, "querying dead letters", cancellation);

    public Task DiscardAsync(DeadLetterEnvelopeQuery query, CancellationToken cancellation) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, string.Empty);
            command.CommandText = $"DELETE FROM {Db.Tables.DeadLetters}" + Where(query, command) + ";";
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, "discarding dead letters", cancellation);

    /// <summary>
    /// Moves the matching dead letters back into the inbox as unowned incoming envelopes with their attempts reset;
    /// the durability agent then hands them to their listener.
    /// </summary>
    public Task ReplayAsync(DeadLetterEnvelopeQuery query, CancellationToken cancellation) =>
        Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using var select = EnvelopeRows.Command(connection, string.Empty, transaction);
            select.CommandText = $"SELECT {Columns} FROM {Db.Tables.DeadLetters}" + Where(query, select) + " FOR UPDATE;";
            foreach (var dead in await ReadAllAsync(select, token).ConfigureAwait(false))
            {
                await RequeueAsync(connection, transaction, dead.Envelope, null, token).ConfigureAwait(false);
            }
        }, "replaying dead letters", cancellation);

    public Task EditAndReplayAsync(Guid envelopeId, byte[] newBody, CancellationToken cancellation) =>
        Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using var select = EnvelopeRows.Command(connection, $"SELECT {Columns} FROM {Db.Tables.DeadLetters} WHERE id = @id FOR UPDATE;", transaction)
                .With("id", envelopeId);
            var found = await ReadAllAsync(select, token).ConfigureAwait(false);
            if (found.Count == 0)
            {
                throw new PostgresStoreException($"There is no dead letter with id {envelopeId} in {Db.Tables.DeadLetters} ({Db.Where}) to edit and replay.");
            }

            await RequeueAsync(connection, transaction, found[0].Envelope, newBody, token).ConfigureAwait(false);
        }, $"editing and replaying dead letter {envelopeId}", cancellation);

    private async Task RequeueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Envelope envelope, byte[]? newBody, CancellationToken token)
    {
        if (newBody is not null)
        {
            envelope.Data = newBody;
        }

        envelope.Attempts = 0;
        envelope.Status = EnvelopeStatus.Incoming;
        envelope.OwnerId = 0;
        envelope.ScheduledTime = null;
        await using (var delete = EnvelopeRows.Command(connection,
                         $"DELETE FROM {Db.Tables.Incoming} WHERE id = @id; DELETE FROM {Db.Tables.DeadLetters} WHERE id = @id;", transaction).With("id", envelope.Id))
        {
            await delete.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }

        await EnvelopeRows.InsertIncomingAsync(connection, transaction, Db.Tables, new[] { envelope }, _ => 0, false, token).ConfigureAwait(false);
    }

    /// <summary>Deletes dead letters whose expiry has passed; returns how many.</summary>
    public Task<int> DeleteExpiredAsync(CancellationToken cancellation) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"DELETE FROM {Db.Tables.DeadLetters} WHERE expires_at IS NOT NULL AND expires_at <= now();");
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, "deleting expired dead letters", cancellation);

    /// <summary>Builds the WHERE clause for a query and adds its parameters to <paramref name="command"/>.</summary>
    private static string Where(DeadLetterEnvelopeQuery query, NpgsqlCommand command)
    {
        var sql = new StringBuilder(" WHERE true");
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

        if (!string.IsNullOrEmpty(query.ExceptionType))
        {
            sql.Append(" AND exception_type = @exceptionType");
            command.With("exceptionType", query.ExceptionType);
        }

        if (!string.IsNullOrEmpty(query.ReceivedAt))
        {
            sql.Append(" AND received_at = @receivedAt");
            command.With("receivedAt", query.ReceivedAt);
        }

        if (!string.IsNullOrEmpty(query.TenantId))
        {
            sql.Append(" AND tenant_id = @tenantId");
            command.With("tenantId", query.TenantId);
        }

        if (query.Replayable.HasValue)
        {
            sql.Append(" AND replayable = @replayable");
            command.With("replayable", query.Replayable.Value);
        }

        if (!string.IsNullOrEmpty(query.ExceptionMessage))
        {
            sql.Append(query.ExceptionMessageMatch switch
            {
                DeadLetterMessageMatch.Exact => " AND exception_message = @exceptionMessage",
                DeadLetterMessageMatch.Contains => " AND strpos(exception_message, @exceptionMessage) > 0",
                _ => " AND left(exception_message, length(@exceptionMessage)) = @exceptionMessage",
            });
            command.With("exceptionMessage", query.ExceptionMessage);
        }

        if (query.HasHeaderFilter())
        {
            throw new NotSupportedException("The PostgreSQL message store does not filter dead letters by header.");
        }

        var column = query.RangeOn == DeadLetterTimeField.FailedAt ? "failed_at" : "sent_at";
        if (query.Range?.From is { } from)
        {
            sql.Append(" AND ").Append(column).Append(" >= @from");
            command.With("from", EnvelopeRows.Time(from));
        }

        if (query.Range?.To is { } to)
        {
            sql.Append(" AND ").Append(column).Append(" <= @to");
            command.With("to", EnvelopeRows.Time(to));
        }

        return sql.ToString();
    }

    private async Task<List<DeadLetterEnvelope>> ReadAllAsync(NpgsqlCommand command, CancellationToken token)
    {
        var list = new List<DeadLetterEnvelope>();
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            Envelope envelope;
            try
            {
                envelope = EnvelopeRows.ReadBody(reader.GetFieldValue<byte[]>(2), id, Db.Tables.DeadLetters, Db.Where);
            }
            catch (PostgresStoreException)
            {
                // A quarantined corrupt row: list it (its exception says what is wrong) without a readable body.
                envelope = new Envelope { Id = id, MessageType = reader.GetString(3) };
            }

            var receivedAt = reader.GetString(4);
            if (envelope.Destination is null && receivedAt.Length > 0)
            {
                envelope.Destination = new Uri(receivedAt);
            }

            list.Add(new DeadLetterEnvelope(id, reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), envelope, reader.GetString(3), receivedAt,
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetBoolean(9))
            {
                FailedAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            });
        }

        return list;
    }
}
