using System.Diagnostics;
using Contracts;
using Contracts.Storage.Sqlite;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts.Orders;
using Shop.Services;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Shop;

/// <summary>The scripted scenario: what the sample does, step by step, and what it checks.</summary>
public static class Scenario
{
    private static readonly Guid Alice = Guid.Parse("a11ce000-0000-4000-8000-000000000001");
    private static readonly Guid Bob = Guid.Parse("b0b00000-0000-4000-8000-000000000002");

    public static async Task<int> RunAsync(ShopOptions options)
    {
        var temporary = options.DatabasePath is null;
        var path = options.DatabasePath ?? Path.Combine(Path.GetTempPath(), $"contracts-shop-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path}";
        var db = new ShopDatabase(connectionString);
        var timeline = new Timeline();
        var provider = new PaymentProvider();
        provider.DecliningCustomers.Add(Bob);
        var templates = new TemplateStore();
        var revenue = new RevenueReadModel();
        var checks = new List<(string Check, bool Passed)>();

        Console.WriteLine("Contracts sample shop");
        Console.WriteLine($"database: {path}");
        Console.WriteLine();
        Console.WriteLine("Contracts generated from schemas/shop:");
        foreach (var registration in ContractRegistry.All)
        {
            var info = registration.Info;
            Console.WriteLine($"  {info.Subject,-38} v{info.Version}  {info.Kind,-7}  crc64 {info.Fingerprint:x16}");
        }
        Console.WriteLine();

        try
        {
            await db.CreateAsync();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            Console.Error.WriteLine($"shop: cannot open the database \"{path}\": {e.Message}");
            return 2;
        }

        using var host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(opts =>
            {
                opts.UseRuntimeCompilation();
                opts.Discovery.DisableConventionalDiscovery()
                    .IncludeType(typeof(OrdersHandlers))
                    .IncludeType(typeof(InventoryHandlers))
                    .IncludeType(typeof(PaymentsHandlers))
                    .IncludeType(typeof(NotificationsHandlers))
                    .IncludeType(typeof(AnalyticsHandlers));
                // Each service subscribes on its own queue, as separate services would.
                opts.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
                opts.PersistMessagesWithSqlite(connectionString);
                opts.Policies.UseDurableLocalQueues();
                opts.Durability.ScheduledJobPollingTime = 200.Milliseconds();
                opts.Policies.OnException<TemplateMissingException>()
                    .RetryWithCooldown(50.Milliseconds(), 100.Milliseconds())
                    .Then.MoveToErrorQueue();
                opts.Services.AddSingleton(db);
                opts.Services.AddSingleton(timeline);
                opts.Services.AddSingleton(provider);
                opts.Services.AddSingleton(templates);
                opts.Services.AddSingleton(revenue);
            })
            .StartAsync();

        var store = host.Services.GetRequiredService<IWolverineRuntime>().Storage;
        timeline.Restart();
        IMessageBus Bus() => host.Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

        // 1. Two orders. Alice's goes through; Bob's card is declined and the order flow compensates.
        var aliceOrder = Order(Alice, ("KEYBOARD", 1, 49.90m), ("MOUSE", 2, 19.95m));
        var bobOrder = Order(Bob, ("MONITOR", 1, 219.00m));
        await Bus().PublishAsync(aliceOrder);
        await Bus().PublishAsync(bobOrder);
        await Until(async () => await db.StatusOfAsync(aliceOrder.OrderId) == "confirmed" && await db.StatusOfAsync(bobOrder.OrderId) == "cancelled"
            && await db.CountAsync("SELECT count(*) FROM holds WHERE order_id = @id", ("@id", bobOrder.OrderId.ToString())) == 0, "both orders settled");
        checks.Add(("Alice's order is confirmed", await db.StatusOfAsync(aliceOrder.OrderId) == "confirmed"));
        checks.Add(("Bob's declined payment cancelled his order", await db.StatusOfAsync(bobOrder.OrderId) == "cancelled"));
        checks.Add(("the monitor Bob's order held is back in stock", await db.AvailableAsync("MONITOR") == 2));

        // 2. At-least-once delivery: the same OrderPlaced arrives twice. Orders and Analytics apply it once.
        var carolOrder = Order(Alice, ("MOUSE", 1, 19.95m));
        await Bus().PublishAsync(carolOrder);
        await Bus().PublishAsync(carolOrder);
        await Until(async () => await db.StatusOfAsync(carolOrder.OrderId) == "confirmed"
            && timeline.Entries.Count(e => e.Service == "Analytics" && e.Outcome.Contains(OrdersHandlers.Short(carolOrder.OrderId), StringComparison.Ordinal)) == 1
            && timeline.Entries.Count(e => e.Service == "Orders" && e.Outcome.Contains("duplicate ignored", StringComparison.Ordinal)) == 1, "the duplicate delivery settled");
        checks.Add(("a duplicate OrderPlaced changed the order once", await db.CountAsync("SELECT count(*) FROM order_lines WHERE order_id = @id", ("@id", carolOrder.OrderId.ToString())) == 1));
        checks.Add(("the mouse stock was taken once for it", await db.AvailableAsync("MOUSE") == 7));

        // 3. A poison message: the "order-cancelled" template is not deployed, so Bob's cancellation notice fails,
        //    is retried, and lands in the dead letters with its exception. Deploy the template, re-queue, handled.
        await Until(async () => (await store.Admin.FetchCountsAsync()).DeadLetter == 1, "the cancellation notice dead-lettered");
        var dead = (await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(), CancellationToken.None)).Envelopes.Single();
        Console.WriteLine($"dead letter: {dead.MessageType} — {dead.ExceptionType}: {dead.ExceptionMessage}");
        checks.Add(("the poison message kept its exception in the dead letters", dead.ExceptionMessage?.Contains("order-cancelled", StringComparison.Ordinal) == true));
        templates.Deployed.Add("order-cancelled");
        timeline.Record("Operator", "dead letters", 0, "deployed template \"order-cancelled\"; re-queued the dead letter");
        await store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery(new[] { dead.Id }), CancellationToken.None);
        await Until(async () => (await store.Admin.FetchCountsAsync()).DeadLetter == 0
            && timeline.Entries.Any(e => e.Service == "Notifications" && e.Outcome.Contains("order-cancelled", StringComparison.Ordinal) && e.Outcome.StartsWith("emailed", StringComparison.Ordinal)), "the re-queued notice handled");
        checks.Add(("the re-queued dead letter was handled after the fix", (await store.Admin.FetchCountsAsync()).DeadLetter == 0));

        // 4. Analytics built its read model from the fat OrderPlaced events alone.
        var eur = revenue.ByCurrency.TryGetValue("EUR", out var r) ? r : default;
        checks.Add(("Analytics counted 3 orders once each", eur.Orders == 3));

        await host.StopAsync();
        PrintTimeline(timeline);
        var passed = PrintSummary(checks, revenue);
        if (temporary)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
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

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"the scenario waited 60 s for: {what}");
            await Task.Delay(25);
        }
    }

    private static void PrintTimeline(Timeline timeline)
    {
        Console.WriteLine();
        Console.WriteLine($"{"time",8}  {"service",-13}  {"message",-36}  {"v",2}  outcome");
        foreach (var e in timeline.Entries)
        {
            Console.WriteLine($"{e.At.TotalMilliseconds,6:0} ms  {e.Service,-13}  {e.Message,-36}  {(e.Version == 0 ? "" : e.Version.ToString()),2}  {e.Outcome}");
        }
    }

    private static bool PrintSummary(List<(string Check, bool Passed)> checks, RevenueReadModel revenue)
    {
        Console.WriteLine();
        Console.WriteLine("Summary");
        foreach (var (check, ok) in checks) Console.WriteLine($"  [{(ok ? "ok" : "FAILED")}] {check}");
        foreach (var (currency, (orders, amount)) in revenue.ByCurrency) Console.WriteLine($"  revenue: {orders} orders, {amount} {currency}");
        var passed = checks.All(c => c.Passed);
        Console.WriteLine($"scenario: {checks.Count(c => c.Passed)} of {checks.Count} checks passed");
        return passed;
    }
}
