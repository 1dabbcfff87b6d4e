using System.Threading.Tasks;
using Wolverine;
using Wolverine.Attributes;

namespace Contracts.Storage.Sqlite.CrashChild;

public sealed record Work(long N);

/// <summary>Sent over TCP by the test process; the wire name is shared, not the CLR type.</summary>
[MessageIdentity("contracts.tests.tcp-work")]
public sealed record TcpWork(long N);

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

public static class TcpWorkHandler
{
    /// <summary>Records the message and marks it handled in one SQLite transaction.</summary>
    public static async Task Handle(TcpWork work, IMessageContext context)
    {
        await using var transaction = await context.BeginSqliteTransactionAsync();
        await using var insert = transaction.CreateCommand("INSERT INTO received (n, message_id) VALUES (@n, @id);");
        insert.Parameters.AddWithValue("@n", work.N);
        insert.Parameters.AddWithValue("@id", context.Envelope!.Id.ToString());
        await insert.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
