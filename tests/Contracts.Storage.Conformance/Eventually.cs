using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Contracts.Storage.Conformance;

/// <summary>Waits for a condition by polling it (never a blind sleep); fails with what was awaited.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string waitingFor, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for: {waitingFor}");
            }

            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string waitingFor, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), waitingFor, timeout);
}
