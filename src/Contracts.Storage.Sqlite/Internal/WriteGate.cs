using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// One writer at a time inside this process. SQLite allows one write transaction per file anyway; a second writer
/// waiting in SQLite's busy handler sleeps in growing steps (up to 100 ms), which wrecks throughput. Waiting here
/// instead hands the file over the moment it is free. Other processes are still kept out by SQLite's own lock and
/// the busy timeout.
/// </summary>
internal sealed class WriteGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private long _lastOutboxExit;

    public Task EnterAsync(CancellationToken cancellation = default) => _semaphore.WaitAsync(cancellation);

    public void Exit() => _semaphore.Release();

    /// <summary>
    /// An application outbox transaction's release, which happens once however often it is called (commit, then
    /// dispose), and is remembered (<see cref="OutboxExitedWithin"/>).
    /// </summary>
    public Action ExitOnce()
    {
        var released = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Volatile.Write(ref _lastOutboxExit, Stopwatch.GetTimestamp());
                Exit();
            }
        };
    }

    /// <summary>Whether an application outbox transaction released the gate less than <paramref name="time"/> ago.</summary>
    public bool OutboxExitedWithin(TimeSpan time)
    {
        var last = Volatile.Read(ref _lastOutboxExit);
        return last != 0 && Stopwatch.GetElapsedTime(last) < time;
    }
}
