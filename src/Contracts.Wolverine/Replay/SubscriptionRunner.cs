using System;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Wolverine;

namespace Contracts.Wolverine.Replay;

/// <summary>
/// Feeds one subscription from the log, batch by batch: read committed rows after the checkpoint, decode and upcast
/// them, apply them, and commit the projection's writes, its outgoing messages and the new checkpoint in one
/// transaction. A crash between batches loses nothing and applies nothing twice. Also executes replay requests.
/// </summary>
public sealed class SubscriptionRunner
{
    private readonly ISubscriptionStore _store;
    private readonly IProjection _projection;
    private readonly EventDecoder _decoder;
    private readonly IServiceProvider _services;
    private readonly Func<IMessageBus> _newBus;
    private readonly SubscriptionOptions _options;

    /// <summary>Creates a runner.</summary>
    /// <param name="store">The store's subscriptions and log.</param>
    /// <param name="projection">The subscription.</param>
    /// <param name="catalog">Contracts used to decode and upcast.</param>
    /// <param name="services">Application services handed to the projection.</param>
    /// <param name="newBus">Creates a fresh message bus per batch (enlisted in the batch's outbox).</param>
    /// <param name="options">Batch size and catch-up behaviour.</param>
    public SubscriptionRunner(ISubscriptionStore store, IProjection projection, ContractCatalog catalog, IServiceProvider services,
        Func<IMessageBus> newBus, SubscriptionOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _projection = projection ?? throw new ArgumentNullException(nameof(projection));
        _decoder = new EventDecoder(catalog);
        _services = services;
        _newBus = newBus;
        _options = options ?? new SubscriptionOptions();
    }

    /// <summary>The subscription's name.</summary>
    public string Name => _projection.Name;

    /// <summary>Creates the checkpoint row if missing.</summary>
    public Task<SubscriptionState> RegisterAsync(CancellationToken cancellation = default) =>
        _store.RegisterAsync(Name, _options.SideEffectsDuringCatchUp, cancellation);

    /// <summary>Runs one step: starts a requested replay, or applies one batch. Returns the number of events read.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellation = default)
    {
        var state = await _store.LoadAsync(Name, cancellation).ConfigureAwait(false)
                    ?? await RegisterAsync(cancellation).ConfigureAwait(false);
        if (state.Replay?.State == ReplayState.Requested)
        {
            await StartReplayAsync(cancellation).ConfigureAwait(false);
            return 0;
        }

        if (state.Status == SubscriptionStatus.Paused)
        {
            return 0;
        }

        var replaying = state.Replay?.State == ReplayState.Running;
        var to = replaying ? state.Replay!.To : null;
        var records = await _store.ReadAsync(state.Position, to, _options.BatchSize, cancellation).ConfigureAwait(false);
        if (records.Count == 0)
        {
            if (replaying)
            {
                await FinishReplayAsync(state.Position, cancellation).ConfigureAwait(false);
            }

            return 0;
        }

        var bus = _newBus();
        await using var batch = await _store.BeginBatchAsync(bus, cancellation).ConfigureAwait(false);
        var current = await batch.LoadAsync(Name, cancellation).ConfigureAwait(false);
        if (current is null || current.Position != state.Position || current.Replay?.State != state.Replay?.State)
        {
            return 0; // moved meanwhile (a replay request, another runner): start over from the stored state
        }

        var context = new ProjectionContext(Name, batch.Transaction, bus, _services);
        long applied = 0, skipped = 0;
        var position = current.Position;
        foreach (var record in records)
        {
            var logged = _decoder.TryDecode(record);
            context.IsReplay = replaying || record.Position <= current.SuppressUntil;
            context.SideEffectsEnabled = record.Position > current.SuppressUntil;
            if (logged is not null && await _projection.ApplyAsync(logged, context).ConfigureAwait(false))
            {
                applied++;
            }
            else
            {
                skipped++;
            }

            position = record.Position;
        }

        var next = current with { Position = position, UpdatedAt = DateTimeOffset.UtcNow };
        if (replaying)
        {
            var progress = next.Replay! with { Read = next.Replay.Read + records.Count, Applied = next.Replay.Applied + applied, Skipped = next.Replay.Skipped + skipped };
            next = next with { Replay = progress };
            if (progress.To is { } end && position >= end)
            {
                next = next with { Status = SubscriptionStatus.Paused, Replay = progress with { State = ReplayState.Done, FinishedAt = DateTimeOffset.UtcNow } };
            }
        }

        await batch.SaveAsync(next, cancellation).ConfigureAwait(false);
        await batch.CommitAsync(cancellation).ConfigureAwait(false);
        return records.Count;
    }

    /// <summary>Applies batches until the subscription has caught up with the log (or its replay has ended).</summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellation = default)
    {
        long total = 0;
        while (true)
        {
            var read = await RunOnceAsync(cancellation).ConfigureAwait(false);
            var state = await _store.LoadAsync(Name, cancellation).ConfigureAwait(false);
            total += read;
            if (read == 0 && state?.Replay?.State != ReplayState.Requested && state?.Replay?.State != ReplayState.Running)
            {
                return total;
            }
        }
    }

    /// <summary>Records that the current replay failed, keeping the checkpoint of what was applied.</summary>
    public async Task FailReplayAsync(Exception error, CancellationToken cancellation = default)
    {
        await using var batch = await _store.BeginBatchAsync(_newBus(), cancellation).ConfigureAwait(false);
        var state = await batch.LoadAsync(Name, cancellation).ConfigureAwait(false);
        if (state?.Replay is not { State: ReplayState.Running or ReplayState.Requested } replay)
        {
            return;
        }

        await batch.SaveAsync(state with
        {
            Replay = replay with { State = ReplayState.Failed, FinishedAt = DateTimeOffset.UtcNow, Error = error.GetType().Name + ": " + error.Message },
        }, cancellation).ConfigureAwait(false);
        await batch.CommitAsync(cancellation).ConfigureAwait(false);
    }

    private async Task StartReplayAsync(CancellationToken cancellation)
    {
        var bus = _newBus();
        await using var batch = await _store.BeginBatchAsync(bus, cancellation).ConfigureAwait(false);
        var state = await batch.LoadAsync(Name, cancellation).ConfigureAwait(false);
        if (state?.Replay is not { State: ReplayState.Requested } replay)
        {
            return;
        }

        var from = Math.Max(1, replay.From);
        var context = new ProjectionContext(Name, batch.Transaction, bus, _services) { IsReplay = true };
        await _projection.ResetAsync(from, context).ConfigureAwait(false);
        // Everything applied before stays quiet when it is applied again, unless the replay asked for side effects.
        var suppressUntil = replay.SideEffects ? from - 1 : Math.Max(state.Position, state.SuppressUntil);
        await batch.SaveAsync(state with
        {
            Position = from - 1,
            Status = SubscriptionStatus.Running,
            SuppressUntil = suppressUntil,
            UpdatedAt = DateTimeOffset.UtcNow,
            Replay = replay with { State = ReplayState.Running, StartedAt = DateTimeOffset.UtcNow, Read = 0, Applied = 0, Skipped = 0, Error = null },
        }, cancellation).ConfigureAwait(false);
        await batch.CommitAsync(cancellation).ConfigureAwait(false);
    }

    private async Task FinishReplayAsync(long position, CancellationToken cancellation)
    {
        await using var batch = await _store.BeginBatchAsync(_newBus(), cancellation).ConfigureAwait(false);
        var state = await batch.LoadAsync(Name, cancellation).ConfigureAwait(false);
        if (state?.Replay is not { State: ReplayState.Running } replay || state.Position != position)
        {
            return;
        }

        await batch.SaveAsync(state with
        {
            Status = replay.To is null ? SubscriptionStatus.Running : SubscriptionStatus.Paused,
            UpdatedAt = DateTimeOffset.UtcNow,
            Replay = replay with { State = ReplayState.Done, FinishedAt = DateTimeOffset.UtcNow },
        }, cancellation).ConfigureAwait(false);
        await batch.CommitAsync(cancellation).ConfigureAwait(false);
    }
}

/// <summary>Settings of one subscription.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>Events per transaction (default 500).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often the agent looks for new events written by other processes (default 1 s); this process's own commits wake it at once.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Let a new subscription's sends and publishes out while it catches up on the history that was logged before it
    /// existed (default false: history is applied quietly, only events logged after it was registered have side effects).
    /// </summary>
    public bool SideEffectsDuringCatchUp { get; set; }
}
