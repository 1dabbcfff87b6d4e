using Shop.Contracts.Payments;
using Contracts.Wolverine;
using Wolverine;

namespace Shop.Services;

/// <summary>The customers whose cards the fake payment provider declines.</summary>
public sealed class PaymentProvider
{
    public HashSet<Guid> DecliningCustomers { get; } = new();

    /// <summary>Customers whose charges the provider never answers (the saga's payment timeout fires).</summary>
    public HashSet<Guid> UnansweredCustomers { get; } = new();
}

/// <summary>Payments: charges customers on command; a retry with the same payment id is not charged twice.</summary>
public static class PaymentsHandlers
{
    public static async Task Handle(ChargePayment command, IMessageContext context, PaymentProvider provider, Timeline timeline)
    {
        if (provider.UnansweredCustomers.Contains(command.CustomerId))
        {
            timeline.Record<ChargePayment>("Payments", $"provider did not answer for order {OrdersHandlers.Short(command.OrderId)}");
            return;
        }
        var declined = provider.DecliningCustomers.Contains(command.CustomerId);
        await using var tx = await context.BeginOutboxTransactionAsync();
        await using (var insert = tx.CreateCommand("INSERT INTO payments (payment_id, order_id, outcome) VALUES (@pid, @oid, @outcome) ON CONFLICT DO NOTHING",
            ("@pid", command.PaymentId.ToString()), ("@oid", command.OrderId.ToString()), ("@outcome", declined ? "declined" : "charged")))
        {
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                await tx.RollbackAsync();
                timeline.Record<ChargePayment>("Payments", $"payment {OrdersHandlers.Short(command.PaymentId)} seen before: not charged twice");
                return;
            }
        }
        if (declined)
        {
            await context.PublishAsync(new PaymentFailed
            {
                PaymentId = command.PaymentId,
                OrderId = command.OrderId,
                Reason = PaymentFailed.ReasonType.CardDeclined,
                FailedAt = DateTimeOffset.UtcNow,
                ProviderMessage = "Do not honor",
            });
        }
        else
        {
            await context.PublishAsync(new PaymentCharged { PaymentId = command.PaymentId, OrderId = command.OrderId, Amount = command.Amount, Currency = command.Currency });
        }
        await tx.CommitAsync();
        timeline.Record<ChargePayment>("Payments", declined ? $"card declined for order {OrdersHandlers.Short(command.OrderId)}" : $"charged {command.Amount} {command.Currency} for order {OrdersHandlers.Short(command.OrderId)}");
    }
}
