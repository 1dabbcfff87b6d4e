using System;
using Contracts.Wolverine.Replay;

namespace Contracts.Storage.Sqlite;

/// <summary>SQLite access for projections fed by the SQLite store's event log.</summary>
public static class SqliteProjectionExtensions
{
    /// <summary>
    /// The transaction of the batch being applied: write the read model through it, and the rows commit together with
    /// the subscription's checkpoint (so a replay or a restart never applies an event twice).
    /// </summary>
    public static SqliteOutboxTransaction SqliteTransaction(this ProjectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.StoreTransactionAs<SqliteOutboxTransaction>("SQLite");
    }
}
