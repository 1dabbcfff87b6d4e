using System.Threading.Tasks;
using Wolverine;

namespace Contracts.Storage.Sqlite;

/// <summary>
/// What Wolverine's generated code calls for a handler marked <c>[Transactional]</c> (or claimed by
/// <c>Policies.AutoApplyTransactions()</c> because it takes a <see cref="SqliteOutboxTransaction"/>). Public only
/// because generated code calls it; application code uses <see cref="SqliteMessageStoreExtensions.BeginSqliteTransactionAsync"/>.
/// </summary>
public static class SqliteTransactionFrames
{
    /// <summary>Opens the handler's outbox transaction.</summary>
    public static Task<SqliteOutboxTransaction> BeginAsync(IMessageContext context) => context.BeginSqliteTransactionAsync();

    /// <summary>Commits it after the handler and its cascading messages.</summary>
    public static Task CommitAsync(SqliteOutboxTransaction transaction) => transaction.CommitAsync();
}
