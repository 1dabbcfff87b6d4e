using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Contracts.Wolverine.EventLog;

/// <summary>
/// Reads the event log: from a global position, one stream, up to a point in time; every event decoded and upcast
/// to the latest version of its subject. Resolve it from the service container (the store registers it).
/// </summary>
public sealed class EventLogReader
{
    /// <summary>Creates a reader over a store's log and the contracts the process knows.</summary>
    public EventLogReader(IEventLogStore store, ContractCatalog catalog)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Decoder = new EventDecoder(catalog);
    }

    /// <summary>The store's raw rows.</summary>
    public IEventLogStore Store { get; }

    /// <summary>The decoder (codecs and upcasters of the catalog).</summary>
    public EventDecoder Decoder { get; }

    /// <summary>Every row matching <paramref name="query"/>, as written, page by page.</summary>
    public async IAsyncEnumerable<EventLogRecord> ReadRecordsAsync(EventLogQuery query, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query;
        while (true)
        {
            var rows = await Store.ReadPageAsync(page, cancellation).ConfigureAwait(false);
            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count < page.PageSize)
            {
                yield break;
            }

            var last = rows[^1];
            page = page with { AfterPosition = last.Position };
        }
    }

    /// <summary>Every event matching <paramref name="query"/>, decoded and upcast to its subject's latest version.</summary>
    /// <exception cref="EventLogException">A row whose contract is unknown or whose payload cannot be decoded.</exception>
    public async IAsyncEnumerable<LoggedEvent> ReadAsync(EventLogQuery query, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await foreach (var record in ReadRecordsAsync(query, cancellation).ConfigureAwait(false))
        {
            yield return Decoder.Decode(record);
        }
    }

    /// <summary>The events of one stream (partition key value), optionally as the log stood at <paramref name="asOf"/>.</summary>
    public IAsyncEnumerable<LoggedEvent> ReadStreamAsync(string streamKey, DateTimeOffset? asOf = null, CancellationToken cancellation = default) =>
        ReadAsync(new EventLogQuery { StreamKey = streamKey, Until = asOf }, cancellation);

    /// <summary>
    /// Folds one stream into a state (event sourcing): starts from <paramref name="snapshot"/> when given (only later
    /// events are read) or from <paramref name="initial"/>, and applies each event with <paramref name="apply"/>.
    /// With <paramref name="asOf"/>, the state as it was at that moment.
    /// </summary>
    /// <typeparam name="TState">The aggregate or read-model state.</typeparam>
    /// <param name="streamKey">The stream (partition key value).</param>
    /// <param name="initial">The state before the first event.</param>
    /// <param name="apply">Returns the state after one event (the event is of its subject's latest version).</param>
    /// <param name="snapshot">A state saved earlier with the stream sequence it includes, or <see langword="null"/>.</param>
    /// <param name="asOf">Only events recorded at or before this moment.</param>
    /// <param name="cancellation">Cancels the read.</param>
    public async Task<EventFold<TState>> FoldAsync<TState>(string streamKey, TState initial, Func<TState, LoggedEvent, TState> apply,
        EventSnapshot<TState>? snapshot = null, DateTimeOffset? asOf = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(streamKey);
        ArgumentNullException.ThrowIfNull(apply);
        var state = snapshot is null ? initial : snapshot.State;
        var sequence = snapshot?.StreamSequence ?? 0;
        long position = 0;
        var applied = 0;
        var query = new EventLogQuery { StreamKey = streamKey, AfterStreamSequence = snapshot?.StreamSequence, Until = asOf };
        await foreach (var logged in ReadAsync(query, cancellation).ConfigureAwait(false))
        {
            state = apply(state, logged);
            sequence = logged.Record.StreamSequence ?? sequence;
            position = logged.Position;
            applied++;
        }

        return new EventFold<TState>(state, sequence, position, applied);
    }
}

/// <summary>A state saved after applying a stream up to <paramref name="StreamSequence"/>, to fold on from.</summary>
/// <param name="State">The state.</param>
/// <param name="StreamSequence">The last stream sequence the state includes.</param>
public sealed record EventSnapshot<TState>(TState State, long StreamSequence);

/// <summary>The result of <see cref="EventLogReader.FoldAsync{TState}"/>.</summary>
/// <param name="State">The folded state.</param>
/// <param name="StreamSequence">The last stream sequence applied (or the snapshot's); store it with a snapshot of <paramref name="State"/>.</param>
/// <param name="Position">The global position of the last event applied (0 if none was read).</param>
/// <param name="EventsApplied">How many events were read and applied (after the snapshot).</param>
public sealed record EventFold<TState>(TState State, long StreamSequence, long Position, int EventsApplied)
{
    /// <summary>A snapshot of this result, to pass to a later fold.</summary>
    public EventSnapshot<TState> ToSnapshot() => new(State, StreamSequence);
}
