using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Contracts.Wolverine;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;

namespace Contracts.Storage.Sqlite;

/// <summary>
/// A unit of work on the message store's SQLite file: the application's own writes (through <see cref="Connection"/>
/// and <see cref="Transaction"/>), the messages published on the bus while it is open, and, inside a handler, the
/// "handled" mark of the message being handled, all commit in one SQLite transaction. Anything else that can write
/// through a <see cref="SqliteConnection"/> and <see cref="SqliteTransaction"/> joins the same transaction by using
/// these two. Published events (contracts of kind event in the registered <c>ContractCatalog</c>) are appended to the
/// event log in this transaction at commit (docs/event-log.md). Start one with
/// <see cref="SqliteMessageStoreExtensions.BeginSqliteTransactionAsync"/>.
/// </summary>
public sealed class SqliteOutboxTransaction : OutboxTransaction
{
    private readonly MessageContext _context;
    private readonly SqliteEnvelopeTransaction _envelopes;
    private readonly Action _exitGate;
    private bool _completed;
    private bool _returned;

    internal SqliteOutboxTransaction(MessageContext context, SqliteConnection connection, SqliteTransaction transaction,
        SqliteEnvelopeTransaction envelopes, Action exitGate)
    {
        _exitGate = exitGate;
        _context = context;
        Connection = connection;
        Transaction = transaction;
        _envelopes = envelopes;
    }

    /// <summary>
    /// The open connection to the message store's file, for this unit of work only: once the transaction is disposed,
    /// the store may reuse the connection for a later one.
    /// </summary>
    public override SqliteConnection Connection { get; }

    /// <summary>The transaction every write of this unit of work must use.</summary>
    public override SqliteTransaction Transaction { get; }

    /// <summary>Creates a command on <see cref="Connection"/> enlisted in <see cref="Transaction"/>.</summary>
    public override SqliteCommand CreateCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>
    /// Commits the application's writes and the published messages together, then hands the messages to their
    /// queues and transports. Inside a handler, also marks the message being handled as handled; if another
    /// delivery of the same message already committed, nothing is committed and
    /// <see cref="DuplicateIncomingEnvelopeException"/> is thrown.
    /// </summary>
    public override async Task CommitAsync(CancellationToken cancellation = default)
    {
        if (_completed)
        {
            throw new InvalidOperationException("This SQLite outbox transaction has already been committed or rolled back.");
        }

        // The event-log append joins this transaction: what was published as an event is logged iff it is sent.
        int appended;
        try
        {
            appended = _envelopes.Store.EventLog.AppendPublished(_context, Connection, Transaction);
        }
        catch
        {
            await RollbackAsync().ConfigureAwait(false);
            throw;
        }

        var handling = _context.Envelope;
        if (handling is not null && !_envelopes.TryMarkHandled(handling))
        {
            await RollbackAsync().ConfigureAwait(false);
            throw new DuplicateIncomingEnvelopeException(handling);
        }

        // The store's queued follow-up writes (handled marks, deletes of sent envelopes) commit with this transaction
        // instead of costing one of their own.
        var writer = _envelopes.Store.Writer;
        List<BatchingWriter.WriteRequest>? riders = null;
        try
        {
            riders = writer.TakeRiders(Connection, Transaction); // if this throws, it has given its riders back itself
            await Transaction.CommitAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await RollbackAsync().ConfigureAwait(false);
            writer.NotCommitted(riders);
            throw;
        }

        _completed = true;
        _exitGate();
        writer.Committed(riders);
        if (handling is not null)
        {
            // Wolverine marks the message handled once more after the handler; this commit already did.
            _envelopes.Store.Inbox.MarkedHandledByTransaction(handling);
        }

        if (appended > 0)
        {
            _envelopes.Store.EventLog.Notifier.Notify();
        }

        await _context.FlushOutgoingMessagesAsync().ConfigureAwait(false);
    }

    /// <summary>Rolls back: neither the application's writes nor the published messages persist, and none is sent.</summary>
    public override async ValueTask RollbackAsync()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        try
        {
            if (Transaction.Connection is not null)
            {
                await Transaction.RollbackAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _exitGate();
        }

        await _context.ClearAllAsync().ConfigureAwait(false);
    }

    /// <summary>Rolls back if not committed, and hands the connection back to the store (which keeps a few open).</summary>
    public override async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await RollbackAsync().ConfigureAwait(false);
        }

        await Transaction.DisposeAsync().ConfigureAwait(false);
        _exitGate();
        if (!_returned)
        {
            _returned = true;
            _envelopes.Store.ReturnConnection(Connection);
        }
    }
}
