using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>The durable inbox: incoming envelopes, their retries and schedules, and the handled markers kept for idempotency.</summary>
internal sealed class SqliteInbox : IMessageInbox
{
    private const int MaxRemembered = 10_000;

    private readonly SqliteMessageStore _store;
    private readonly ConcurrentDictionary<Guid, byte> _markedByTransaction = new();

    public SqliteInbox(SqliteMessageStore store) => _store = store;

    public Task StoreIncomingAsync(Envelope envelope) =>
        _store.Writer.WriteAsync(connection =>
        {
            if (!EnvelopeRows.TryInsertIncoming(connection, null, envelope, envelope.OwnerId))
            {
                throw new DuplicateIncomingEnvelopeException(envelope);
            }
        }, $"storing incoming envelope {envelope.Id}");

    public Task StoreIncomingAsync(IReadOnlyList<Envelope> envelopes) =>
        _store.Writer.WriteAsync(connection =>
        {
            List<Envelope>? duplicates = null;
            foreach (var envelope in envelopes)
            {
                if (!EnvelopeRows.TryInsertIncoming(connection, null, envelope, envelope.OwnerId))
                {
                    (duplicates ??= new List<Envelope>()).Add(envelope);
                }
            }

            return duplicates;
        }, $"storing {envelopes.Count} incoming envelopes").ContinueWith(task =>
        {
            // The rest of the batch is committed; only the real duplicates are reported.
            var duplicates = task.GetAwaiter().GetResult();
            if (duplicates is not null)
            {
                // Wolverine's receiver then takes the batch one envelope at a time and stores again whatever is not
                // marked as stored: unmarked, the envelopes this batch did store would look like duplicates and never
                // be handled.
                foreach (var stored in envelopes.Except(duplicates))
                {
                    stored.WasPersistedInInbox = true;
                }

                throw new DuplicateIncomingEnvelopeException(duplicates);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public Task<bool> ExistsAsync(Envelope envelope, CancellationToken cancellation) =>
        Task.FromResult(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "SELECT 1 FROM wolverine_incoming WHERE id = @id;");
            command.Add("@id", EnvelopeRows.Id(envelope.Id));
            return command.ExecuteScalar() is not null;
        }, $"looking up incoming envelope {envelope.Id}"));

    public Task MarkIncomingEnvelopeAsHandledAsync(Envelope envelope) =>
        MarkIncomingEnvelopeAsHandledAsync(new[] { envelope });

    public Task MarkIncomingEnvelopeAsHandledAsync(IReadOnlyList<Envelope> envelopes)
    {
        envelopes = WithoutMarkedByTransaction(envelopes);
        if (envelopes.Count == 0)
        {
            return Task.CompletedTask;
        }

        var keepUntil = EnvelopeRows.ToUnixMs(DateTimeOffset.UtcNow.Add(_store.Durability.KeepAfterMessageHandling));
        // A rider: it may commit with the next application transaction instead of a transaction of its own.
        return _store.Writer.WriteAlongAsync((connection, transaction) =>
        {
            var command = connection.Prepared(MarkHandledSql, transaction);
            var id = command.Parameters.Add("@id", SqliteType.Text);
            command.Add("@keep", keepUntil);
            foreach (var envelope in envelopes)
            {
                id.Value = EnvelopeRows.Id(envelope.Id);
                command.ExecuteNonQuery();
                envelope.Status = EnvelopeStatus.Handled;
            }
        }, $"marking {envelopes.Count} incoming envelope(s) as handled");
    }

    /// <summary>
    /// An outbox transaction inside a handler committed the handled mark with the handler's writes
    /// (<see cref="SqliteEnvelopeTransaction.TryMarkHandled"/>): the mark Wolverine asks for afterwards would update
    /// nothing (the row is no longer owned), so it is skipped instead of costing a write transaction.
    /// </summary>
    public void MarkedHandledByTransaction(Envelope envelope)
    {
        if (_markedByTransaction.Count >= MaxRemembered)
        {
            _markedByTransaction.Clear(); // forgotten ones are marked again, which is harmless
        }

        _markedByTransaction.TryAdd(envelope.Id, 0);
    }

    /// <summary>Another attempt at the message is under way (retry, schedule, dead letter): its next handled mark must run.</summary>
    private void Forget(Envelope envelope)
    {
        if (!_markedByTransaction.IsEmpty)
        {
            _markedByTransaction.TryRemove(envelope.Id, out _);
        }
    }

    private IReadOnlyList<Envelope> WithoutMarkedByTransaction(IReadOnlyList<Envelope> envelopes)
    {
        if (_markedByTransaction.IsEmpty)
        {
            return envelopes;
        }

        List<Envelope>? rest = null;
        for (var i = 0; i < envelopes.Count; i++)
        {
            if (_markedByTransaction.TryRemove(envelopes[i].Id, out _))
            {
                envelopes[i].Status = EnvelopeStatus.Handled;
                if (rest is null)
                {
                    rest = new List<Envelope>(envelopes.Count);
                    for (var j = 0; j < i; j++)
                    {
                        rest.Add(envelopes[j]);
                    }
                }
            }
            else
            {
                rest?.Add(envelopes[i]);
            }
        }

        return rest ?? envelopes;
    }

    /// <summary>
    /// A handled row keeps only what idempotency needs: the id, until <c>keep_until</c>. Only a row some node is
    /// working on (owner_id &lt;&gt; 0) is marked: a late "handled" for an attempt that already ended (dead-lettered,
    /// rescheduled, released) must not swallow the replayed or rescheduled row that now has the same id.
    /// </summary>
    public const string MarkHandledSql =
        "UPDATE wolverine_incoming SET status = 'Handled', owner_id = 0, execution_time = NULL, body = x'', keep_until = @keep WHERE id = @id AND owner_id <> 0;";

    public Task IncrementIncomingEnvelopeAttemptsAsync(Envelope envelope)
    {
        Forget(envelope);
        return _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "UPDATE wolverine_incoming SET attempts = @attempts WHERE id = @id;");
            command.Add("@attempts", envelope.Attempts);
            command.Add("@id", EnvelopeRows.Id(envelope.Id));
            command.ExecuteNonQuery();
        }, $"counting an attempt of incoming envelope {envelope.Id}");
    }

    public Task ScheduleExecutionAsync(Envelope envelope) => UpsertScheduledAsync(envelope, "scheduling");

    public Task RescheduleExistingEnvelopeForRetryAsync(Envelope envelope) => UpsertScheduledAsync(envelope, "rescheduling for retry");

    private Task UpsertScheduledAsync(Envelope envelope, string doing)
    {
        Forget(envelope);
        envelope.Status = EnvelopeStatus.Scheduled;
        envelope.OwnerId = 0;
        return _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "INSERT INTO wolverine_incoming (id, status, owner_id, execution_time, attempts, body, message_type, received_at, keep_until) " +
                "VALUES (@id, 'Scheduled', 0, @exec, @attempts, @body, @type, @received, NULL) " +
                "ON CONFLICT(id) DO UPDATE SET status = 'Scheduled', owner_id = 0, execution_time = excluded.execution_time, " +
                "attempts = excluded.attempts, body = excluded.body, received_at = COALESCE(excluded.received_at, received_at), keep_until = NULL;");
            command.Add("@id", EnvelopeRows.Id(envelope.Id));
            command.Add("@exec", EnvelopeRows.ToDb(envelope.ScheduledTime ?? DateTimeOffset.UtcNow));
            command.Add("@attempts", envelope.Attempts);
            command.Add("@body", EnvelopeRows.Body(envelope));
            command.Add("@type", envelope.MessageType ?? string.Empty);
            command.Add("@received", envelope.Destination?.ToString());
            command.ExecuteNonQuery();
        }, $"{doing} incoming envelope {envelope.Id}");
    }

    public Task MoveToDeadLetterStorageAsync(Envelope envelope, Exception? exception)
    {
        Forget(envelope);
        var expiresAt = _store.Durability.DeadLetterQueueExpirationEnabled
            ? DateTimeOffset.UtcNow.Add(_store.Durability.DeadLetterQueueExpiration)
            : (DateTimeOffset?)null;
        return _store.Writer.WriteAsync(connection =>
        {
            using (var delete = EnvelopeRows.Command(connection, "DELETE FROM wolverine_incoming WHERE id = @id;"))
            {
                delete.Add("@id", EnvelopeRows.Id(envelope.Id));
                delete.ExecuteNonQuery();
            }

            SqliteDeadLetters.Insert(connection, envelope, exception, expiresAt);
        }, $"moving envelope {envelope.Id} to the dead letters");
    }

    public Task ReleaseIncomingAsync(int ownerId, Uri receivedAt) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "UPDATE wolverine_incoming SET owner_id = 0 WHERE owner_id = @owner AND received_at = @uri AND status = 'Incoming';");
            command.Add("@owner", ownerId);
            command.Add("@uri", receivedAt.ToString());
            command.ExecuteNonQuery();
        }, $"releasing incoming envelopes of {receivedAt}");
}
