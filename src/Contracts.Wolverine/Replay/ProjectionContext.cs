using System;
using System.Threading.Tasks;
using Wolverine;

namespace Contracts.Wolverine.Replay;

/// <summary>What a projection can use while it applies a batch of events.</summary>
public sealed class ProjectionContext
{
    private readonly IMessageBus _bus;

    internal ProjectionContext(string subscription, object storeTransaction, IMessageBus bus, IServiceProvider services)
    {
        SubscriptionName = subscription;
        StoreTransaction = storeTransaction;
        _bus = bus;
        Services = services;
    }

    /// <summary>The subscription being fed.</summary>
    public string SubscriptionName { get; }

    /// <summary>
    /// The store's transaction that commits this batch and the subscription's checkpoint together (a
    /// <c>SqliteOutboxTransaction</c> or a <c>PostgresOutboxTransaction</c>; the store's <c>SqliteTransaction()</c> or
    /// <c>PostgresTransaction()</c> extension gets it typed).
    /// </summary>
    public object StoreTransaction { get; }

    /// <summary>
    /// <see cref="StoreTransaction"/> as the store's transaction type; a subscription fed by another store is an error
    /// that names both (what a store's typed accessor, e.g. <c>SqliteTransaction()</c>, reports).
    /// </summary>
    internal T StoreTransactionAs<T>(string store) where T : class =>
        StoreTransaction as T ?? throw new InvalidOperationException(
            $"Subscription '{SubscriptionName}' is not fed by the {store} store (its transaction is a {StoreTransaction.GetType()}).");

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Whether the current event is replayed (it was applied before, or is part of a replay request).</summary>
    public bool IsReplay { get; internal set; }

    /// <summary>
    /// Whether messages sent or published now leave the process: false while replaying, unless the replay was
    /// requested with side effects, and while a new subscription catches up on history (unless configured).
    /// </summary>
    public bool SideEffectsEnabled { get; internal set; }

    /// <summary>Messages dropped in this batch because side effects were off.</summary>
    public long SuppressedMessages { get; internal set; }

    /// <summary>Publishes through the outbox in this batch's transaction, or drops the message when side effects are off.</summary>
    public ValueTask PublishAsync<T>(T message, DeliveryOptions? options = null)
    {
        if (!SideEffectsEnabled)
        {
            SuppressedMessages++;
            return ValueTask.CompletedTask;
        }

        return _bus.PublishAsync(message, options);
    }

    /// <summary>Sends through the outbox in this batch's transaction, or drops the message when side effects are off.</summary>
    public ValueTask SendAsync<T>(T message, DeliveryOptions? options = null)
    {
        if (!SideEffectsEnabled)
        {
            SuppressedMessages++;
            return ValueTask.CompletedTask;
        }

        return _bus.SendAsync(message, options);
    }
}
