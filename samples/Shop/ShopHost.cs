using Contracts.Storage.Postgres;
using Contracts.Wolverine;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Shop.Services;
using Wolverine;
using Wolverine.Runtime;

namespace Shop;

/// <summary>How the shop's processes share the work.</summary>
public enum ShopTopology
{
    /// <summary>One process runs every service; messages go through durable local queues (the default).</summary>
    OneProcess,

    /// <summary>--nodes: every process runs every service and consumes one PostgreSQL queue (competing consumers).</summary>
    SharedQueue,

    /// <summary>--processes: each service runs in a process of its own and consumes its own PostgreSQL queue.</summary>
    QueuePerService,
}

/// <summary>A shop service: its handler classes and the message types it handles (its queue's messages).</summary>
public sealed record ShopService(string Name, Type[] Handlers, Type[] Messages)
{
    public static readonly ShopService Orders = new("orders", [typeof(OrderSaga), typeof(OrdersHandlers)],
        [typeof(OrderPlaced), typeof(ShippingAddressChanged), typeof(InventoryReserved), typeof(PaymentCharged), typeof(PaymentFailed), typeof(PaymentTimeout)]);
    public static readonly ShopService Inventory = new("inventory", [typeof(InventoryHandlers)], [typeof(ReserveInventory), typeof(ReleaseInventory)]);
    public static readonly ShopService Payments = new("payments", [typeof(PaymentsHandlers)], [typeof(ChargePayment)]);
    public static readonly ShopService Notifications = new("notifications", [typeof(NotificationsHandlers)], [typeof(OrderConfirmed), typeof(OrderCancelled)]);

    /// <summary>The services that handle messages (Analytics follows the event log instead: see RevenueProjection).</summary>
    public static readonly ShopService[] All = [Orders, Inventory, Payments, Notifications];

    public static ShopService Named(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ShopUsageException($"unknown service \"{name}\"; the services are {string.Join(", ", All.Select(s => s.Name))}");
}

/// <summary>
/// The shop's Wolverine host: the services it runs, UseContracts, and the storage. With --nodes every process runs
/// every service and they share one PostgreSQL queue; with --processes each service has a process and a queue of its own.
/// </summary>
public static class ShopHost
{
    /// <summary>The PostgreSQL queue the nodes share with --nodes.</summary>
    public const string SharedQueue = "shop";

    /// <summary>The message store of the process that runs only the storefront and Analytics (--processes).</summary>
    public const string StorefrontStore = "storefront";

    /// <summary>Which process's message store this is with --processes: its one service's, or the storefront's.</summary>
    public static string OwnStore(IReadOnlyCollection<ShopService> services) => services.Count == 1 ? services.First().Name : StorefrontStore;

    public static async Task<IHost> StartAsync(ShopStorage storage, Timeline timeline, ShopTopology topology, IReadOnlyCollection<ShopService> services,
        Action<WolverineOptions>? configure = null)
    {
        var host = await Build(storage, timeline, topology, services, configure).StartAsync();
        // Wolverine compiles a handler when its first message arrives, which takes seconds on a busy machine: compile
        // them all now, so the scenario's first orders are not held up (the saga's payment timeout runs meanwhile).
        var handlers = ((WolverineRuntime)host.Services.GetRequiredService<IWolverineRuntime>()).Handlers;
        foreach (var type in services.SelectMany(s => s.Messages)) handlers.HandlerFor(type);
        return host;
    }

    private static IHostBuilder Build(ShopStorage storage, Timeline timeline, ShopTopology topology, IReadOnlyCollection<ShopService> services,
        Action<WolverineOptions>? configure)
        => Host.CreateDefaultBuilder()
            .ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                if (Environment.GetEnvironmentVariable("SHOP_LOG") is { Length: > 0 }) logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
            })
            .UseWolverine(opts =>
            {
                opts.UseRuntimeCompilation();
                var discovery = opts.Discovery.DisableConventionalDiscovery();
                foreach (var handler in services.SelectMany(s => s.Handlers)) discovery.IncludeType(handler);
                // Messages, sagas and the event log: a SQLite file or a PostgreSQL schema. With --processes each process
                // has a message store of its own (so a scheduled message or a dead letter stays with its service) and
                // they all share the event log.
                storage.Persist(opts, topology == ShopTopology.QueuePerService ? OwnStore(services) : null);
                // Contracts travel as Avro with CloudEvents headers; older versions are upcast on receipt.
                opts.UseContracts(c =>
                {
                    c.Add(ContractRegistry.All);
                    c.MaxAttempts = 3;
                    c.InitialRetryDelay = 50.Milliseconds();
                });
                opts.Policies.UseDurableLocalQueues();
                opts.Durability.ScheduledJobPollingTime = 200.Milliseconds();
                switch (topology)
                {
                    case ShopTopology.SharedQueue:
                        // Every node listens to one PostgreSQL queue; each message is handled by one of them. The saga's
                        // PaymentTimeout is a scheduled row of that queue.
                        opts.UsePostgresTransport(null, t => t.SchemaName = storage.Schema!);   // the queue tables live in the run's schema
                        opts.ListenToPostgresQueue(SharedQueue).UseDurableInbox();
                        opts.Publish(p =>
                        {
                            foreach (var type in ShopService.All.SelectMany(s => s.Messages)) p.Message(type);
                            p.ToPostgresQueue(SharedQueue);
                        });
                        break;
                    case ShopTopology.QueuePerService:
                        // A queue per service: a message goes to the queue of the service that handles it. The saga's
                        // PaymentTimeout too: a scheduled row in the orders queue, delivered to Orders when it is due.
                        opts.UsePostgresTransport(null, t => t.SchemaName = storage.Schema!);
                        foreach (var service in services) opts.ListenToPostgresQueue(service.Name).UseDurableInbox();
                        foreach (var service in ShopService.All)
                        {
                            opts.Publish(p =>
                            {
                                foreach (var type in service.Messages) p.Message(type);
                                p.ToPostgresQueue(service.Name);
                            });
                        }
                        break;
                }
                configure?.Invoke(opts);
                opts.Services.AddSingleton(storage.Database);
                opts.Services.AddSingleton(timeline);
                opts.Services.AddSingleton(Customers.Provider());
                opts.Services.AddSingleton(new TemplateStore(storage.Database));
            });
}

/// <summary>The scenario's customers, known to every process (the fake payment provider's behaviour depends on them).</summary>
public static class Customers
{
    public static readonly Guid Alice = Guid.Parse("a11ce000-0000-4000-8000-000000000001");
    public static readonly Guid Bob = Guid.Parse("b0b00000-0000-4000-8000-000000000002");
    public static readonly Guid Dave = Guid.Parse("da7e0000-0000-4000-8000-000000000004");

    /// <summary>Bob's card is declined; Dave's charges are never answered (the saga's payment timeout fires).</summary>
    public static PaymentProvider Provider()
    {
        var provider = new PaymentProvider();
        provider.DecliningCustomers.Add(Bob);
        provider.UnansweredCustomers.Add(Dave);
        return provider;
    }
}
