using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// Wolverine's outbox over an application's own SQLite transaction: envelopes published while it is enlisted are
/// written as rows of that transaction, so they commit or roll back with the application's writes.
/// </summary>
internal sealed class SqliteEnvelopeTransaction : IEnvelopeTransaction
{
    private readonly SqliteMessageStore _store;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private static readonly string MarkHandledUnlessHandledSql =
        SqliteInbox.MarkHandledSql.Replace("WHERE id = @id", "WHERE status <> 'Handled' AND id = @id", StringComparison.Ordinal);

    public SqliteEnvelopeTransaction(SqliteMessageStore store, SqliteConnection connection, SqliteTransaction transaction)
    {
        _store = store;
        _connection = connection;
        _transaction = transaction;
    }

    public SqliteMessageStore Store => _store;

    public Task PersistOutgoingAsync(Envelope envelope)
    {
        // Owned by this node from the start: the sending agent sends it after commit, and the durability agent
        // only re-sends unowned rows (after a restart released them).
        EnvelopeRows.InsertOutgoing(_connection, _transaction, envelope, _store.NodeNumber);
        return Task.CompletedTask;
    }

    public Task PersistOutgoingAsync(Envelope[] envelopes)
    {
        foreach (var envelope in envelopes)
        {
            EnvelopeRows.InsertOutgoing(_connection, _transaction, envelope, _store.NodeNumber);
        }

        return Task.CompletedTask;
    }

    public Task PersistIncomingAsync(Envelope envelope)
    {
        // Scheduled rows belong to nobody until due; incoming rows belong to this node, which enqueues them after commit.
        var owner = envelope.Status == EnvelopeStatus.Scheduled ? 0 : _store.NodeNumber;
        if (!EnvelopeRows.TryInsertIncoming(_connection, _transaction, envelope, owner))
        {
            throw new DuplicateIncomingEnvelopeException(envelope);
        }

        return Task.CompletedTask;
    }

    public ValueTask RollbackAsync()
    {
        if (_transaction.Connection is not null)
        {
            _transaction.Rollback();
        }

        return ValueTask.CompletedTask;
    }

    public Task<bool> TryMakeEagerIdempotencyCheckAsync(Envelope envelope, DurabilitySettings settings, CancellationToken cancellation)
    {
        var handled = Envelope.ForPersistedHandled(envelope, DateTimeOffset.UtcNow, settings);
        return Task.FromResult(EnvelopeRows.TryInsertIncoming(_connection, _transaction, handled, 0));
    }

    /// <summary>
    /// Marks the message being handled as handled inside the application's transaction, so that its effects and
    /// the handled marker commit together. Returns false if another delivery of the same message already did.
    /// </summary>
    public bool TryMarkHandled(Envelope envelope)
    {
        var keepUntil = EnvelopeRows.ToUnixMs(DateTimeOffset.UtcNow.Add(_store.Durability.KeepAfterMessageHandling));
        var update = _connection.Prepared(MarkHandledUnlessHandledSql, _transaction);
        update.Add("@id", EnvelopeRows.Id(envelope.Id));
        update.Add("@keep", keepUntil);
        if (update.ExecuteNonQuery() == 1)
        {
            return true;
        }

        var exists = _connection.Prepared("SELECT status FROM wolverine_incoming WHERE id = @id;", _transaction);
        exists.Add("@id", EnvelopeRows.Id(envelope.Id));
        // No row: the message did not come through the durable inbox, so there is nothing to mark.
        return exists.ExecuteScalar() is not string status || status != "Handled";
    }
}
