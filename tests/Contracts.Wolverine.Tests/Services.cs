using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Eventually = Contracts.Storage.Conformance.Eventually;
using DurableMessagingConformance = Contracts.Storage.Conformance.DurableMessagingConformance;
using Contracts.Storage.Postgres;
using Contracts.Storage.Sqlite;
using Contracts.Testing;
using Contracts.Wolverine.Tests.Contracts;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;
using Wolverine.Transports.Tcp;

namespace Contracts.Wolverine.Tests;

/// <summary>What a receiving service's handlers saw: messages as the handler got them, and their envelopes' headers.</summary>
public sealed class Received
{
    private int _running;
    private int _maxRunning;

    public ConcurrentQueue<(object Message, Envelope Envelope)> Messages { get; } = new();

    public int MaxConcurrent => _maxRunning;

    public T[] Of<T>() => Messages.Select(m => m.Message).OfType<T>().ToArray();

    public void Add(object message, Envelope envelope) => Messages.Enqueue((message, envelope));

    public async Task RunAsync(object message, Envelope envelope, TimeSpan work)
    {
        var running = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = _maxRunning) < running && Interlocked.CompareExchange(ref _maxRunning, running, seen) != seen)
        {
        }

        await Task.Delay(work);
        Add(message, envelope);
        Interlocked.Decrement(ref _running);
    }
}

// These handlers stand for services built against older schemas (one test assembly holds every version), so
// handling an older version type is the point here; in a real service CTR3001 asks for the latest type.
#pragma warning disable CTR3001
/// <summary>Handlers of a service that knows OrderPlaced up to v2.</summary>
public static class OrderPlacedV2Handler
{
    public static void Handle(OrderPlacedV2 message, Envelope envelope, Received received) => received.Add(message, envelope);
}

/// <summary>A second, independent handler of OrderPlaced v2 (with MultipleHandlerBehavior.Separated it gets its own copy).</summary>
public static class OrderPlacedV2AuditHandler
{
    public static void Handle(OrderPlacedV2 message, Envelope envelope, Received received) => received.Add(message, envelope);
}

/// <summary>Handlers of a service that knows OrderPlaced up to v3 (slow on purpose, to show ordering under concurrency).</summary>
public static class OrderPlacedHandler
{
    public static Task Handle(OrderPlaced message, Envelope envelope, Received received) =>
        received.RunAsync(message, envelope, TimeSpan.FromMilliseconds(15));
}

public static class ShipmentBookedV1Handler
{
    public static void Handle(ShipmentBookedV1 message, Envelope envelope, Received received) => received.Add(message, envelope);
}

#pragma warning restore CTR3001

public static class CustomerRegisteredHandler
{
    public static void Handle(CustomerRegistered message, Envelope envelope, Received received) => received.Add(message, envelope);
}

/// <summary>The registrations a service "knows", built by hand until the generator emits the upcasters.</summary>
public static class Known
{
    public static global::Contracts.ContractRegistration[] OrderPlacedUpToV2 { get; } =
    [
        global::Contracts.ContractRegistration.Create<OrderPlacedV1, OrderPlacedV2>(OrderPlacedV1AvroCodec.Instance, OrderPlacedV1JsonCodec.Instance,
            v1 => new OrderPlacedV2 { OrderId = v1.OrderId, CustomerId = v1.CustomerId, Amount = v1.Amount }),
        global::Contracts.ContractRegistration.Create<OrderPlacedV2>(OrderPlacedV2AvroCodec.Instance, OrderPlacedV2JsonCodec.Instance),
    ];

    public static global::Contracts.ContractRegistration[] OrderPlacedUpToV3 { get; } =
    [
        global::Contracts.ContractRegistration.Create<OrderPlacedV1, OrderPlaced>(OrderPlacedV1AvroCodec.Instance, OrderPlacedV1JsonCodec.Instance,
            v1 => new OrderPlaced { OrderId = v1.OrderId, CustomerId = v1.CustomerId, Amount = v1.Amount }),
        global::Contracts.ContractRegistration.Create<OrderPlacedV2, OrderPlaced>(OrderPlacedV2AvroCodec.Instance, OrderPlacedV2JsonCodec.Instance,
            v2 => new OrderPlaced { OrderId = v2.OrderId, CustomerId = v2.CustomerId, Amount = v2.Amount, Currency = v2.Currency }),
        global::Contracts.ContractRegistration.Create<OrderPlaced>(OrderPlacedAvroCodec.Instance, OrderPlacedJsonCodec.Instance),
    ];

    public static global::Contracts.ContractRegistration[] ShipmentBookedUpToV1 { get; } =
    [
        global::Contracts.ContractRegistration.Create<ShipmentBookedV1>(ShipmentBookedV1AvroCodec.Instance, ShipmentBookedV1JsonCodec.Instance),
    ];
}

/// <summary>Where the services of a test keep their stores: each service its own SQLite file or PostgreSQL schema.</summary>
public abstract class ServiceStore : IAsyncDisposable
{
    /// <summary>Makes this service's store Wolverine's message store.</summary>
    public abstract void Persist(WolverineOptions options, string serviceName);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file per service, in a fresh temporary folder.</summary>
public sealed class SqliteServiceStore : ServiceStore
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "contracts-wolverine-tests", Guid.NewGuid().ToString("N"));

    public SqliteServiceStore() => System.IO.Directory.CreateDirectory(_directory);

    public override void Persist(WolverineOptions options, string serviceName) =>
        options.PersistMessagesWithSqlite($"Data Source={Path.Combine(_directory, serviceName + ".db")}");

    public override ValueTask DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool that is going away; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A PostgreSQL schema per service, in a new database on the test assembly's throwaway cluster.</summary>
public sealed class PostgresServiceStore : ServiceStore
{
    private readonly string _connectionString = TestServer.CreateDatabaseAsync("svc").GetAwaiter().GetResult();

    public override void Persist(WolverineOptions options, string serviceName) =>
        options.PersistMessagesWithPostgres(_connectionString, pg => pg.SchemaName = serviceName);

    public override async ValueTask DisposeAsync() => await TestServer.DropDatabaseAsync(_connectionString);
}

/// <summary>A real Wolverine host on its own store: one "service".</summary>
public sealed class Service : IAsyncDisposable
{
    private Service(IHost host, string name)
    {
        Host = host;
        Name = name;
    }

    public IHost Host { get; }

    public string Name { get; }

    public Received Received => Host.Services.GetRequiredService<Received>();

    public IMessageStore Store => Host.Services.GetRequiredService<IWolverineRuntime>().Storage;

    public IMessageBus Bus => Host.Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

    /// <summary>Starts a service whose store is one of <paramref name="stores"/>.</summary>
    public static async Task<Service> StartAsync(string name, ServiceStore stores, Action<WolverineOptions> configure)
    {
        var host = await Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.ServiceName = name;
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery();
                options.Durability.ScheduledJobPollingTime = 200.Milliseconds();
                stores.Persist(options, name);
                options.Services.AddSingleton(new Received());
                configure(options);
            })
            .StartAsync();
        return new Service(host, name);
    }

    /// <summary>A receiving service listening durably on <paramref name="port"/> with the given handler type.</summary>
    public static Task<Service> ReceiverAsync(ServiceStore stores, int port, Type handler, Action<ContractsOptions> contracts) =>
        StartAsync("receiver", stores, options =>
        {
            options.Discovery.IncludeType(handler);
            options.ListenAtPort(port).UseDurableInbox();
            options.UseContracts(contracts);
        });

    /// <summary>A publishing service (no handlers) that sends every message to <paramref name="port"/> through its outbox.</summary>
    public static Task<Service> PublisherAsync(ServiceStore stores, int port, Action<ContractsOptions> contracts, Action<WolverineOptions>? more = null) =>
        StartAsync("publisher", stores, options =>
        {
            options.PublishAllMessages().ToPort(port).UseDurableOutbox();
            options.UseContracts(contracts);
            more?.Invoke(options);
        });

    public async Task<DeadLetterEnvelope> SingleDeadLetterAsync()
    {
        DeadLetterEnvelope? found = null;
        await Eventually.UntilAsync(async () =>
        {
            var results = await Store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(), CancellationToken.None);
            found = results.Envelopes.SingleOrDefault();
            return found is not null;
        }, $"one dead letter in {Name}");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}

/// <summary>A fresh folder per test for the services' SQLite files.</summary>
public abstract class ServicesTest<TStore> : IAsyncLifetime where TStore : ServiceStore, new()
{
    protected TStore Stores { get; } = new();

    protected int Port { get; } = DurableMessagingConformance.FreePort();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Stores.DisposeAsync().AsTask();
}

/// <summary>A handler that always fails, to show the default failure policy.</summary>
public static class FailingShipmentHandler
{
#pragma warning disable CTR3001 // stands for a service that knows ShipmentBooked v1 only
    public static void Handle(ShipmentBookedV1 message, Envelope envelope, Received received)
#pragma warning restore CTR3001
    {
        received.Add(message, envelope);
        throw new InvalidOperationException($"carrier for {message.ShipmentId} is down");
    }
}
