using System;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Wolverine.Persistence.Durability;

namespace Contracts.Wolverine;

/// <summary>
/// A service's store opened by an operator tool (the <c>contracts</c> CLI) rather than by the running service: the
/// event log, subscription checkpoints and replay requests, and the dead letters. Implemented by the SQLite and the
/// PostgreSQL store (<c>SqliteStoreOperations</c>, <c>PostgresStoreOperations</c>).
/// </summary>
public interface IStoreOperations : IAsyncDisposable
{
    /// <summary>Where the store is (a file, or a schema of a database on a server), for messages.</summary>
    string Location { get; }

    /// <summary>The event log's rows and statistics.</summary>
    IEventLogStore EventLog { get; }

    /// <summary>Subscription checkpoints and replay requests.</summary>
    ISubscriptionStore Subscriptions { get; }

    /// <summary>The dead letters (list, inspect, requeue, discard).</summary>
    IDeadLetters DeadLetters { get; }
}
