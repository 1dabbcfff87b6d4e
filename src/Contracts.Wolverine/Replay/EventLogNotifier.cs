using System;
using System.Threading;
using System.Threading.Tasks;

namespace Contracts.Wolverine.Replay;

/// <summary>
/// Wakes the subscription agents of this process when a commit appended events, so that live subscriptions follow
/// within milliseconds; they still poll (other processes, such as the CLI, write too).
/// </summary>
public sealed class EventLogNotifier
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Signals every waiter.</summary>
    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for the next <see cref="Notify"/> or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var next = Volatile.Read(ref _next).Task;
        try
        {
            await next.WaitAsync(timeout, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // polling interval elapsed
        }
    }
}
