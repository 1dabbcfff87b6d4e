using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>The durable inbox: incoming envelopes, their retries and schedules, and the handled markers kept for idempotency.</summary>
internal sealed class PostgresInbox : IMessageInbox
{
    private readonly PostgresMessageStore _store;

    public PostgresInbox(PostgresMessageStore store) => _store = store;

    private PostgresDatabase Db => _store.Database;

    public Task StoreIncomingAsync(Envelope envelope) => StoreIncomingAsync(new[] { envelope });

    public async Task StoreIncomingAsync(IReadOnlyList<Envelope> envelopes)
    {
        var duplicates = await Db.RunAsync((connection, attempt, token) =>
                EnvelopeRows.InsertIncomingAsync(connection, null, Db.Tables, envelopes, e => e.OwnerId, attempt > 0, token),
            envelopes.Count == 1 ? $"storing incoming envelope {envelopes[0].Id}" : $"storing {envelopes.Count} incoming envelopes").ConfigureAwait(false);
        // The rest of the batch is committed; only the real duplicates are reported.
        if (duplicates.Count > 0)
        {
            // Wolverine's receiver then takes the batch one envelope at a time and stores again whatever is not marked
            // as stored: unmarked, the envelopes this batch did store would look like duplicates and never be handled.
            foreach (var stored in envelopes.Except(duplicates))
            {
                stored.WasPersistedInInbox = true;
            }

            throw new DuplicateIncomingEnvelopeException(duplicates);
        }
    }

    public Task<bool> ExistsAsync(Envelope envelope, CancellationToken cancellation) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"SELECT 1 FROM {Db.Tables.Incoming} WHERE id = @id;").With("id", envelope.Id);
            return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is not null;
        }, $"looking up incoming envelope {envelope.Id}", cancellation);

    public Task MarkIncomingEnvelopeAsHandledAsync(Envelope envelope) => MarkIncomingEnvelopeAsHandledAsync(new[] { envelope });

    public async Task MarkIncomingEnvelopeAsHandledAsync(IReadOnlyList<Envelope> envelopes)
    {
        var keepUntil = DateTimeOffset.UtcNow.Add(_store.Durability.KeepAfterMessageHandling);
        await Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, MarkHandledSql(Db.Tables) + "owner_id <> 0 AND id = ANY(@ids);")
                .WithIds("ids", envelopes.Select(e => e.Id))
                .With("keep", keepUntil);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"marking {envelopes.Count} incoming envelope(s) as handled").ConfigureAwait(false);
        foreach (var envelope in envelopes)
        {
            envelope.Status = EnvelopeStatus.Handled;
        }
    }

    /// <summary>
    /// A handled row keeps only what idempotency needs: the id, until <c>keep_until</c>. Only a row some node is
    /// working on (owner_id &lt;&gt; 0) is marked: a late "handled" for an attempt that already ended (dead-lettered,
    /// rescheduled, released) must not swallow the replayed or rescheduled row that now has the same id.
    /// Callers append the conditions after WHERE.
    /// </summary>
    public static string MarkHandledSql(PostgresTables tables) =>
        $"UPDATE {tables.Incoming} SET status = 'Handled', owner_id = 0, execution_time = NULL, body = '\\x'::bytea, keep_until = @keep WHERE ";

    public Task IncrementIncomingEnvelopeAttemptsAsync(Envelope envelope) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"UPDATE {Db.Tables.Incoming} SET attempts = @attempts WHERE id = @id;")
                .With("attempts", envelope.Attempts).With("id", envelope.Id);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"counting an attempt of incoming envelope {envelope.Id}");

    public Task ScheduleExecutionAsync(Envelope envelope) => UpsertScheduledAsync(envelope, "scheduling");

    public Task RescheduleExistingEnvelopeForRetryAsync(Envelope envelope) => UpsertScheduledAsync(envelope, "rescheduling for retry");

    private Task UpsertScheduledAsync(Envelope envelope, string doing)
    {
        envelope.Status = EnvelopeStatus.Scheduled;
        envelope.OwnerId = 0;
        return Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"INSERT INTO {Db.Tables.Incoming} ({EnvelopeRows.IncomingColumns}) VALUES (@id, 'Scheduled', 0, @exec, @attempts, @body, @type, @received, NULL) " +
                    "ON CONFLICT (id) DO UPDATE SET status = 'Scheduled', owner_id = 0, execution_time = excluded.execution_time, attempts = excluded.attempts, " +
                    $"body = excluded.body, received_at = COALESCE(excluded.received_at, {Db.Tables.Incoming}.received_at), keep_until = NULL;")
                .With("id", envelope.Id)
                .With("exec", EnvelopeRows.Time(envelope.ScheduledTime ?? DateTimeOffset.UtcNow))
                .With("attempts", envelope.Attempts)
                .With("body", EnvelopeRows.Body(envelope))
                .With("type", envelope.MessageType ?? string.Empty)
                .With("received", envelope.Destination?.ToString());
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"{doing} incoming envelope {envelope.Id}");
    }

    public Task MoveToDeadLetterStorageAsync(Envelope envelope, Exception? exception)
    {
        var expiresAt = _store.Durability.DeadLetterQueueExpirationEnabled
            ? DateTimeOffset.UtcNow.Add(_store.Durability.DeadLetterQueueExpiration)
            : (DateTimeOffset?)null;
        return Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using (var delete = EnvelopeRows.Command(connection, $"DELETE FROM {Db.Tables.Incoming} WHERE id = @id;", transaction).With("id", envelope.Id))
            {
                await delete.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await PostgresDeadLetters.InsertAsync(connection, transaction, Db.Tables, envelope, exception, expiresAt, token).ConfigureAwait(false);
        }, $"moving envelope {envelope.Id} to the dead letters");
    }

    public Task ReleaseIncomingAsync(int ownerId, Uri receivedAt) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"UPDATE {Db.Tables.Incoming} SET owner_id = 0 WHERE owner_id = @owner AND received_at = @uri AND status = 'Incoming';")
                .With("owner", ownerId).With("uri", receivedAt.ToString());
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"releasing incoming envelopes of {receivedAt}");
}
