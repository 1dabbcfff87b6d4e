using System.Threading.Tasks;
using Wolverine;

namespace Contracts.Storage.Conformance;

/// <summary>The suite's handlers. They take the target and the probe from the container.</summary>
public static class ConformanceHandlers
{
    public static async Task Handle(PlaceOrder command, IMessageContext context, MessageStoreTarget target, HandlerProbe probe)
    {
        probe.Ran(nameof(PlaceOrder), command.OrderId);
        await using var transaction = await target.BeginBusinessTransactionAsync(context);
        await transaction.InsertBusinessRowAsync(command.OrderId, "placed");
        await context.PublishAsync(new OrderPlaced(command.OrderId));
        if (command.FailAfterPublish)
        {
            throw new CardDeclinedException($"order {command.OrderId} failed after publishing");
        }

        await transaction.CommitAsync();
    }

    public static void Handle(OrderPlaced placed, HandlerProbe probe) => probe.Ran(nameof(OrderPlaced), placed.OrderId);

    public static void Handle(ChargeCard command, HandlerProbe probe)
    {
        probe.Ran(nameof(ChargeCard), command.CardId);
        throw new CardDeclinedException($"card {command.CardId} declined");
    }

    public static void Handle(ShipParcel command, HandlerProbe probe)
    {
        probe.Ran(nameof(ShipParcel), command.ParcelId);
        if (!probe.IsFixed(command.ParcelId))
        {
            throw new CardDeclinedException($"parcel {command.ParcelId} has no address");
        }

        probe.Succeeded(nameof(ShipParcel), command.ParcelId);
    }

    public static void Handle(Remind remind, HandlerProbe probe) => probe.Ran(nameof(Remind), remind.Text);

    public static void Handle(Ping ping, HandlerProbe probe) => probe.Ran(nameof(Ping), ping.Text);
}
