using Shop.Contracts.Notifications;
using Shop.Contracts.Orders;
using Contracts.Wolverine;
using Wolverine;

namespace Shop.Services;

/// <summary>Thrown when a notification template is not deployed yet: the message cannot be handled until someone fixes it.</summary>
public sealed class TemplateMissingException(string template) : Exception($"notification template \"{template}\" is not deployed");

/// <summary>The notification templates deployed so far (a table, so every node of the shop sees a deployment).</summary>
public sealed class TemplateStore(ShopDatabase db)
{
    public async Task<bool> IsDeployedAsync(string template)
        => await db.CountAsync("SELECT count(*) FROM templates WHERE name = @name", ("@name", template)) > 0;

    public Task DeployAsync(string template)
        => db.ExecuteAsync("INSERT INTO templates (name) VALUES (@name) ON CONFLICT DO NOTHING", ("@name", template));
}

/// <summary>
/// Notifications: a choreographed subscriber. It reacts to thin events (OrderConfirmed, OrderCancelled carry the
/// order id) and looks up what it needs itself.
/// </summary>
public static class NotificationsHandlers
{
    public static async Task Handle(OrderConfirmed confirmed, IMessageContext context, TemplateStore templates, Timeline timeline)
        => await Notify(confirmed.OrderId, "order-confirmed", context, templates, timeline, OrderConfirmed.ContractInfo.Subject, OrderConfirmed.ContractInfo.Version);

    public static async Task Handle(OrderCancelled cancelled, IMessageContext context, TemplateStore templates, Timeline timeline)
        => await Notify(cancelled.OrderId, "order-cancelled", context, templates, timeline, OrderCancelled.ContractInfo.Subject, OrderCancelled.ContractInfo.Version);

    private static async Task Notify(Guid orderId, string template, IMessageContext context, TemplateStore templates, Timeline timeline, string subject, int version)
    {
        if (!await templates.IsDeployedAsync(template))
        {
            timeline.Record("Notifications", subject, version, $"order {OrdersHandlers.Short(orderId)}: template \"{template}\" missing (attempt {context.Envelope?.Attempts})");
            throw new TemplateMissingException(template);
        }
        // The notification row and the CustomerNotified event commit together: a redelivery does not email twice.
        await using var tx = await context.BeginOutboxTransactionAsync();
        await using (var sent = tx.CreateCommand("INSERT INTO notifications (order_id, template) VALUES (@id, @template) ON CONFLICT DO NOTHING",
            ("@id", orderId.ToString()), ("@template", template)))
        {
            if (await sent.ExecuteNonQueryAsync() == 0)
            {
                await tx.RollbackAsync();
                timeline.Record("Notifications", subject, version, $"order {OrdersHandlers.Short(orderId)}: {template} already sent, not emailed twice");
                return;
            }
        }
        await context.PublishAsync(new CustomerNotified { OrderId = orderId, Channel = CustomerNotified.ChannelType.Email, Template = template });
        await tx.CommitAsync();
        timeline.Record("Notifications", subject, version, $"emailed the customer of order {OrdersHandlers.Short(orderId)} ({template})");
    }
}
