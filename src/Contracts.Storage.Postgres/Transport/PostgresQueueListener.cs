using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;
using Wolverine.Transports;

namespace Contracts.Storage.Postgres.Transport;

/// <summary>
/// One competing consumer of a queue. Its loop claims the claimable rows (the head of each group, plus ungrouped rows)
/// under a lease, hands them to Wolverine's receiver, and sleeps until a notification, a completion, or the polling
/// interval. While a message is in its hands it renews the lease; when Wolverine completes the message it deletes the
/// row (a durable listener parks a grouped row until its inbox has handled the message, so the group stays in order);
/// a deferred message is released for any consumer. A consumer that dies stops renewing: its rows come back when
/// their leases run out.
/// </summary>
internal sealed class PostgresQueueListener : IListener
{
    private readonly PostgresQueue _queue;
    private readonly IReceiver _receiver;
    private readonly ILogger _logger;
    private readonly Guid _consumer = Guid.NewGuid();
    private readonly ConcurrentDictionary<Guid, string?> _held = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly Wakeup _wakeup = new();
    private readonly TimeSpan _polling;
    private readonly TimeSpan _lease;
    private readonly bool _parksForInbox;
    private readonly string? _reapSql;
    private Task? _loop;
    private Task? _renewal;
    private int _disposed;

    public PostgresQueueListener(PostgresQueue queue, IWolverineRuntime runtime, IReceiver receiver)
    {
        _queue = queue;
        _receiver = receiver;
        _logger = runtime.LoggerFactory.CreateLogger<PostgresQueueListener>();
        Address = queue.Uri;
        var options = queue.Transport.Options;
        _polling = queue.PollingInterval ?? options.PollingInterval;
        _lease = options.LeaseDuration;
        var inbox = queue.Transport.SameDatabaseStore;
        _parksForInbox = queue.Mode == EndpointMode.Durable && inbox is not null;
        // Any listener tidies parked rows whose message its service's inbox has handled (only one service should listen
        // to a queue); without the store in this database nothing is ever parked.
        _reapSql = inbox is null ? null : queue.Table.ReapSql(inbox.Incoming);
    }

    public Uri Address { get; }

    public IHandlerPipeline? Pipeline => _receiver.Pipeline;

    private PostgresTransport Transport => _queue.Transport;

    private QueueTable Table => _queue.Table;

    public void Start()
    {
        Transport.Notifications?.Subscribe(_queue.QueueName, _wakeup);
        _loop = Task.Run(ClaimLoopAsync);
        _renewal = Task.Run(RenewLoopAsync);
    }

    private async Task ClaimLoopAsync()
    {
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var parked = _reapSql is null ? 0 : await ReapAsync().ConfigureAwait(false);
                var room = Math.Max(0, _queue.MaximumInFlight - _held.Count);
                var claimed = room == 0 ? 0 : await ClaimAsync(Math.Min(room, _queue.ClaimBatchSize)).ConfigureAwait(false);
                failures = 0;
                if (claimed > 0 && claimed == Math.Min(room, _queue.ClaimBatchSize))
                {
                    continue; // a full batch: there may be more right away
                }

                // Parked rows hold back later messages of their groups until the inbox handles them, which sends no
                // notification: look again soon while any are parked.
                wait = parked > 0 ? TimeSpan.FromMilliseconds(Math.Min(50, _polling.TotalMilliseconds)) : _polling;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                _logger.LogError(e, "Claiming messages from PostgreSQL queue {Queue} failed (attempt {Attempt}); trying again", _queue.QueueName, failures);
                wait = TimeSpan.FromMilliseconds(Math.Min(_polling.TotalMilliseconds * failures, 10_000));
            }

            try
            {
                await _wakeup.WaitAsync(wait, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> ReapAsync()
    {
        var (gone, parked) = await Transport.Database.RunAsync(async (connection, _, token) =>
        {
            await using var command = new NpgsqlCommand(_reapSql, connection);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            await reader.ReadAsync(token).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }, $"removing handled messages of queue '{_queue.QueueName}'", _stopping.Token).ConfigureAwait(false);
        if (gone > 0)
        {
            // Their groups' next messages are claimable now, by any consumer.
            await NotifyAsync().ConfigureAwait(false);
        }

        return (int)(parked - gone);
    }

    private async Task<int> ClaimAsync(int limit)
    {
        var rows = await Transport.Database.RunAsync(async (connection, _, token) =>
        {
            await using var command = new NpgsqlCommand(Table.ClaimSql, connection);
            command.Parameters.AddWithValue("lease", _lease);
            command.Parameters.AddWithValue("consumer", _consumer);
            command.Parameters.AddWithValue("limit", limit);
            var claimed = new List<(Guid Id, string? Group, byte[] Body, long Seq)>();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                claimed.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetInt64(3)));
            }

            return claimed;
        }, $"claiming messages from queue '{_queue.QueueName}'", _stopping.Token).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        var envelopes = new List<Envelope>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.Seq))
        {
            Envelope envelope;
            try
            {
                envelope = EnvelopeSerializer.Deserialize(row.Body);
            }
            catch (Exception e)
            {
                await QuarantineAsync(row.Id, e).ConfigureAwait(false);
                continue;
            }

            _held[row.Id] = row.Group;
            envelopes.Add(envelope);
        }

        if (envelopes.Count > 0)
        {
            try
            {
                await _receiver.ReceivedAsync(this, envelopes.ToArray()).ConfigureAwait(false);
            }
            catch
            {
                // The receiver refused the batch (draining, shutting down): give the rows back rather than renew them forever.
                var refused = envelopes.Select(e => e.Id).Where(id => _held.TryRemove(id, out _)).ToArray();
                await ReleaseAsync(refused).ConfigureAwait(false);
                throw;
            }
        }

        return rows.Count;
    }

    /// <summary>A row that is not an envelope stays in the table, invisible, for an operator: never dropped silently.</summary>
    private async Task QuarantineAsync(Guid id, Exception e)
    {
        _logger.LogError(e, "Row {Id} of PostgreSQL queue table {Table} is not a readable Wolverine envelope; it is set aside (available_at = 'infinity') for inspection", id, Table.Name);
        await ExecuteAsync(Table.QuarantineSql, "id", id, "setting aside an unreadable message").ConfigureAwait(false);
    }

    private async Task RenewLoopAsync()
    {
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, _lease.Ticks / 3));
        while (!_disposing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _disposing.Token).ConfigureAwait(false);
                var ids = _held.Keys.ToArray();
                if (ids.Length == 0)
                {
                    continue;
                }

                await Transport.Database.RunAsync(async (connection, token) =>
                {
                    await using var command = new NpgsqlCommand(Table.RenewSql, connection);
                    command.Parameters.AddWithValue("lease", _lease);
                    command.Parameters.AddWithValue("ids", ids);
                    command.Parameters.AddWithValue("consumer", _consumer);
                    await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }, $"renewing the leases of queue '{_queue.QueueName}'", _disposing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Renewing leases on PostgreSQL queue {Queue} failed; the messages may be delivered again elsewhere", _queue.QueueName);
            }
        }
    }

    /// <summary>
    /// Wolverine is done with the message: handled (buffered, inline) or safely in the durable inbox. A grouped message in
    /// the inbox stays parked so its group's next message waits for it; any other row goes.
    /// </summary>
    public async ValueTask CompleteAsync(Envelope envelope)
    {
        var known = _held.TryRemove(envelope.Id, out var group);
        group ??= envelope.GroupId;
        if (_parksForInbox && group is not null)
        {
            await ExecuteAsync(Table.ParkForInboxSql, "id", envelope.Id, $"parking message {envelope.Id} until the inbox has handled it").ConfigureAwait(false);
        }
        else
        {
            await ExecuteAsync(Table.DeleteSql, "id", envelope.Id, $"removing handled message {envelope.Id}").ConfigureAwait(false);
            if (group is not null)
            {
                await NotifyAsync().ConfigureAwait(false);
            }
        }

        if (known)
        {
            _wakeup.Set(); // room for more, and maybe the group's next message
        }
    }

    /// <summary>Gives the message back to the queue (keeping its place in its group) for any consumer.</summary>
    public async ValueTask DeferAsync(Envelope envelope)
    {
        _held.TryRemove(envelope.Id, out _);
        await ReleaseAsync(new[] { envelope.Id }).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(Guid[] ids)
    {
        await Transport.Database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(Table.ReleaseSql, connection);
            command.Parameters.AddWithValue("ids", ids);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"releasing messages of queue '{_queue.QueueName}'").ConfigureAwait(false);
        await NotifyAsync().ConfigureAwait(false);
    }

    private Task NotifyAsync() =>
        Transport.Notifications is null
            ? Task.CompletedTask
            : Transport.Database.RunAsync(async (connection, token) =>
            {
                await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @queue);", connection);
                command.Parameters.AddWithValue("channel", Transport.Channel);
                command.Parameters.AddWithValue("queue", _queue.QueueName);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }, $"notifying the listeners of queue '{_queue.QueueName}'");

    private Task ExecuteAsync(string sql, string name, Guid id, string doing) =>
        Transport.Database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue(name, id);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"{doing} in queue '{_queue.QueueName}'");

    /// <summary>Stops claiming; messages already claimed are still completed (and their leases renewed) until disposal.</summary>
    public async ValueTask StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Transport.Notifications?.Unsubscribe(_queue.QueueName, _wakeup);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    /// <summary>Stops, then gives back whatever was claimed and not completed, so another consumer need not wait for the lease.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        await _disposing.CancelAsync().ConfigureAwait(false);
        if (_renewal is not null)
        {
            await _renewal.ConfigureAwait(false);
        }

        var unfinished = _held.Keys.ToArray();
        if (unfinished.Length > 0)
        {
            try
            {
                await ReleaseAsync(unfinished).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Could not give back {Count} unfinished messages of PostgreSQL queue {Queue}; they return when their leases run out", unfinished.Length, _queue.QueueName);
            }
        }
    }
}
