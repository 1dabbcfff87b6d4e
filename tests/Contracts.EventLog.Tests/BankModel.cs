using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Bank.Contracts;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;

namespace Contracts.EventLog.Tests;

/// <summary>Subscribers, so that published bank events have a route (Wolverine drops a publish nobody subscribes to).</summary>
public static class BankHandlers
{
    public static int Audits;

    public static void Handle(AccountCredited credited)
    {
    }

    public static void Handle(AccountCreditedV1 credited)
    {
    }

    public static void Handle(AccountCreditedV2 credited)
    {
    }

    public static void Handle(AccountDebited debited)
    {
    }

    public static void Handle(AuditAccount audit) => Interlocked.Increment(ref Audits);
}

/// <summary>An in-memory read model: balance per account, from the latest AccountCredited (v1, v2 rows upcast).</summary>
public sealed class BalancesProjection : Projection
{
    public BalancesProjection(string name) : base(name)
    {
        On<AccountCredited>((e, _) => Balances.AddOrUpdate(e.AccountId, e.Amount, (_, b) => b + e.Amount));
        On<AccountDebited>((e, _) => Balances.AddOrUpdate(e.AccountId, -e.Amount, (_, b) => b - e.Amount));
    }

    public ConcurrentDictionary<string, long> Balances { get; } = new();
}

/// <summary>A read model in the store's database, written in the batch's transaction, with a side effect per large credit.</summary>
public sealed class BalanceTableProjection : Projection
{
    private readonly StoreTarget _store;

    public BalanceTableProjection(StoreTarget store) : base("balance-table")
    {
        _store = store;
        On<AccountCredited>(async (e, logged, context) =>
        {
            await using var upsert = _store.Command(context,
                    "INSERT INTO balances (account, balance) VALUES (@a, @v) ON CONFLICT (account) DO UPDATE SET balance = balances.balance + @v;")
                .Add("@a", e.AccountId).Add("@v", e.Amount);
            await upsert.ExecuteNonQueryAsync();
            if (e.Amount >= 1000)
            {
                await context.SendAsync(new AuditAccount { AccountId = e.AccountId });
            }
        });
    }

    public override async ValueTask ResetAsync(long fromPosition, ProjectionContext context)
    {
        await using var delete = _store.Command(context, "DELETE FROM balances;");
        await delete.ExecuteNonQueryAsync();
    }
}

public static class Folds
{
    public static long Balance(long balance, LoggedEvent logged) => logged.Event switch
    {
        AccountCredited credited => balance + credited.Amount,
        AccountDebited debited => balance - debited.Amount,
        _ => balance,
    };

    public static Dictionary<string, long> Snapshot(BalancesProjection projection) => new(projection.Balances);
}
