using System.Diagnostics;
using Contracts;
using Contracts.Storage.Postgres;
using Contracts.Wolverine;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Shop.Contracts.Inventory;
using Shop.Contracts.Payments;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts.Orders;
using Shop.Services;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;
using Wolverine.Transports.Tcp;

namespace Shop;

/// <summary>The scripted scenario: what the sample does, step by step, and what it checks.</summary>
public static class Scenario
{
    private static readonly Guid Alice = Customers.Alice;
    private static readonly Guid Bob = Customers.Bob;
    private static readonly Guid Dave = Customers.Dave;

    public static async Task<int> RunAsync(ShopOptions options)
    {
        await using var storage = await ShopStorage.OpenAsync(options);
        var db = storage.Database;
        var tracePath = options.TracePath ?? Path.Combine(storage.Folder, "shop-trace.jsonl");
        var timeline = new Timeline();
        Current = timeline;
        var templates = new TemplateStore(db);
        var liveRevenue = new RevenueProjection(RevenueProjection.LiveName, timeline);
        var revenue = liveRevenue.Revenue;
        var checks = new List<(string Check, bool Passed)>();
        var facts = new List<string>();
        using var tracing = new TraceRecorder();
        var legacyPort = LegacyProducer.FreePort();

        Console.WriteLine("Contracts sample shop");
        Console.WriteLine($"database: {storage.Description}");
        var topology = options.Processes ? ShopTopology.QueuePerService : options.Nodes > 1 ? ShopTopology.SharedQueue : ShopTopology.OneProcess;
        // What this process runs, and what the others run (--nodes: copies of the whole shop; --processes: a service each).
        var here = topology == ShopTopology.QueuePerService ? Array.Empty<ShopService>() : ShopService.All;
        var others = topology switch
        {
            ShopTopology.SharedQueue => Enumerable.Range(2, options.Nodes - 1).Select(n => new NodeSpec(n, topology, ShopService.All)).ToList(),
            ShopTopology.QueuePerService => ShopService.All.Select((service, i) => new NodeSpec(i + 2, topology, [service], service == ShopService.Orders ? legacyPort : null)).ToList(),
            _ => [],
        };
        string NodeName(int node) => topology == ShopTopology.QueuePerService
            ? node == 1 ? "storefront and Analytics" : others.First(o => o.Node == node).Services[0].Name
            : $"node {node}";
        if (topology == ShopTopology.SharedQueue)
            Console.WriteLine($"nodes: {options.Nodes} processes on that schema, each running every service, consuming the PostgreSQL queue \"{ShopHost.SharedQueue}\"");
        if (topology == ShopTopology.QueuePerService)
            Console.WriteLine($"processes: {string.Join("; ", Enumerable.Range(1, others.Count + 1).Select(n => $"{n} {NodeName(n)}"))} (each service consumes its own PostgreSQL queue " +
                $"and has a message store of its own, schema {storage.Schema}_<service>; the event log in {storage.Schema} is shared)");
        Console.WriteLine();
        Console.WriteLine("Contracts generated from schemas/shop (ContractRegistry.All, registered with UseContracts):");
        foreach (var registration in ContractRegistry.All)
        {
            var info = registration.Info;
            Console.WriteLine($"  {info.Subject,-38} v{info.Version}  {info.Kind,-7}  crc64 {info.Fingerprint:x16}");
        }
        Console.WriteLine();
        Console.WriteLine("""
            How the services coordinate:
              orchestration  OrderSaga (persisted in the message store) drives each order: OrderPlaced → ReserveInventory →
                             InventoryReserved → ChargePayment → PaymentCharged → OrderConfirmed; PaymentFailed or its
                             scheduled PaymentTimeout → ReleaseInventory → OrderCancelled (compensation).
              choreography   Notifications and Analytics react to events on their own; nobody calls them.
              thin events    OrderConfirmed / OrderCancelled name the order only: Notifications looks up what it needs.
              fat events     OrderPlaced carries the order's state (lines, total, currency): Analytics never calls Orders.
            """);

        using var host = await ShopHost.StartAsync(storage, timeline, topology, here, opts =>
        {
            if (here.Contains(ShopService.Orders)) opts.ListenAtPort(legacyPort).UseDurableInbox();   // where the old storefront publishes (TCP)
            // Analytics follows the event log live as a named subscription (choreography: nobody calls it).
            opts.AddSubscription(liveRevenue, s => s.PollingInterval = 200.Milliseconds());
        });
        // The other processes start now (the schema exists) and take their share of the work from the first order on.
        await using var nodes = others.Count > 0 ? await Nodes.StartAsync(others, storage, timeline) : null;

        var store = host.Services.GetRequiredService<IWolverineRuntime>().Storage;
        // A dead letter stays with the service that failed the message. With --processes that is Notifications' own
        // store, opened here as an operator's tool would (contracts dlq … --schema … --shared-schema …).
        await using var notificationsStore = topology == ShopTopology.QueuePerService
            ? await PostgresStoreOperations.OpenAsync(storage.ConnectionString, storage.StoreSchemaOf(ShopService.Notifications.Name), storage.Schema)
            : null;
        var deadLetterStore = notificationsStore?.DeadLetters ?? store.DeadLetters;
        async Task<int> DeadLetterCount() => (await deadLetterStore.QueryAsync(new DeadLetterEnvelopeQuery(), CancellationToken.None)).TotalCount;
        var log = host.Services.GetRequiredService<EventLogReader>();
        timeline.Restart();
        IMessageBus Bus() => host.Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
        // The storefront publishes through the outbox: in a transaction, so the event is appended to the event log too.
        async Task Publish(object message)
        {
            var bus = Bus();
            await using var tx = await bus.BeginOutboxTransactionAsync();
            await bus.PublishAsync(message);
            await tx.CommitAsync();
        }
        using var duplicates = DuplicateWatcher.Start(timeline);
        Task<string> StateOf(Guid orderId, DateTimeOffset? asOf = null) => OrderState.OfAsync(log, orderId, asOf);

        // 1. Three orders, run by the OrderSaga. Alice's goes through; Bob's card is declined and the saga compensates;
        //    Dave's payment provider never answers and the saga's scheduled timeout compensates.
        var aliceOrder = Order(Alice, ("KEYBOARD", 1, 49.90m), ("MOUSE", 2, 19.95m));
        var bobOrder = Order(Bob, ("MONITOR", 1, 219.00m));
        var daveOrder = Order(Dave, ("KEYBOARD", 1, 49.90m));
        ActivityTraceId aliceTrace;
        using (var root = TraceRecorder.Source.StartActivity("place order", ActivityKind.Client))
        {
            root?.SetTag("shop.order_id", aliceOrder.OrderId.ToString());
            aliceTrace = root?.TraceId ?? default;
            await Publish(aliceOrder);
        }
        await Publish(bobOrder);
        await Publish(daveOrder);
        await Until(async () => await StateOf(aliceOrder.OrderId) == "confirmed" && (await StateOf(bobOrder.OrderId)).StartsWith("cancelled", StringComparison.Ordinal)
            && await db.CountAsync("SELECT count(*) FROM holds WHERE order_id = @id", ("@id", bobOrder.OrderId.ToString())) == 0, "Alice's and Bob's orders settled");
        checks.Add(("saga: Alice's order is confirmed", await StateOf(aliceOrder.OrderId) == "confirmed"));
        checks.Add(("saga compensation: Bob's declined payment released his stock and cancelled the order",
            await StateOf(bobOrder.OrderId) == "cancelled (PaymentFailed)" && await db.AvailableAsync("MONITOR") == 2));

        // 2. At-least-once delivery: the same OrderPlaced arrives twice. It is applied once.
        var carolOrder = Order(Alice, ("MOUSE", 1, 19.95m));
        await Publish(carolOrder);
        await Publish(carolOrder);
        await Until(async () => await StateOf(carolOrder.OrderId) == "confirmed"
            && timeline.Entries.Any(e => e.Service == "Contracts" && e.Outcome.Contains("duplicate ignored", StringComparison.Ordinal)), "the duplicate delivery settled");
        checks.Add(("a duplicate OrderPlaced was ignored (idempotency key) and changed the order once",
            await db.CountAsync("SELECT count(*) FROM order_lines WHERE order_id = @id", ("@id", carolOrder.OrderId.ToString())) == 1
            && timeline.Entries.Count(e => e.Service == "Orders saga" && e.Outcome.Contains(OrdersHandlers.Short(carolOrder.OrderId) + " (", StringComparison.Ordinal)) == 1));
        checks.Add(("the mouse stock was taken once for it", await db.AvailableAsync("MOUSE") == 7));

        // 3. An old producer still publishes OrderPlaced v1 (no currency, no address): the v2 handlers receive it upcast
        //    by the generated upcaster. And ShippingAddressChanged v1 (one address line) goes through the hand-written step.
        var erinOrder = new OrderPlacedV1
        {
            OrderId = Guid.NewGuid(),
            CustomerId = Alice,
            PlacedAt = DateTimeOffset.UtcNow,
            Total = 49.90m,
            Lines = [new OrderPlacedV1.OrderLine { Sku = "KEYBOARD", Quantity = 1, UnitPrice = 49.90m }],
        };
        await using (var legacy = await LegacyProducer.StartAsync(Path.Combine(storage.Folder, $"contracts-shop-legacy-{Guid.NewGuid():N}.db"), legacyPort))
        {
            await legacy.PublishAsync(erinOrder);
            timeline.Record("old producer", OrderPlacedV1.ContractInfo.Subject, OrderPlacedV1.ContractInfo.Version, $"published order {OrdersHandlers.Short(erinOrder.OrderId)} as v1 (TCP, Avro)");
            await legacy.PublishAsync(new ShippingAddressChangedV1 { OrderId = aliceOrder.OrderId, Address = "742 Evergreen Terrace, 49007 Springfield, US" });
            timeline.Record("old producer", ShippingAddressChangedV1.ContractInfo.Subject, ShippingAddressChangedV1.ContractInfo.Version, $"published order {OrdersHandlers.Short(aliceOrder.OrderId)}'s new address as v1 (one line)");
            await Until(async () => await StateOf(erinOrder.OrderId) == "confirmed"
                && await db.CountAsync("SELECT count(*) FROM shipping_addresses WHERE order_id = @id", ("@id", aliceOrder.OrderId.ToString())) == 1, "the v1 messages handled");
        }
        checks.Add(("upcast v1→v2: OrderPlaced written as v1 was handled as v2 by the saga (generated upcaster)",
            timeline.Entries.Any(e => e.Service == "Orders saga" && e.Version == 1 && e.Outcome.Contains("written v1, handled v2 (generated upcaster: currency EUR", StringComparison.Ordinal))));
        var address = await db.QueryAsync("SELECT street, postal_code, city, country FROM shipping_addresses WHERE order_id = @id",
            r => r.Read() ? (Street: r.GetString(0), PostalCode: r.GetString(1), City: r.GetString(2), Country: r.GetString(3)) : default, ("@id", aliceOrder.OrderId.ToString()));
        checks.Add(("hand-written upcast v1→v2: the one-line address was split into street, postal code, city, country",
            address == ("742 Evergreen Terrace", "49007", "Springfield", "US")));

        // 4. A poison message: the "order-cancelled" template is not deployed, so Bob's cancellation notice fails,
        //    is retried, and lands in the dead letters with its exception. Deploy the template, re-queue, handled.
        await Until(async () => await DeadLetterCount() >= 1, "the cancellation notice dead-lettered");
        var deadLetters = (await deadLetterStore.QueryAsync(new DeadLetterEnvelopeQuery(), CancellationToken.None)).Envelopes;
        foreach (var d in deadLetters) Console.WriteLine($"dead letter: {d.MessageType} — {d.ExceptionType}: {d.ExceptionMessage}");
        checks.Add(("the poison message kept its exception in the dead letters", deadLetters.Count > 0 && deadLetters.All(d => d.ExceptionMessage?.Contains("order-cancelled", StringComparison.Ordinal) == true)));
        await templates.DeployAsync("order-cancelled");
        timeline.Record("Operator", "dead letters", 0, "deployed template \"order-cancelled\"; re-queued the dead letter");
        await deadLetterStore.ReplayAsync(new DeadLetterEnvelopeQuery(deadLetters.Select(d => d.Id).ToArray()), CancellationToken.None);
        await Until(async () => await DeadLetterCount() == 0
            && timeline.Entries.Any(e => e.Service == "Notifications" && e.Outcome.Contains("order-cancelled", StringComparison.Ordinal) && e.Outcome.StartsWith("emailed", StringComparison.Ordinal)), "the re-queued notice handled");
        checks.Add(("the re-queued dead letter was handled after the fix", await DeadLetterCount() == 0));

        // 5. Dave's order waits for a payment that never comes. "What was Dave's order's state at time T?"
        await Until(async () => (await StateOf(daveOrder.OrderId)).StartsWith("cancelled", StringComparison.Ordinal)
            && await db.CountAsync("SELECT count(*) FROM holds WHERE order_id = @id", ("@id", daveOrder.OrderId.ToString())) == 0, "Dave's payment timeout");
        // T: shortly after his stock was held, as the log recorded it (InventoryReserved in his order's stream).
        var t = DateTimeOffset.MinValue;
        await foreach (var logged in log.ReadStreamAsync(daveOrder.OrderId.ToString()))
        {
            if (logged.Event is InventoryReserved) t = logged.Record.RecordedAt.AddMilliseconds(100);
        }
        var then = await StateOf(daveOrder.OrderId, t);
        var now = await StateOf(daveOrder.OrderId);
        facts.Add($"point-in-time: order {OrdersHandlers.Short(daveOrder.OrderId)} at {t:HH:mm:ss.fff} was \"{then}\"; now \"{now}\"");
        Console.WriteLine($"point-in-time query: what was order {OrdersHandlers.Short(daveOrder.OrderId)}'s state at {t:O}? \"{then}\" (read the event log up to T and folded); now: \"{now}\"");
        checks.Add(("saga timeout: Dave's unanswered payment timed out, his stock was released and the order cancelled",
            now == "cancelled (PaymentTimedOut)" && await db.AvailableAsync("KEYBOARD") == 8));
        checks.Add(("point-in-time: the event log answered the order's state at time T (reserved, awaiting payment)", then == "reserved (awaiting payment)"));

        // 6. An Analytics read model added now, after every order was placed: a new named subscription catches up by
        //    replaying the event log from position 1 and must reach the live read model's revenue.
        await Until(() => Task.FromResult(revenue.ByCurrency.TryGetValue("EUR", out var live) && live.Orders == 4), "the live Analytics subscription to count the storefront's 4 orders");
        var late = new RevenueProjection(RevenueProjection.LateName);
        var runner = new SubscriptionRunner(host.Services.GetRequiredService<ISubscriptionStore>(), late, host.Services.GetRequiredService<ContractCatalog>(),
            host.Services, Bus);
        var registered = await runner.RegisterAsync();
        var read = await runner.CatchUpAsync();
        timeline.Record("Analytics (late)", "event log", 0, $"subscription \"{late.Name}\" registered at position {registered.Position}; caught up by reading {read} events: {late.Revenue.Describe()}");
        checks.Add(("a late Analytics subscription caught up by replay to the live revenue", late.Revenue.Describe() == revenue.Describe() && read > 0));
        facts.Add($"late subscriber \"{late.Name}\": {read} events replayed → {late.Revenue.Describe()} (live: {revenue.Describe()})");

        var eur = revenue.ByCurrency.TryGetValue("EUR", out var r) ? r : default;
        checks.Add(("Analytics counted the 4 logged orders once each (the duplicate's log row included)", eur.Orders == 4));

        if (nodes is not null)
        {
            // The other processes stop first and hand over their spans; then count who handled what.
            var problems = await nodes.StopAsync(tracing);
            foreach (var problem in problems) Console.Error.WriteLine($"shop: {problem}");
            var handled = tracing.Spans.Where(s => s.Source == "Contracts" && s.Kind == nameof(ActivityKind.Consumer)).GroupBy(s => s.Node).ToDictionary(g => g.Key, g => g.Count());
            var all = Enumerable.Range(1, others.Count + 1).ToList();
            var split = string.Join(", ", all.Select(n => $"{NodeName(n)}: {handled.GetValueOrDefault(n)}"));
            facts.Add($"messages handled per process: {split}");
            if (topology == ShopTopology.SharedQueue)
                checks.Add(($"--nodes: every node handled messages from the shared queue ({split})", problems.Count == 0 && all.All(n => handled.GetValueOrDefault(n) > 0)));
            else
            {
                checks.Add(($"--processes: each service handled its messages in its own process ({split})",
                    problems.Count == 0 && handled.GetValueOrDefault(1) == 0 && all.Skip(1).All(n => handled.GetValueOrDefault(n) > 0)));
                // Each service's inbox is in its own store schema; the event log is only in the run's schema.
                var inboxes = new List<string>();
                var ownLogs = 0L;
                foreach (var service in ShopService.All)
                {
                    var schema = storage.StoreSchemaOf(service.Name);
                    inboxes.Add($"{schema}: {await db.CountAsync($"SELECT count(*) FROM \"{schema}\".wolverine_incoming")}");
                    ownLogs += await db.CountAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name = 'contracts_event_log'", ("@s", schema));
                }
                var sharedLog = await db.CountAsync($"SELECT count(*) FROM \"{storage.Schema}\".contracts_event_log");
                facts.Add($"message stores: {string.Join(", ", inboxes)} envelopes; shared event log in {storage.Schema}: {sharedLog} events");
                checks.Add(("--processes: each service kept its envelopes in a message store of its own, and all appended to one shared event log",
                    inboxes.All(i => !i.EndsWith(": 0", StringComparison.Ordinal)) && ownLogs == 0 && sharedLog > 0));
            }
        }

        await host.StopAsync();

        // 7. The trace of Alice's order: every span that shares the trace id of the activity that placed it.
        var trace = tracing.Trace(aliceTrace);
        await TraceRecorder.WriteAsync(tracePath, trace);
        var (consumers, linked) = TraceRecorder.Links(trace);
        Console.WriteLine($"trace: wrote {trace.Count} spans of order {OrdersHandlers.Short(aliceOrder.OrderId)} to {tracePath}");
        facts.Add($"trace: {trace.Count} spans for order {OrdersHandlers.Short(aliceOrder.OrderId)} in {tracePath}; {linked} of {consumers} consumer spans linked to their producer span");
        checks.Add(("trace file written with producer→consumer spans linked (same trace id)", File.Exists(tracePath) && consumers >= 5 && linked == consumers));

        PrintTimeline(timeline);
        var passed = PrintSummary(checks, revenue, facts);
        return passed ? 0 : 1;
    }

    private static OrderPlaced Order(Guid customer, params (string Sku, int Quantity, decimal UnitPrice)[] lines) => new()
    {
        OrderId = Guid.NewGuid(),
        CustomerId = customer,
        PlacedAt = DateTimeOffset.UtcNow,
        Total = lines.Sum(l => l.Quantity * l.UnitPrice),
        Currency = "EUR",
        Lines = lines.Select(l => new OrderPlaced.OrderLine { Sku = l.Sku, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList(),
        ShippingAddress = new OrderPlaced.Address { Street = "1 Main Street", City = "Springfield", PostalCode = "12345", Country = "US" },
    };

    private static Timeline? Current;

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                if (Current is not null) PrintTimeline(Current);
                throw new TimeoutException($"the scenario waited 60 s for: {what}");
            }
            await Task.Delay(25);
        }
    }

    private static void PrintTimeline(Timeline timeline)
    {
        Console.WriteLine();
        var entries = timeline.Entries;
        var several = entries.Any(e => e.Node > 1);
        Console.WriteLine($"{"time",8}  {(several ? "node  " : "")}{"service",-16}  {"message",-36}  {"v",2}  outcome");
        foreach (var e in entries)
        {
            Console.WriteLine($"{e.At.TotalMilliseconds,6:0} ms  {(several ? $"{e.Node,4}  " : "")}{e.Service,-16}  {e.Message,-36}  {(e.Version == 0 ? "" : e.Version.ToString()),2}  {e.Outcome}");
        }
    }

    private static bool PrintSummary(List<(string Check, bool Passed)> checks, RevenueReadModel revenue, List<string> facts)
    {
        Console.WriteLine();
        Console.WriteLine("Summary");
        foreach (var (check, ok) in checks) Console.WriteLine($"  [{(ok ? "ok" : "FAILED")}] {check}");
        foreach (var (currency, (orders, amount)) in revenue.ByCurrency) Console.WriteLine($"  revenue: {orders} orders, {amount} {currency}");
        foreach (var fact in facts) Console.WriteLine($"  {fact}");
        var passed = checks.All(c => c.Passed);
        Console.WriteLine($"scenario: {checks.Count(c => c.Passed)} of {checks.Count} checks passed");
        return passed;
    }
}
