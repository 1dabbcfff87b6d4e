using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// Wolverine's outbox over an application's own PostgreSQL transaction: envelopes published while it is enlisted
/// are written as rows of that transaction, so they commit or roll back with the application's writes.
/// </summary>
internal sealed class PostgresEnvelopeTransaction : IEnvelopeTransaction
{
    private readonly PostgresMessageStore _store;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    public PostgresEnvelopeTransaction(PostgresMessageStore store, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _store = store;
        _connection = connection;
        _transaction = transaction;
    }

    public PostgresMessageStore Store => _store;

    private PostgresTables Tables => _store.Database.Tables;

    // Owned by this node from the start: the sending agent sends it after commit, and the durability agents only
    // re-send unowned rows (released after a restart, or because this node died).
    public Task PersistOutgoingAsync(Envelope envelope) => PersistOutgoingAsync(new[] { envelope });

    public Task PersistOutgoingAsync(Envelope[] envelopes) =>
        EnvelopeRows.InsertOutgoingAsync(_connection, _transaction, Tables, envelopes, _store.NodeNumber, CancellationToken.None);

    public async Task PersistIncomingAsync(Envelope envelope)
    {
        // Scheduled rows belong to nobody until due; incoming rows belong to this node, which enqueues them after commit.
        var duplicates = await EnvelopeRows.InsertIncomingAsync(_connection, _transaction, Tables, new[] { envelope },
            e => e.Status == EnvelopeStatus.Scheduled ? 0 : _store.NodeNumber, false, CancellationToken.None).ConfigureAwait(false);
        if (duplicates.Count > 0)
        {
            throw new DuplicateIncomingEnvelopeException(envelope);
        }
    }

    public async ValueTask RollbackAsync()
    {
        try
        {
            if (_transaction.Connection is not null)
            {
                await _transaction.RollbackAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (PostgresOutboxTransaction.IsBrokenConnection(e))
        {
            // The server rolled it back with the broken session.
        }
    }

    public async Task<bool> TryMakeEagerIdempotencyCheckAsync(Envelope envelope, DurabilitySettings settings, CancellationToken cancellation)
    {
        var handled = Envelope.ForPersistedHandled(envelope, DateTimeOffset.UtcNow, settings);
        var duplicates = await EnvelopeRows.InsertIncomingAsync(_connection, _transaction, Tables, new[] { handled }, _ => 0, false, cancellation).ConfigureAwait(false);
        return duplicates.Count == 0;
    }

    /// <summary>
    /// Marks the message being handled as handled inside the application's transaction, so that its effects and
    /// the handled marker commit together. Returns false if another delivery of the same message already did. A
    /// concurrent delivery on another node waits on the row lock and then sees the committed mark.
    /// </summary>
    public async Task<bool> TryMarkHandledAsync(Envelope envelope, CancellationToken cancellation)
    {
        var keepUntil = DateTimeOffset.UtcNow.Add(_store.Durability.KeepAfterMessageHandling);
        // Unlike Wolverine's own (late) handled marks, this one ignores the owner: while this attempt runs, another node
        // may have released the row (it believed this node dead during an outage) or claimed it. The mark must still
        // commit with the effects, or a later delivery would apply them again.
        await using var update = EnvelopeRows.Command(_connection,
                PostgresInbox.MarkHandledSql(Tables) + "id = @id AND status <> 'Handled';",
                _transaction)
            .With("id", envelope.Id).With("keep", keepUntil);
        if (await update.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false) == 1)
        {
            return true;
        }

        await using var exists = EnvelopeRows.Command(_connection, $"SELECT status FROM {Tables.Incoming} WHERE id = @id;", _transaction).With("id", envelope.Id);
        // No row: the message did not come through the durable inbox, so there is nothing to mark.
        return await exists.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is not string status || status != "Handled";
    }
}
