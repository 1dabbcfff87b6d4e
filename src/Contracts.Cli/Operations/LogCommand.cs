using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Contracts.Cli.Check;
using Contracts.Wolverine.EventLog;

namespace Contracts.Cli.Operations
{
    /// <summary><c>contracts log tail|stats</c>: read the event log of a service's store.</summary>
    internal static class LogCommand
    {
        public static Command Create(TextWriter output, TextWriter error)
        {
            var store = new StoreOptions();
            var count = new Option<int>("--count", "-n") { Description = "How many of the newest events to show.", DefaultValueFactory = _ => 20 };
            var stream = new Option<string?>("--stream") { Description = "Only this stream (partition key value)." };
            var tail = store.AddTo(new Command("tail", "Show the newest events: position, time, stream and sequence, subject and version, payload size.") { count, stream });
            tail.SetAction(parsed => CommonOptions.Guard(error, () =>
                store.Use(parsed, opened => Tail(opened.EventLog, parsed.GetValue(count), parsed.GetValue(stream), output))));

            var statsStore = new StoreOptions();
            var stats = statsStore.AddTo(new Command("stats", "Count the events per subject and version, streams, first and last time."));
            stats.SetAction(parsed => CommonOptions.Guard(error, () =>
                statsStore.Use(parsed, opened => Stats(opened.EventLog, output))));

            return new Command("log", "Read the event log of a service's store.") { tail, stats };
        }

        private static int Tail(IEventLogStore log, int count, string? stream, TextWriter output)
        {
            if (count < 1)
            {
                throw new InputError($"--count must be at least 1, not {count}.");
            }

            var head = log.StatsAsync().GetAwaiter().GetResult().Head;
            var rows = stream is null
                ? log.ReadPageAsync(new EventLogQuery { AfterPosition = Math.Max(0, head - count), PageSize = count }).GetAwaiter().GetResult()
                : LastOfStream(log, stream, count);
            output.WriteLine($"{"position",10}  {"recorded at (UTC)",-24}  {"stream",-24}  {"seq",6}  subject");
            foreach (var row in rows)
            {
                output.WriteLine($"{row.Position,10}  {StoreConnection.Time(row.RecordedAt),-24}  {row.StreamKey ?? "-",-24}  {row.StreamSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",6}  {row.Subject} v{row.Version} ({row.Format}, {row.Payload.Length} bytes)");
            }

            output.WriteLine(rows.Count == 0 ? "The event log is empty." : $"{rows.Count} event{(rows.Count == 1 ? "" : "s")} shown; head is position {head}.");
            return ContractsCli.Success;
        }

        private static System.Collections.Generic.IReadOnlyList<EventLogRecord> LastOfStream(IEventLogStore log, string stream, int count)
        {
            var all = new System.Collections.Generic.List<EventLogRecord>();
            var query = new EventLogQuery { StreamKey = stream, PageSize = 1000 };
            while (true)
            {
                var page = log.ReadPageAsync(query).GetAwaiter().GetResult();
                all.AddRange(page);
                if (page.Count < query.PageSize)
                {
                    return all.Skip(Math.Max(0, all.Count - count)).ToList();
                }

                query = query with { AfterPosition = page[^1].Position };
            }
        }

        private static int Stats(IEventLogStore log, TextWriter output)
        {
            var stats = log.StatsAsync().GetAwaiter().GetResult();
            output.WriteLine($"events: {stats.Events}  head: {stats.Head}  streams: {stats.Streams}  first: {StoreConnection.Time(stats.First)}  last: {StoreConnection.Time(stats.Last)}");
            foreach (var subject in stats.BySubject)
            {
                output.WriteLine($"  {subject.Subject} v{subject.Version} ({subject.Format}): {subject.Events}");
            }

            return ContractsCli.Success;
        }
    }
}
