using System.Threading.Tasks;
using Contracts.Storage.Postgres;
using Wolverine;
using Wolverine.Runtime;

namespace Contracts.Storage.Postgres.NodeChild;

public sealed record Work(long N);

public static class WorkHandler
{
    /// <summary>Time spent per message inside the handler's transaction (the node's optional fourth argument).</summary>
    public static int HandleDelayMilliseconds { get; set; } = 3;

    /// <summary>Applies the message's effect (a row naming the node that applied it) and marks it handled, in one transaction.</summary>
    public static async Task Handle(Work work, IMessageContext context, IWolverineRuntime runtime)
    {
        await using var transaction = await context.BeginPostgresTransactionAsync();
        await using (var insert = transaction.CreateCommand("INSERT INTO applied (n, message_id, node) VALUES (@n, @id, @node);"))
        {
            insert.Parameters.AddWithValue("n", work.N);
            insert.Parameters.AddWithValue("id", context.Envelope!.Id);
            insert.Parameters.AddWithValue("node", runtime.Options.Durability.AssignedNodeNumber);
            await insert.ExecuteNonQueryAsync();
        }

        // Some work per message, so that a node has a backlog of owned envelopes when it is killed.
        await Task.Delay(HandleDelayMilliseconds);
        await transaction.CommitAsync();
    }
}
