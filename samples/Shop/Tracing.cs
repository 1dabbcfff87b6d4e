using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Shop;

/// <summary>
/// Records the spans of the <c>Contracts</c> activity source (producer <c>publish</c>, consumer <c>process</c> spans
/// that UseContracts starts) and of Wolverine's own, with an <see cref="ActivityListener"/>.
/// </summary>
public sealed class TraceRecorder : IDisposable
{
    public static readonly ActivitySource Source = new("Shop");
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public TraceRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Contracts" or "Wolverine" or "Shop",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spans.Enqueue(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Spans => _spans.ToArray();

    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => Spans.Where(s => s.TraceId == traceId).OrderBy(s => s.StartTimeUtc).ToList();

    /// <summary>Writes the spans as JSON lines, one span a line.</summary>
    public static async Task WriteAsync(string path, IEnumerable<Activity> spans)
    {
        await using var writer = new StreamWriter(path, append: false);
        foreach (var s in spans)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(new
            {
                traceId = s.TraceId.ToHexString(),
                spanId = s.SpanId.ToHexString(),
                parentSpanId = s.ParentSpanId == default ? null : s.ParentSpanId.ToHexString(),
                source = s.Source.Name,
                name = s.DisplayName,
                kind = s.Kind.ToString(),
                start = s.StartTimeUtc.ToString("O"),
                durationMs = Math.Round(s.Duration.TotalMilliseconds, 3),
                status = s.Status.ToString(),
                tags = s.TagObjects.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!.ToString()),
            }));
        }
    }

    /// <summary>
    /// Producer→consumer links of the Contracts source in one trace: each consumer <c>process</c> span whose parent is a
    /// producer <c>publish</c> span of the same trace.
    /// </summary>
    public static (int Consumers, int Linked) Links(IReadOnlyList<Activity> trace)
    {
        var producers = trace.Where(s => s.Source.Name == "Contracts" && s.Kind == ActivityKind.Producer).Select(s => s.SpanId).ToHashSet();
        var consumers = trace.Where(s => s.Source.Name == "Contracts" && s.Kind == ActivityKind.Consumer).ToList();
        return (consumers.Count, consumers.Count(c => producers.Contains(c.ParentSpanId)));
    }

    public void Dispose() => _listener.Dispose();
}
