using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Shop;

/// <summary>One finished span, as written to the trace file (one JSON object a line).</summary>
public sealed record Span(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Source,
    string Name,
    string Kind,
    DateTime Start,
    double DurationMs,
    string Status,
    Dictionary<string, string> Tags,
    int Node)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Span From(Activity s, int node) => new(
        s.TraceId.ToHexString(),
        s.SpanId.ToHexString(),
        s.ParentSpanId == default ? null : s.ParentSpanId.ToHexString(),
        s.Source.Name,
        s.DisplayName,
        s.Kind.ToString(),
        s.StartTimeUtc,
        Math.Round(s.Duration.TotalMilliseconds, 3),
        s.Status.ToString(),
        s.TagObjects.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!.ToString()!),
        node);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Span? FromJson(string line) => JsonSerializer.Deserialize<Span>(line, Json);
}

/// <summary>
/// Records the spans of the <c>Contracts</c> activity source (producer <c>publish</c>, consumer <c>process</c> spans
/// that UseContracts starts) and of Wolverine's own, with an <see cref="ActivityListener"/>. With --nodes, the other
/// nodes' spans are added from the files they write when they stop.
/// </summary>
public sealed class TraceRecorder : IDisposable
{
    public static readonly ActivitySource Source = new("Shop");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Span> _spans = new();

    public TraceRecorder(int node = 1)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Contracts" or "Wolverine" or "Shop",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spans.Enqueue(Span.From(activity, node)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Span> Spans => _spans.ToArray();

    /// <summary>Adds spans recorded by another node.</summary>
    public async Task AddFromFileAsync(string path)
    {
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            if (Span.FromJson(line) is { } span) _spans.Enqueue(span);
        }
    }

    public IReadOnlyList<Span> Trace(ActivityTraceId traceId)
    {
        var id = traceId.ToHexString();
        return Spans.Where(s => s.TraceId == id).OrderBy(s => s.Start).ToList();
    }

    /// <summary>Writes the spans as JSON lines, one span a line.</summary>
    public static async Task WriteAsync(string path, IEnumerable<Span> spans)
        => await File.WriteAllLinesAsync(path, spans.Select(s => s.ToJson()));

    /// <summary>
    /// Producer→consumer links of the Contracts source in one trace: each consumer <c>process</c> span whose parent is a
    /// producer <c>publish</c> span of the same trace.
    /// </summary>
    public static (int Consumers, int Linked) Links(IReadOnlyList<Span> trace)
    {
        var producers = trace.Where(s => s.Source == "Contracts" && s.Kind == nameof(ActivityKind.Producer)).Select(s => s.SpanId).ToHashSet();
        var consumers = trace.Where(s => s.Source == "Contracts" && s.Kind == nameof(ActivityKind.Consumer)).ToList();
        return (consumers.Count, consumers.Count(c => c.ParentSpanId is not null && producers.Contains(c.ParentSpanId)));
    }

    public void Dispose() => _listener.Dispose();
}
