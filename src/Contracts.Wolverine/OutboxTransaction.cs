using System;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.Replay;
using Microsoft.Extensions.DependencyInjection;
using global::Wolverine;
using global::Wolverine.Persistence.Durability;
using global::Wolverine.Runtime;

namespace Contracts.Wolverine;

/// <summary>
/// A unit of work on the message store's database, whatever the database: the application's own writes (through
/// <see cref="Connection"/> and <see cref="Transaction"/>), the messages published on the bus while it is open, the
/// event-log append of the events among them and, inside a handler, the "handled" mark of the message being handled,
/// all commit in one database transaction. Each store derives its own typed transaction (<c>SqliteOutboxTransaction</c>,
/// <c>PostgresOutboxTransaction</c>); code written against this class runs unchanged on either store when its SQL
/// does (docs/wolverine.md, "Store-neutral units of work"). Start one with
/// <see cref="OutboxTransactionExtensions.BeginOutboxTransactionAsync"/>.
/// </summary>
public abstract class OutboxTransaction : IAsyncDisposable
{
    /// <summary>The open connection to the message store's database.</summary>
    public abstract DbConnection Connection { get; }

    /// <summary>The transaction every write of this unit of work must use.</summary>
    public abstract DbTransaction Transaction { get; }

    /// <summary>Creates a command on <see cref="Connection"/> enlisted in <see cref="Transaction"/>.</summary>
    public abstract DbCommand CreateCommand(string sql);

    /// <summary>
    /// Creates a command on <see cref="Connection"/> enlisted in <see cref="Transaction"/>, with parameters
    /// (<see langword="null"/> values are sent as SQL NULL).
    /// </summary>
    /// <param name="sql">The statement, with named parameters (<c>@name</c> works on SQLite and PostgreSQL).</param>
    /// <param name="parameters">The parameters' names, as written in <paramref name="sql"/>, and values.</param>
    public DbCommand CreateCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var command = CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// Commits the application's writes and the published messages together, then hands the messages to their
    /// queues and transports. Inside a handler, also marks the message being handled as handled; if another
    /// delivery of the same message already committed, nothing is committed and
    /// <see cref="DuplicateIncomingEnvelopeException"/> is thrown.
    /// </summary>
    public abstract Task CommitAsync(CancellationToken cancellation = default);

    /// <summary>Rolls back: neither the application's writes nor the published messages persist, and none is sent.</summary>
    public abstract ValueTask RollbackAsync();

    /// <summary>Rolls back if not committed, and closes the connection.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>Implemented by a message store that can open an <see cref="OutboxTransaction"/> (SQLite, PostgreSQL).</summary>
public interface IOutboxTransactionSource
{
    /// <summary>Opens a transaction on the store's database and enlists it as <paramref name="context"/>'s outbox.</summary>
    Task<OutboxTransaction> BeginOutboxTransactionAsync(MessageContext context, CancellationToken cancellation);
}

/// <summary>Store-neutral units of work.</summary>
public static class OutboxTransactionExtensions
{
    /// <summary>
    /// Opens an <see cref="OutboxTransaction"/> on the configured message store (<c>PersistMessagesWithSqlite</c> or
    /// <c>PersistMessagesWithPostgres</c>) and enlists it as the bus's outbox: until it commits, messages published on
    /// <paramref name="bus"/> are written in the same transaction as the application's writes. Use it in a handler
    /// (take <c>IMessageContext</c> as a parameter) or outside one (an <c>IMessageBus</c> from a DI scope).
    /// </summary>
    /// <exception cref="InvalidOperationException">The bus is not Wolverine's, or no configured store supports it.</exception>
    public static Task<OutboxTransaction> BeginOutboxTransactionAsync(this IMessageBus bus, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (bus is not MessageContext context)
        {
            throw new InvalidOperationException(
                $"BeginOutboxTransactionAsync needs Wolverine's MessageContext (an IMessageContext or an IMessageBus resolved from the container), not {bus.GetType().FullName}.");
        }

        return FindSource(context.Runtime).BeginOutboxTransactionAsync(context, cancellation);
    }

    /// <summary>
    /// The transaction of the batch a projection is applying, whatever the store: write the read model through it and
    /// the rows commit together with the subscription's checkpoint.
    /// </summary>
    /// <exception cref="InvalidOperationException">The subscription's store does not work with <see cref="OutboxTransaction"/>.</exception>
    public static OutboxTransaction Transaction(this ProjectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.StoreTransaction as OutboxTransaction ?? throw new InvalidOperationException(
            $"Subscription '{context.SubscriptionName}' is fed by a store whose transaction is a {context.StoreTransaction.GetType()}, not an OutboxTransaction.");
    }

    private static IOutboxTransactionSource FindSource(IWolverineRuntime runtime)
    {
        if (runtime.Storage is IOutboxTransactionSource source)
        {
            return source;
        }

        return runtime.Services.GetServices<IMessageStore>().OfType<IOutboxTransactionSource>().FirstOrDefault()
               ?? throw new InvalidOperationException(
                   $"The configured message store ({runtime.Storage.GetType().Name}) cannot open an outbox transaction. Call opts.PersistMessagesWithSqlite(\"Data Source=app.db\") or opts.PersistMessagesWithPostgres(\"Host=…;Database=…\") in UseWolverine.");
    }
}
