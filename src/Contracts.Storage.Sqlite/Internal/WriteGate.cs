using System;
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

    public Task EnterAsync(CancellationToken cancellation = default) => _semaphore.WaitAsync(cancellation);

    public void Exit() => _semaphore.Release();

    /// <summary>A release that happens once, however often it is called (commit, then dispose).</summary>
    public Action ExitOnce()
    {
        var released = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                Exit();
            }
        };
    }
}
