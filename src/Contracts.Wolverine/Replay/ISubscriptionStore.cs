using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Wolverine;

namespace Contracts.Wolverine.Replay;

/// <summary>
/// What a database store provides for subscriptions: checkpoints and replay requests in a table, raw log pages, and a
/// transaction that commits a projection's writes, its outgoing messages and the checkpoint together. The
/// dialect-free <see cref="SubscriptionRunner"/> drives it.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Where the subscriptions live, for messages.</summary>
    string Location { get; }

    /// <summary>Woken when this process appended events.</summary>
    EventLogNotifier Notifier { get; }

    /// <summary>
    /// Creates the subscription's row if it has none: checkpoint 0 (it catches up from the start), side effects off
    /// up to the current head unless <paramref name="sideEffectsDuringCatchUp"/>. Returns the stored state.
    /// </summary>
    Task<SubscriptionState> RegisterAsync(string name, bool sideEffectsDuringCatchUp, CancellationToken cancellation = default);

    /// <summary>The stored state, or <see langword="null"/> for an unknown name.</summary>
    Task<SubscriptionState?> LoadAsync(string name, CancellationToken cancellation = default);

    /// <summary>Every subscription's state.</summary>
    Task<IReadOnlyList<SubscriptionState>> ListAsync(CancellationToken cancellation = default);

    /// <summary>Records a replay request that the subscription's running agent executes.</summary>
    /// <exception cref="InvalidOperationException">No subscription has that name.</exception>
    Task RequestReplayAsync(string name, ReplayRequest request, CancellationToken cancellation = default);

    /// <summary>Up to <paramref name="max"/> committed rows after <paramref name="after"/> (up to <paramref name="to"/>).</summary>
    Task<IReadOnlyList<EventLogRecord>> ReadAsync(long after, long? to, int max, CancellationToken cancellation = default);

    /// <summary>Opens the transaction of one batch; <paramref name="bus"/> publishes through its outbox.</summary>
    Task<ISubscriptionBatch> BeginBatchAsync(IMessageBus bus, CancellationToken cancellation = default);

    /// <summary>
    /// Takes the right to run subscription <paramref name="name"/> in this process, for as long as the lease is held:
    /// where several processes share the store, at most one advances a subscription at a time and the others wait
    /// to take over. Returns <see langword="null"/> while another process holds it. A store that has one process per
    /// database (SQLite) grants it at once.
    /// </summary>
    Task<ISubscriptionLease?> TryAcquireLeaseAsync(string name, CancellationToken cancellation = default) =>
        Task.FromResult<ISubscriptionLease?>(SubscriptionLease.Unshared);
}

/// <summary>The right to advance one subscription, held by one process (see <see cref="ISubscriptionStore.TryAcquireLeaseAsync"/>).</summary>
public interface ISubscriptionLease : IAsyncDisposable
{
    /// <summary>Whether the lease is still held (false once the store lost it, e.g. with its connection); then take it again.</summary>
    Task<bool> IsHeldAsync(CancellationToken cancellation = default);
}

/// <summary>The lease of a store that one process owns: always held, nothing to release.</summary>
public sealed class SubscriptionLease : ISubscriptionLease
{
    private SubscriptionLease()
    {
    }

    /// <summary>The one instance.</summary>
    public static ISubscriptionLease Unshared { get; } = new SubscriptionLease();

    /// <inheritdoc />
    public Task<bool> IsHeldAsync(CancellationToken cancellation = default) => Task.FromResult(true);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>One batch's transaction: read and write the checkpoint inside it, then commit.</summary>
public interface ISubscriptionBatch : IAsyncDisposable
{
    /// <summary>The store's transaction object handed to projections.</summary>
    object Transaction { get; }

    /// <summary>The subscription's state read inside the transaction (so nobody moves it meanwhile).</summary>
    Task<SubscriptionState?> LoadAsync(string name, CancellationToken cancellation = default);

    /// <summary>Writes the checkpoint and replay progress inside the transaction.</summary>
    Task SaveAsync(SubscriptionState state, CancellationToken cancellation = default);

    /// <summary>Commits the projection's writes, the outgoing messages and the checkpoint.</summary>
    Task CommitAsync(CancellationToken cancellation = default);
}

/// <summary>The durable state of a subscription.</summary>
/// <param name="Name">Subscription name.</param>
/// <param name="Position">Checkpoint: the last global position applied.</param>
/// <param name="Status"><see cref="SubscriptionStatus.Running"/> or <see cref="SubscriptionStatus.Paused"/> (a replay with an end stopped there).</param>
/// <param name="SuppressUntil">Side effects are off for events at or before this position (already applied once, or history).</param>
/// <param name="UpdatedAt">When the row last changed.</param>
/// <param name="Replay">The last replay request and its progress, if any.</param>
public sealed record SubscriptionState(string Name, long Position, string Status, long SuppressUntil, DateTimeOffset UpdatedAt, ReplayProgress? Replay);

/// <summary>Subscription statuses.</summary>
public static class SubscriptionStatus
{
    /// <summary>Applies new events as they are logged.</summary>
    public const string Running = "running";

    /// <summary>Stopped at the end of a bounded replay; a new replay request resumes it.</summary>
    public const string Paused = "paused";
}

/// <summary>A replay: re-apply the log from <paramref name="From"/> (through <paramref name="To"/>) into one subscription.</summary>
/// <param name="From">First position to apply (1 = the beginning).</param>
/// <param name="To">Last position; the subscription then pauses there. <see langword="null"/> = replay to the head, then continue live.</param>
/// <param name="SideEffects">Let the projection's sends and publishes out during the replay (off by default).</param>
public sealed record ReplayRequest(long From, long? To = null, bool SideEffects = false);

/// <summary>A replay's request and progress, as stored (and shown by <c>contracts replay</c>).</summary>
public sealed record ReplayProgress(
    string State,
    long From,
    long? To,
    bool SideEffects,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long Read,
    long Applied,
    long Skipped,
    string? Error);

/// <summary>Replay states.</summary>
public static class ReplayState
{
    /// <summary>Recorded, not yet picked up by the service.</summary>
    public const string Requested = "requested";

    /// <summary>Being applied.</summary>
    public const string Running = "running";

    /// <summary>Reached its end (or the head of the log).</summary>
    public const string Done = "done";

    /// <summary>Stopped by an error (see <see cref="ReplayProgress.Error"/>); the checkpoint holds what was applied.</summary>
    public const string Failed = "failed";
}
