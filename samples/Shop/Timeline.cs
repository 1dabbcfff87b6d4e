using System.Collections.Concurrent;
using System.Diagnostics;
using Contracts;

namespace Shop;

/// <summary>One line of the scenario's timeline: which service handled which contract version, and what came of it.</summary>
public sealed record TimelineEntry(TimeSpan At, string Service, string Message, int Version, string Outcome);

/// <summary>Collects what the services did, in order, for the printed timeline.</summary>
public sealed class Timeline
{
    private Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts the clock again (once the host is up, so the timeline shows message times, not start-up).</summary>
    public void Restart() => _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<TimelineEntry> _entries = new();

    public void Record<T>(string service, string outcome) where T : IContract
        => Record(service, T.ContractInfo.Subject, T.ContractInfo.Version, outcome);

    public void Record(string service, string message, int version, string outcome)
        => _entries.Enqueue(new TimelineEntry(_clock.Elapsed, service, message, version, outcome));

    public IReadOnlyList<TimelineEntry> Entries => _entries.ToArray();
}
