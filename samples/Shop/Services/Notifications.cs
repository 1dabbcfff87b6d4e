using Shop.Contracts.Notifications;
using Shop.Contracts.Orders;
using Wolverine;

namespace Shop.Services;

/// <summary>Thrown when a notification template is not deployed yet: the message cannot be handled until someone fixes it.</summary>
public sealed class TemplateMissingException(string template) : Exception($"notification template \"{template}\" is not deployed");

/// <summary>The notification templates deployed so far.</summary>
public sealed class TemplateStore
{
    public HashSet<string> Deployed { get; } = new() { "order-confirmed" };
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
        if (!templates.Deployed.Contains(template))
        {
            timeline.Record("Notifications", subject, version, $"order {OrdersHandlers.Short(orderId)}: template \"{template}\" missing (attempt {context.Envelope?.Attempts})");
            throw new TemplateMissingException(template);
        }
        await context.PublishAsync(new CustomerNotified { OrderId = orderId, Channel = CustomerNotified.ChannelType.Email, Template = template });
        timeline.Record("Notifications", subject, version, $"emailed the customer of order {OrdersHandlers.Short(orderId)} ({template})");
    }
}
