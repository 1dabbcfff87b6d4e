using System.Threading.Tasks;
using Wolverine;

namespace Contracts.Storage.Postgres;

/// <summary>
/// What Wolverine's generated code calls for a handler marked <c>[Transactional]</c> (or claimed by
/// <c>Policies.AutoApplyTransactions()</c> because it takes a <see cref="PostgresOutboxTransaction"/>). Public only
/// because generated code calls it; application code uses <see cref="PostgresMessageStoreExtensions.BeginPostgresTransactionAsync"/>.
/// </summary>
public static class PostgresTransactionFrames
{
    /// <summary>Opens the handler's outbox transaction.</summary>
    public static Task<PostgresOutboxTransaction> BeginAsync(IMessageContext context) => context.BeginPostgresTransactionAsync();

    /// <summary>Commits it after the handler and its cascading messages.</summary>
    public static Task CommitAsync(PostgresOutboxTransaction transaction) => transaction.CommitAsync();
}
