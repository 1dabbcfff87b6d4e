using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Contracts.Storage.Postgres.Transport;

/// <summary>
/// One <c>LISTEN</c> connection per process for all queues of a transport schema: a notification's payload is the
/// queue name, and wakes that queue's listeners. Notifications are only a shortcut: a broken connection is reopened
/// with a back-off, and the listeners' polling delivers whatever a lost notification would have announced.
/// </summary>
internal sealed class QueueNotifications : IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly string _channel;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Wakeup, byte>> _subscribers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public QueueNotifications(PostgresDatabase database, string channel, ILogger logger)
    {
        _database = database;
        _channel = channel;
        _logger = logger;
    }

    /// <summary>Set once the <c>LISTEN</c> is in place (tests wait for it before relying on a wake-up).</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Subscribe(string queue, Wakeup wakeup)
    {
        _subscribers.GetOrAdd(queue, _ => new ConcurrentDictionary<Wakeup, byte>())[wakeup] = 0;
        lock (_stopping)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _loop ??= Task.Run(ListenAsync);
            }
        }
    }

    public void Unsubscribe(string queue, Wakeup wakeup)
    {
        if (_subscribers.TryGetValue(queue, out var wakeups))
        {
            wakeups.TryRemove(wakeup, out _);
        }
    }

    private void Notify(string queue)
    {
        if (_subscribers.TryGetValue(queue, out var wakeups))
        {
            foreach (var wakeup in wakeups.Keys)
            {
                wakeup.Set();
            }
        }
    }

    private async Task ListenAsync()
    {
        var failures = 0;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _database.DataSource.OpenConnectionAsync(_stopping.Token).ConfigureAwait(false);
                connection.Notification += (_, e) => Notify(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\";", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stopping.Token).ConfigureAwait(false);
                }

                Listening.TrySetResult();
                failures = 0;
                // Whatever was sent while the connection was down: let every listener look now.
                foreach (var queue in _subscribers.Keys)
                {
                    Notify(queue);
                }

                while (!_stopping.IsCancellationRequested)
                {
                    // A timed wait, then a round trip: a connection that died silently is noticed within a minute.
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), _stopping.Token).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                        await ping.ExecuteScalarAsync(_stopping.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                _logger.LogWarning(e, "The LISTEN connection of the PostgreSQL transport ({Where}) failed; reconnecting (attempt {Attempt}). Listeners keep polling meanwhile.", _database.Where, failures);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6)))), _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_stopping)
        {
            if (_stopping.IsCancellationRequested)
            {
                return; // Wolverine disposes its transports more than once
            }

            _stopping.Cancel();
            loop = _loop;
        }

        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
    }
}

/// <summary>An auto-reset signal for a poll loop: set by notifications and completions, awaited with the polling interval as timeout.</summary>
internal sealed class Wakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already set by someone else in the meantime.
        }
    }

    /// <summary>True when set before the timeout.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => _signal.WaitAsync(timeout, cancellation);
}
