using System.Threading.Tasks;
using Wolverine;

namespace Contracts.Storage.Sqlite.CrashChild;

public sealed record Work(long N);

public static class WorkHandler
{
    /// <summary>Applies the message's effect and marks it handled in one SQLite transaction.</summary>
    public static async Task Handle(Work work, IMessageContext context)
    {
        await using var transaction = await context.BeginSqliteTransactionAsync();
        await using var insert = transaction.CreateCommand("INSERT INTO applied (n, message_id) VALUES (@n, @id);");
        insert.Parameters.AddWithValue("@n", work.N);
        insert.Parameters.AddWithValue("@id", context.Envelope!.Id.ToString());
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
