using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Contracts;

namespace Shop;

/// <summary>One line of the scenario's timeline: which service handled which contract version on which node, and what came of it.</summary>
public sealed record TimelineEntry(TimeSpan At, string Service, string Message, int Version, string Outcome, int Node = 1);

/// <summary>
/// Collects what the services did, in order, for the printed timeline. With --nodes, each other node's timeline
/// reaches the first node as lines on its standard output (<see cref="ForwardLine"/>, <see cref="TryAddForwarded"/>).
/// </summary>
public sealed class Timeline(int node = 1, Action<string>? forward = null)
{
    private const string ForwardPrefix = "timeline ";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentQueue<TimelineEntry> _entries = new();
    private DateTime _startUtc = DateTime.UtcNow;
    private Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Starts the clock again (once the host is up, so the timeline shows message times, not start-up).</summary>
    public void Restart()
    {
        _startUtc = DateTime.UtcNow;
        _clock = Stopwatch.StartNew();
    }

    public void Record<T>(string service, string outcome) where T : IContract
        => Record(service, T.ContractInfo.Subject, T.ContractInfo.Version, outcome);

    public void Record(string service, string message, int version, string outcome)
    {
        if (forward is not null)
        {
            forward(ForwardPrefix + JsonSerializer.Serialize(new Forwarded(DateTime.UtcNow, service, message, version, outcome, node), Json));
            return;
        }
        _entries.Enqueue(new TimelineEntry(_clock.Elapsed, service, message, version, outcome, node));
    }

    /// <summary>Adds an entry another node forwarded, if <paramref name="line"/> is one; its time is placed on this timeline's clock.</summary>
    public bool TryAddForwarded(string line)
    {
        if (!line.StartsWith(ForwardPrefix, StringComparison.Ordinal)) return false;
        var f = JsonSerializer.Deserialize<Forwarded>(line.AsSpan(ForwardPrefix.Length), Json);
        if (f is null) return false;
        _entries.Enqueue(new TimelineEntry(f.At - _startUtc, f.Service, f.Message, f.Version, f.Outcome, f.Node));
        return true;
    }

    public IReadOnlyList<TimelineEntry> Entries => _entries.OrderBy(e => e.At).ToArray();

    private sealed record Forwarded(DateTime At, string Service, string Message, int Version, string Outcome, int Node);
}
