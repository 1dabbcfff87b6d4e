using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;

namespace Contracts.Wolverine.Replay;

/// <summary>
/// A named subscription to the event log (a projection or read model): it receives every event after its
/// checkpoint, in position order, decoded and upcast to the latest version; its writes through
/// <see cref="ProjectionContext.StoreTransaction"/> commit together with the new checkpoint.
/// </summary>
public interface IProjection
{
    /// <summary>The subscription name: the key of its checkpoint. Keep it stable.</summary>
    string Name { get; }

    /// <summary>Applies one event; returns false when the projection ignores it (counted as skipped).</summary>
    ValueTask<bool> ApplyAsync(LoggedEvent logged, ProjectionContext context);

    /// <summary>
    /// Called when a replay starts, in the transaction that moves the checkpoint back to the replay's start: clear
    /// what the replayed events will rebuild (for a replay from position 1, typically everything).
    /// </summary>
    ValueTask ResetAsync(long fromPosition, ProjectionContext context) => ValueTask.CompletedTask;
}

/// <summary>A projection built from per-event-type handlers; events of other types are skipped.</summary>
public abstract class Projection : IProjection
{
    private readonly Dictionary<Type, Func<object, LoggedEvent, ProjectionContext, ValueTask>> _handlers = new();

    /// <summary>Creates a projection named <paramref name="name"/>.</summary>
    protected Projection(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Handles events of <typeparamref name="TEvent"/> (the latest version of a subject).</summary>
    protected void On<TEvent>(Action<TEvent, LoggedEvent> apply) where TEvent : class =>
        _handlers[typeof(TEvent)] = (e, logged, _) =>
        {
            apply((TEvent)e, logged);
            return ValueTask.CompletedTask;
        };

    /// <summary>Handles events of <typeparamref name="TEvent"/> with access to the transaction and the bus.</summary>
    protected void On<TEvent>(Func<TEvent, LoggedEvent, ProjectionContext, ValueTask> apply) where TEvent : class =>
        _handlers[typeof(TEvent)] = (e, logged, context) => apply((TEvent)e, logged, context);

    /// <inheritdoc/>
    public async ValueTask<bool> ApplyAsync(LoggedEvent logged, ProjectionContext context)
    {
        if (!_handlers.TryGetValue(logged.Event.GetType(), out var handler))
        {
            return false;
        }

        await handler(logged.Event, logged, context).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public virtual ValueTask ResetAsync(long fromPosition, ProjectionContext context) => ValueTask.CompletedTask;
}
