using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using JasperFx.Core;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime.Serialization;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Dead letters: envelopes that exhausted their retries or could not be handled, with the exception that stopped them.</summary>
internal sealed class SqliteDeadLetters : IDeadLetters
{
    private readonly SqliteMessageStore _store;

    public SqliteDeadLetters(SqliteMessageStore store) => _store = store;

    private const string Columns =
        "id, execution_time, body, message_type, received_at, source, exception_type, exception_message, sent_at, replayable, failed_at, tenant_id";

    public static void Insert(SqliteConnection connection, Envelope envelope, Exception? exception, DateTimeOffset? expiresAt)
    {
        using var command = EnvelopeRows.Command(connection,
            "INSERT OR REPLACE INTO wolverine_dead_letters (id, execution_time, body, message_type, received_at, source, exception_type, " +
            "exception_message, sent_at, failed_at, replayable, expires_at, tenant_id) VALUES (@id, @exec, @body, @type, @received, @source, " +
            "@extype, @exmessage, @sent, @failed, 0, @expires, @tenant);");
        command.Add("@id", EnvelopeRows.Id(envelope.Id));
        command.Add("@exec", EnvelopeRows.ToDb(envelope.ScheduledTime));
        command.Add("@body", EnvelopeSerializer.Serialize(envelope));
        command.Add("@type", envelope.MessageType ?? string.Empty);
        command.Add("@received", envelope.Destination?.ToString() ?? string.Empty);
        command.Add("@source", envelope.Source ?? string.Empty);
        command.Add("@extype", exception?.GetType().FullName ?? string.Empty);
        command.Add("@exmessage", exception?.Message ?? string.Empty);
        command.Add("@sent", EnvelopeRows.ToUnixMs(envelope.SentAt));
        command.Add("@failed", EnvelopeRows.ToUnixMs(DateTimeOffset.UtcNow));
        command.Add("@expires", EnvelopeRows.ToDb(expiresAt));
        command.Add("@tenant", envelope.TenantId);
        command.ExecuteNonQuery();
    }

    public Task<DeadLetterEnvelope?> DeadLetterEnvelopeByIdAsync(Guid id, string? tenantId = null) =>
        Task.FromResult(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection, $"SELECT {Columns} FROM wolverine_dead_letters WHERE id = @id;");
            command.Add("@id", EnvelopeRows.Id(id));
            var list = ReadAll(command);
            return list.Count == 0 ? null : list[0];
        }, $"loading dead letter {id}"));

    public Task<IReadOnlyList<DeadLetterQueueCount>> SummarizeAllAsync(string serviceName, TimeRange range, CancellationToken token) =>
        Task.FromResult<IReadOnlyList<DeadLetterQueueCount>>(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "SELECT received_at, message_type, exception_type, count(*) FROM wolverine_dead_letters " +
                "WHERE (@from IS NULL OR sent_at >= @from) AND (@to IS NULL OR sent_at <= @to) " +
                "GROUP BY received_at, message_type, exception_type ORDER BY received_at, message_type, exception_type;");
            command.Add("@from", EnvelopeRows.ToDb(range.From));
            command.Add("@to", EnvelopeRows.ToDb(range.To));
            var counts = new List<DeadLetterQueueCount>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var receivedAt = reader.GetString(0);
                counts.Add(new DeadLetterQueueCount(serviceName,
                    receivedAt.Length == 0 ? new Uri("unknown://") : new Uri(receivedAt),
                    reader.GetString(1), reader.GetString(2), _store.Uri, reader.GetInt32(3)));
            }

            return counts;
        }, "summarizing dead letters"));

    public Task<DeadLetterEnvelopeResults> QueryAsync(DeadLetterEnvelopeQuery query, CancellationToken token) =>
        Task.FromResult(_store.Read(connection =>
        {
            var results = new DeadLetterEnvelopeResults { PageNumber = Math.Max(1, query.PageNumber), DatabaseUri = _store.Uri };
            using (var count = EnvelopeRows.Command(connection, string.Empty))
            {
                count.CommandText = "SELECT count(*) FROM wolverine_dead_letters" + Where(query, count);
                results.TotalCount = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            using var select = EnvelopeRows.Command(connection, string.Empty);
            var pageSize = query.PageSize <= 0 ? 100 : query.PageSize;
            select.CommandText = $"SELECT {Columns} FROM wolverine_dead_letters" + Where(query, select) +
                                 " ORDER BY failed_at, id LIMIT @limit OFFSET @offset;";
            select.Add("@limit", pageSize);
            select.Add("@offset", (results.PageNumber - 1) * pageSize);
            results.Envelopes.AddRange(ReadAll(select));
            return results;
        }, "querying dead letters"));

    public Task DiscardAsync(DeadLetterEnvelopeQuery query, CancellationToken token) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection, string.Empty);
            command.CommandText = "DELETE FROM wolverine_dead_letters" + Where(query, command) + ";";
            command.ExecuteNonQuery();
        }, "discarding dead letters");

    /// <summary>
    /// Moves the matching dead letters back into the inbox as unowned incoming envelopes with their attempts reset;
    /// the durability agent then hands them to their listener.
    /// </summary>
    public Task ReplayAsync(DeadLetterEnvelopeQuery query, CancellationToken token) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var select = EnvelopeRows.Command(connection, string.Empty);
            select.CommandText = $"SELECT {Columns} FROM wolverine_dead_letters" + Where(query, select) + ";";
            foreach (var dead in ReadAll(select))
            {
                Requeue(connection, dead.Envelope, null);
            }
        }, "replaying dead letters");

    public Task EditAndReplayAsync(Guid envelopeId, byte[] newBody, CancellationToken token) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var select = EnvelopeRows.Command(connection, $"SELECT {Columns} FROM wolverine_dead_letters WHERE id = @id;");
            select.Add("@id", EnvelopeRows.Id(envelopeId));
            var found = ReadAll(select);
            if (found.Count == 0)
            {
                throw new SqliteStoreException(
                    $"There is no dead letter with id {envelopeId} in the SQLite message store at '{_store.Factory.DatabasePath}' to edit and replay.");
            }

            Requeue(connection, found[0].Envelope, newBody);
        }, $"editing and replaying dead letter {envelopeId}");

    private static void Requeue(SqliteConnection connection, Envelope envelope, byte[]? newBody)
    {
        if (newBody is not null)
        {
            envelope.Data = newBody;
        }

        envelope.Attempts = 0;
        envelope.Status = EnvelopeStatus.Incoming;
        envelope.OwnerId = 0;
        envelope.ScheduledTime = null;
        using (var delete = EnvelopeRows.Command(connection, "DELETE FROM wolverine_incoming WHERE id = @id; DELETE FROM wolverine_dead_letters WHERE id = @id;"))
        {
            delete.Add("@id", EnvelopeRows.Id(envelope.Id));
            delete.ExecuteNonQuery();
        }

        EnvelopeRows.TryInsertIncoming(connection, null, envelope, 0);
    }

    /// <summary>Deletes dead letters whose expiry has passed; returns how many.</summary>
    public Task<int> DeleteExpiredAsync(DateTimeOffset now) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "DELETE FROM wolverine_dead_letters WHERE expires_at IS NOT NULL AND expires_at <= @now;");
            command.Add("@now", EnvelopeRows.ToUnixMs(now));
            return command.ExecuteNonQuery();
        }, "deleting expired dead letters");

    /// <summary>Builds the WHERE clause for a query and adds its parameters to <paramref name="command"/>.</summary>
    private static string Where(DeadLetterEnvelopeQuery query, SqliteCommand command)
    {
        var sql = new StringBuilder(" WHERE 1 = 1");
        void Param(string name, object? value)
        {
            command.Add(name, value);
        }

        if (query.MessageIds is { Length: > 0 })
        {
            sql.Append(" AND id IN (");
            for (var i = 0; i < query.MessageIds.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append("@id").Append(i);
                Param("@id" + i, EnvelopeRows.Id(query.MessageIds[i]));
            }

            sql.Append(')');
        }

        if (!string.IsNullOrEmpty(query.MessageType))
        {
            sql.Append(" AND message_type = @messageType");
            Param("@messageType", query.MessageType);
        }

        if (!string.IsNullOrEmpty(query.ExceptionType))
        {
            sql.Append(" AND exception_type = @exceptionType");
            Param("@exceptionType", query.ExceptionType);
        }

        if (!string.IsNullOrEmpty(query.ReceivedAt))
        {
            sql.Append(" AND received_at = @receivedAt");
            Param("@receivedAt", query.ReceivedAt);
        }

        if (!string.IsNullOrEmpty(query.TenantId))
        {
            sql.Append(" AND tenant_id = @tenantId");
            Param("@tenantId", query.TenantId);
        }

        if (query.Replayable.HasValue)
        {
            sql.Append(" AND replayable = @replayable");
            Param("@replayable", query.Replayable.Value ? 1 : 0);
        }

        if (!string.IsNullOrEmpty(query.ExceptionMessage))
        {
            sql.Append(query.ExceptionMessageMatch switch
            {
                DeadLetterMessageMatch.Exact => " AND exception_message = @exceptionMessage",
                DeadLetterMessageMatch.Contains => " AND instr(exception_message, @exceptionMessage) > 0",
                _ => " AND substr(exception_message, 1, length(@exceptionMessage)) = @exceptionMessage",
            });
            Param("@exceptionMessage", query.ExceptionMessage);
        }

        if (query.HasHeaderFilter())
        {
            throw new NotSupportedException("The SQLite message store does not filter dead letters by header.");
        }

        var column = query.RangeOn == DeadLetterTimeField.FailedAt ? "failed_at" : "sent_at";
        if (query.Range?.From is { } from)
        {
            sql.Append(" AND ").Append(column).Append(" >= @from");
            Param("@from", EnvelopeRows.ToUnixMs(from));
        }

        if (query.Range?.To is { } to)
        {
            sql.Append(" AND ").Append(column).Append(" <= @to");
            Param("@to", EnvelopeRows.ToUnixMs(to));
        }

        return sql.ToString();
    }

    private List<DeadLetterEnvelope> ReadAll(SqliteCommand command)
    {
        var list = new List<DeadLetterEnvelope>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = Guid.Parse(reader.GetString(0));
            Envelope envelope;
            try
            {
                envelope = EnvelopeRows.ReadBody((byte[])reader.GetValue(2), id, SchemaMigrator.DeadLetters, _store.Factory.DatabasePath);
            }
            catch (SqliteStoreException)
            {
                // A quarantined corrupt row: list it (its exception says what is wrong) without a readable body.
                envelope = new Envelope { Id = id, MessageType = reader.GetString(3) };
            }

            var receivedAt = reader.GetString(4);
            if (envelope.Destination is null && receivedAt.Length > 0)
            {
                envelope.Destination = new Uri(receivedAt);
            }

            list.Add(new DeadLetterEnvelope(id, EnvelopeRows.ReadTime(reader, 1), envelope, reader.GetString(3), receivedAt,
                reader.GetString(5), reader.GetString(6), reader.GetString(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)), reader.GetInt64(9) == 1)
            {
                FailedAt = EnvelopeRows.ReadTime(reader, 10),
            });
        }

        return list;
    }
}
