using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Contracts.Cli.Check;
using Contracts.Wolverine;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;

namespace Contracts.Cli.Operations
{
    /// <summary>
    /// <c>contracts replay</c>: records a replay request for one subscription in the service's store and follows its
    /// progress. The projection code lives in the service, so the service's subscription agent executes the request;
    /// the CLI never applies events itself.
    /// </summary>
    internal static class ReplayCommand
    {
        public const string Details = @"The projection's code runs inside the service that registers the subscription (AddSubscription).
The CLI records the request in the service's store (contracts_subscriptions); the service's subscription
agent picks it up within its polling interval, resets the projection (ResetAsync), moves the checkpoint
back to --from and re-applies the log through the upcasters. Sends and publishes of the projection are
suppressed for events it had applied before, unless --side-effects. The CLI shows the agent's progress
and a summary. With --to the subscription pauses at that position; a new replay resumes it.

--dry-run reads the range and prints what would be replayed, per subject and version; it changes nothing
and needs no running service.

Exit codes: 0 replayed (or dry run), 1 the replay failed or no service picked it up in --timeout,
2 usage or input error.

Examples:
  contracts replay --subscription balances --connection ""Data Source=shop.db""
  contracts replay --subscription balances -c shop.db --since 2025-03-04T00:00:00Z --dry-run
  contracts replay --subscription balances -c shop.db --from 1 --to 5000";

        public static Command Create(TextWriter output, TextWriter error)
        {
            var store = new StoreOptions();
            var subscription = new Option<string>("--subscription", "-s") { Description = "The subscription (projection) to replay into.", Required = true };
            var from = new Option<long?>("--from") { Description = "First position to replay (default 1, the beginning)." };
            var since = new Option<string?>("--since") { Description = "Replay from the first event recorded at or after this time (ISO 8601)." };
            var to = new Option<string?>("--to") { Description = "Last position, or a time (ISO 8601); the subscription pauses there." };
            var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be replayed; change nothing." };
            var sideEffects = new Option<bool>("--side-effects") { Description = "Let the projection's sends and publishes out during the replay." };
            var noWait = new Option<bool>("--no-wait") { Description = "Record the request and return without following it." };
            var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the service to pick the request up.", DefaultValueFactory = _ => 60 };
            var command = new Command("replay", "Replay the event log into one named subscription of a running service.")
            {
                subscription, from, since, to, dryRun, sideEffects, noWait, timeout,
            };
            store.AddTo(command);
            command.SetAction(parsed => CommonOptions.Guard(error, () =>
            {
                if (parsed.GetValue(from) is not null && parsed.GetValue(since) is not null)
                {
                    throw new InputError("give --from or --since, not both.");
                }

                return store.Use(parsed, opened => Run(opened, new Request(
                    parsed.GetValue(subscription)!, parsed.GetValue(from), parsed.GetValue(since), parsed.GetValue(to),
                    parsed.GetValue(dryRun), parsed.GetValue(sideEffects), parsed.GetValue(noWait), parsed.GetValue(timeout)), output, error));
            }));
            return command;
        }

        private sealed record Request(string Subscription, long? From, string? Since, string? To, bool DryRun, bool SideEffects, bool NoWait, int TimeoutSeconds);

        private static int Run(IStoreOperations store, Request request, TextWriter output, TextWriter error)
        {
            var log = store.EventLog;
            var from = request.From ?? (request.Since is null ? 1 : log.PositionAtAsync(StoreConnection.ParseTime(request.Since, "--since").AddTicks(-1)).GetAwaiter().GetResult() + 1);
            long? to = request.To is null ? null
                : long.TryParse(request.To, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position
                : log.PositionAtAsync(StoreConnection.ParseTime(request.To, "--to")).GetAwaiter().GetResult();
            if (from < 1)
            {
                throw new InputError($"--from must be 1 or more, not {from}.");
            }

            if (to < from)
            {
                throw new InputError($"the range is empty: --to ({to}) is before the start ({from}).");
            }

            var state = store.Subscriptions.LoadAsync(request.Subscription).GetAwaiter().GetResult();
            if (state is null)
            {
                var known = string.Join(", ", store.Subscriptions.ListAsync().GetAwaiter().GetResult().Select(s => s.Name));
                throw new InputError($"no subscription named '{request.Subscription}' in '{store.Location}' (known: {(known.Length == 0 ? "none; a subscription is registered when the service that runs it starts" : known)}).");
            }

            if (request.DryRun)
            {
                return DryRun(log, request.Subscription, state, from, to, output);
            }

            store.Subscriptions.RequestReplayAsync(request.Subscription, new ReplayRequest(from, to, request.SideEffects)).GetAwaiter().GetResult();
            output.WriteLine($"Replay of '{request.Subscription}' from position {from}{(to is null ? " to the head" : $" to {to}")} requested in '{store.Location}'" +
                             $" (side effects {(request.SideEffects ? "ON" : "suppressed")}).");
            return request.NoWait ? ContractsCli.Success : Follow(store, request, output, error);
        }

        private static int DryRun(IEventLogStore log, string name, SubscriptionState state, long from, long? to, TextWriter output)
        {
            long read = 0;
            var counts = new System.Collections.Generic.SortedDictionary<string, long>(StringComparer.Ordinal);
            var query = new EventLogQuery { AfterPosition = from - 1, ToPosition = to, PageSize = 5000 };
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var page = log.ReadPageAsync(query).GetAwaiter().GetResult();
                foreach (var row in page)
                {
                    var key = $"{row.Subject} v{row.Version}";
                    counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
                }

                read += page.Count;
                if (page.Count < query.PageSize)
                {
                    break;
                }

                query = query with { AfterPosition = page[^1].Position };
            }

            output.WriteLine($"Dry run: would replay {read} event{(read == 1 ? "" : "s")} into '{name}' (checkpoint now {state.Position}), positions {from}..{(to?.ToString(CultureInfo.InvariantCulture) ?? "head")}:");
            foreach (var (subject, count) in counts)
            {
                output.WriteLine($"  {subject}: {count}");
            }

            output.WriteLine($"read {read} in {clock.Elapsed.TotalSeconds:0.00} s; nothing was changed.");
            return ContractsCli.Success;
        }

        private static int Follow(IStoreOperations store, Request request, TextWriter output, TextWriter error)
        {
            var clock = Stopwatch.StartNew();
            var lastLine = "";
            while (true)
            {
                var state = store.Subscriptions.LoadAsync(request.Subscription).GetAwaiter().GetResult()!;
                var replay = state.Replay!;
                if (replay.State == ReplayState.Requested && clock.Elapsed > TimeSpan.FromSeconds(request.TimeoutSeconds))
                {
                    error.WriteLine($"error: no running service picked up the replay of '{request.Subscription}' within {request.TimeoutSeconds} s. " +
                                    "The request stays recorded: the service that registers this subscription executes it when it runs.");
                    return ContractsCli.CheckFailed;
                }

                if (replay.State is ReplayState.Running or ReplayState.Done or ReplayState.Failed)
                {
                    var line = $"  position {state.Position}: read {replay.Read}, applied {replay.Applied}, skipped {replay.Skipped}";
                    if (line != lastLine)
                    {
                        output.WriteLine(line);
                        lastLine = line;
                    }
                }

                if (replay.State == ReplayState.Failed)
                {
                    error.WriteLine($"error: the replay of '{request.Subscription}' failed at position {state.Position}: {replay.Error}");
                    return ContractsCli.CheckFailed;
                }

                if (replay.State == ReplayState.Done)
                {
                    var seconds = (replay.FinishedAt - replay.StartedAt)?.TotalSeconds ?? 0;
                    var rate = seconds > 0 ? replay.Read / seconds : replay.Read;
                    output.WriteLine($"Replayed '{request.Subscription}': read {replay.Read}, applied {replay.Applied}, skipped {replay.Skipped} " +
                                     $"in {seconds:0.00} s ({rate:0} events/s); checkpoint {state.Position}, subscription {state.Status}.");
                    return ContractsCli.Success;
                }

                Thread.Sleep(200);
            }
        }
    }
}
