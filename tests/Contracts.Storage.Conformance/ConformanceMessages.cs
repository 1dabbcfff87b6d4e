using System;

namespace Contracts.Storage.Conformance;

/// <summary>Writes a business row and publishes <see cref="OrderPlaced"/> in one outbox transaction.</summary>
public sealed record PlaceOrder(string OrderId, bool FailAfterPublish = false);

public sealed record OrderPlaced(string OrderId);

/// <summary>Always throws <see cref="CardDeclinedException"/>.</summary>
public sealed record ChargeCard(string CardId);

/// <summary>Throws until the test marks it fixable, then records that it ran.</summary>
public sealed record ShipParcel(string ParcelId);

/// <summary>Only records that it ran.</summary>
public sealed record Remind(string Text);

/// <summary>Sent over TCP, to check the durable outbox and inbox between endpoints.</summary>
public sealed record Ping(string Text);

public sealed class CardDeclinedException : Exception
{
    public CardDeclinedException(string message) : base(message)
    {
    }
}
