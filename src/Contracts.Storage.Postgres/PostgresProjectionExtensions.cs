using System;
using Contracts.Wolverine.Replay;

namespace Contracts.Storage.Postgres;

/// <summary>PostgreSQL access for projections fed by the PostgreSQL store's event log.</summary>
public static class PostgresProjectionExtensions
{
    /// <summary>
    /// The transaction of the batch being applied: write the read model through it (any table of the store's
    /// database), and the rows commit together with the subscription's checkpoint, so a replay, a restart or a
    /// takeover by another node never applies an event twice.
    /// </summary>
    public static PostgresOutboxTransaction PostgresTransaction(this ProjectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.StoreTransactionAs<PostgresOutboxTransaction>("PostgreSQL");
    }
}
