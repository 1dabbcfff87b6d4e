namespace Shop;

/// <summary>Shows in the timeline each message UseContracts skipped as a duplicate (the <c>contracts.messages.duplicates</c> counter).</summary>
public sealed class DuplicateWatcher : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();

    public static DuplicateWatcher Start(Timeline timeline)
    {
        var watcher = new DuplicateWatcher();
        watcher._listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Contracts" && instrument.Name == "contracts.messages.duplicates") listener.EnableMeasurementEvents(instrument);
        };
        watcher._listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? subject = null;
            foreach (var tag in tags) if (tag.Key == "contracts.subject") subject = tag.Value?.ToString();
            timeline.Record("Contracts", subject ?? "?", 0, "duplicate ignored: its idempotency key was claimed by an earlier message; the handler did not run");
        });
        watcher._listener.Start();
        return watcher;
    }

    public void Dispose() => _listener.Dispose();
}
