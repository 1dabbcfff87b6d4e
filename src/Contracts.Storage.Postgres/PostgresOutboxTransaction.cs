using System;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Internal;
using Npgsql;
using Contracts.Wolverine;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;

namespace Contracts.Storage.Postgres;

/// <summary>
/// A unit of work on the message store's database: the application's own writes (through <see cref="Connection"/>
/// and <see cref="Transaction"/>), the messages published on the bus while it is open, and, inside a handler, the
/// "handled" mark of the message being handled, all commit in one PostgreSQL transaction. Anything else that writes
/// through an <see cref="NpgsqlConnection"/> and <see cref="NpgsqlTransaction"/> joins the same commit by using these
/// two. Published events (contracts of kind event in the registered <c>ContractCatalog</c>) are appended to the event
/// log in this transaction at commit (docs/event-log.md). Start one with <see cref="PostgresMessageStoreExtensions.BeginPostgresTransactionAsync"/>.
/// </summary>
public sealed class PostgresOutboxTransaction : OutboxTransaction
{
    private readonly MessageContext _context;
    private readonly PostgresEnvelopeTransaction _envelopes;
    private bool _completed;

    internal PostgresOutboxTransaction(MessageContext context, NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresEnvelopeTransaction envelopes)
    {
        _context = context;
        Connection = connection;
        Transaction = transaction;
        _envelopes = envelopes;
    }

    /// <summary>The open connection to the message store's database.</summary>
    public override NpgsqlConnection Connection { get; }

    /// <summary>The transaction every write of this unit of work must use.</summary>
    public override NpgsqlTransaction Transaction { get; }

    /// <summary>Creates a command on <see cref="Connection"/> enlisted in <see cref="Transaction"/>.</summary>
    public override NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// Commits the application's writes and the published messages together, then hands the messages to their
    /// queues and transports. Inside a handler, also marks the message being handled as handled; if another
    /// delivery of the same message already committed, nothing is committed and
    /// <see cref="DuplicateIncomingEnvelopeException"/> is thrown. If the connection breaks during the commit, the
    /// outcome is unknown and the exception propagates: a handler's message is then retried, and the handled mark
    /// makes the retry a no-op if the commit did go through.
    /// </summary>
    public override async Task CommitAsync(CancellationToken cancellation = default)
    {
        if (_completed)
        {
            throw new InvalidOperationException("This PostgreSQL outbox transaction has already been committed or rolled back.");
        }

        var handling = _context.Envelope;
        var appended = 0;
        try
        {
            if (handling is not null && !await _envelopes.TryMarkHandledAsync(handling, cancellation).ConfigureAwait(false))
            {
                await RollbackAsync().ConfigureAwait(false);
                throw new DuplicateIncomingEnvelopeException(handling);
            }

            // The event-log append joins this transaction: what was published as an event is logged iff it is sent.
            // It is the last write before the commit: it holds the log's append lock until then.
            appended = await _envelopes.Store.EventLog.AppendPublishedAsync(_context, Connection, Transaction, cancellation).ConfigureAwait(false);

            await Transaction.CommitAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await RollbackAsync().ConfigureAwait(false);
            throw;
        }

        _completed = true;
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
        catch (Exception e) when (IsBrokenConnection(e))
        {
            // The connection is broken; the server has rolled the transaction back already.
        }

        await _context.ClearAllAsync().ConfigureAwait(false);
    }

    /// <summary>Rolls back if not committed, and returns the connection to the pool.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await RollbackAsync().ConfigureAwait(false);
        }

        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (IsBrokenConnection(e))
        {
            // Already rolled back by the server with the broken session.
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What a transaction on a connection the server dropped (restart, network) throws when it is touched again.</summary>
    internal static bool IsBrokenConnection(Exception e) =>
        e is NpgsqlException or ObjectDisposedException or InvalidOperationException or System.IO.IOException;
}
