using System;
using System.Threading.Tasks;
using Wolverine;

namespace Contracts.Storage.Conformance;

/// <summary>
/// What a message store gives the conformance suite: one fresh, empty database per test, the Wolverine
/// configuration that persists messages in it, and a business table written in the store's outbox transaction.
/// A PostgreSQL store runs the same suite by subclassing each abstract test class with its own target.
/// </summary>
public abstract class MessageStoreTarget : IAsyncDisposable
{
    /// <summary>Configures Wolverine to persist messages in this target's database.</summary>
    public abstract void PersistMessages(WolverineOptions options);

    /// <summary>Creates the business table (<c>business_rows</c>: key text, note text) if it is missing.</summary>
    public abstract Task EnsureBusinessTableAsync();

    /// <summary>Opens the store's outbox transaction on the bus: business writes and published messages commit together.</summary>
    public abstract Task<IBusinessTransaction> BeginBusinessTransactionAsync(IMessageBus bus);

    /// <summary>Counts committed business rows with the key.</summary>
    public abstract Task<int> CountBusinessRowsAsync(string key);

    /// <summary>Drops the database.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>The store's outbox transaction, as the suite's handlers use it.</summary>
public interface IBusinessTransaction : IAsyncDisposable
{
    Task InsertBusinessRowAsync(string key, string note);

    Task CommitAsync();

    Task RollbackAsync();
}
