using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.NodeChild;
using Contracts.Storage.Postgres.Transport;
using Contracts.Testing;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Runtime;
using Xunit.Abstractions;

namespace Contracts.Storage.Postgres.Tests;

[MessageIdentity("transport_ping")]
public sealed record Ping(int N);

[MessageIdentity("transport_pong")]
public sealed record Pong(int N);

[MessageIdentity("transport_job")]
public sealed record Job(int N);

[MessageIdentity("transport_step")]
public sealed record Step(string Key, int Seq);

/// <summary>Which host handled a message: a row column in the business tables.</summary>
public sealed record ConsumerName(string Value);

/// <summary>Service B of the exchange: applies each Ping in its outbox transaction and answers with a Pong through the same transaction.</summary>
public static class PingHandler
{
    public static async Task Handle(Ping ping, IMessageContext context)
    {
        await using var transaction = await context.BeginPostgresTransactionAsync();
        await using (var insert = transaction.CreateCommand("INSERT INTO pings (n, message_id, handled_at) VALUES (@n, @id, clock_timestamp());"))
        {
            insert.Parameters.AddWithValue("n", ping.N);
            insert.Parameters.AddWithValue("id", context.Envelope!.Id);
            await insert.ExecuteNonQueryAsync();
        }

        await context.PublishAsync(new Pong(ping.N));
        await transaction.CommitAsync();
    }
}

public static class PongHandler
{
    public static async Task Handle(Pong pong, IMessageContext context)
    {
        await using var transaction = await context.BeginPostgresTransactionAsync();
        await using (var insert = transaction.CreateCommand("INSERT INTO pongs (n) VALUES (@n);"))
        {
            insert.Parameters.AddWithValue("n", pong.N);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}

public static class JobHandler
{
    public static async Task Handle(Job job, IMessageContext context, ConsumerName consumer)
    {
        await using var transaction = await context.BeginPostgresTransactionAsync();
        await using (var insert = transaction.CreateCommand("INSERT INTO jobs (n, consumer) VALUES (@n, @consumer);"))
        {
            insert.Parameters.AddWithValue("n", job.N);
            insert.Parameters.AddWithValue("consumer", consumer.Value);
            await insert.ExecuteNonQueryAsync();
        }

        await Task.Delay(2);
        await transaction.CommitAsync();
    }
}

/// <summary>Records each step with the highest step of its key already committed: a step handled out of order, or beside its predecessor, shows.</summary>
public static class StepHandler
{
    public static async Task Handle(Step step, IMessageContext context, ConsumerName consumer)
    {
        await using var transaction = await context.BeginPostgresTransactionAsync();
        await using (var insert = transaction.CreateCommand(
                         "INSERT INTO steps (key, seq, prev, consumer) SELECT @key, @seq, coalesce(max(seq), 0), @consumer FROM steps WHERE key = @key;"))
        {
            insert.Parameters.AddWithValue("key", step.Key);
            insert.Parameters.AddWithValue("seq", step.Seq);
            insert.Parameters.AddWithValue("consumer", consumer.Value);
            await insert.ExecuteNonQueryAsync();
        }

        // Long enough that a second message of the same key, if it were handed out, would run beside this one.
        await Task.Delay(Random.Shared.Next(1, 6));
        await transaction.CommitAsync();
    }
}

/// <summary>
/// The PostgreSQL queue transport between real Wolverine hosts on a real PostgreSQL cluster: services that share
/// nothing but the database exchange messages through queue tables.
/// </summary>
public sealed class postgres_transport_tests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly List<IHost> _hosts = new();
    private readonly List<ChildProcess> _children = new();
    private string _database = string.Empty;

    public postgres_transport_tests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _database = await TestServer.CreateDatabaseAsync("queues");
        await ExecuteAsync(
            "CREATE TABLE pings (n int NOT NULL, message_id uuid NOT NULL, handled_at timestamptz NOT NULL);" +
            "CREATE TABLE pongs (n int NOT NULL);" +
            "CREATE TABLE jobs (n int NOT NULL, consumer text NOT NULL);" +
            "CREATE TABLE steps (key text NOT NULL, seq int NOT NULL, prev int NOT NULL, consumer text NOT NULL);");
    }

    public async Task DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.KillAsync();
            child.Dispose();
        }

        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await TestServer.DropDatabaseAsync(_database);
    }

    /// <summary>A host of one service: its own store schema, the transport on the same database, and the given handlers.</summary>
    private async Task<IHost> StartAsync(string service, Action<WolverineOptions> configure, DurabilityMode mode = DurabilityMode.Solo,
        Action<PostgresTransportOptions>? transport = null, params Type[] handlers)
    {
        var host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                var discovery = options.Discovery.DisableConventionalDiscovery();
                foreach (var handler in handlers)
                {
                    discovery.IncludeType(handler);
                }

                options.Durability.Mode = mode;
                options.Durability.ScheduledJobFirstExecution = 0.Milliseconds();
                options.Durability.ScheduledJobPollingTime = 250.Milliseconds();
                options.Durability.HealthCheckPollingTime = 1.Seconds();
                options.Services.AddSingleton(new ConsumerName(service + "#" + _hosts.Count));
                options.PersistMessagesWithPostgres(_database, pg => pg.SchemaName = service);
                options.UsePostgresTransport(_database, queues =>
                {
                    queues.PollingInterval = 250.Milliseconds();
                    transport?.Invoke(queues);
                });
                configure(options);
            })
            .StartAsync();
        _hosts.Add(host);
        return host;
    }

    private static IMessageBus Bus(IHost host) => host.Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();

    private static PostgresTransport Transport(IHost host) =>
        host.Services.GetRequiredService<IWolverineRuntime>().Options.Transports.GetOrCreate<PostgresTransport>();

    private Task<long> CountAsync(string sql) => TestServer.CountAsync(_database, sql);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task WaitForCountAsync(string sql, long expected, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var clock = Stopwatch.StartNew();
        long count;
        while ((count = await CountAsync(sql)) != expected)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}: {count} instead of {expected} ({sql}).");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task two_services_exchange_messages_only_through_postgres_queues()
    {
        var a = await StartAsync("service_a", o =>
        {
            o.PublishMessage<Ping>().ToPostgresQueue("pings");
            o.ListenToPostgresQueue("pongs");
        }, handlers: typeof(PongHandler));
        await StartAsync("service_b", o =>
        {
            o.ListenToPostgresQueue("pings");
            o.PublishMessage<Pong>().ToPostgresQueue("pongs");
        }, handlers: typeof(PingHandler));

        for (var n = 1; n <= 200; n++)
        {
            await Bus(a).PublishAsync(new Ping(n));
        }

        await WaitForCountAsync("SELECT count(*) FROM pongs", 200, "every ping answered");
        Assert.Equal(200, await CountAsync("SELECT count(DISTINCT n) FROM pings"));
        Assert.Equal(200, await CountAsync("SELECT count(*) FROM pings"));
        Assert.Equal(200, await CountAsync("SELECT count(DISTINCT n) FROM pongs"));
        // The queues are tables of the transport schema, and nothing is left in them.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM contracts_queues.queue_pings"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM contracts_queues.queue_pongs"));
        // The same database: each outbox row moved to its queue in one statement, so none is left behind.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM service_a.wolverine_outgoing"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM service_b.wolverine_outgoing"));
    }

    [Fact]
    public async Task competing_consumers_each_take_a_share_and_every_message_is_handled_once()
    {
        var sender = await StartAsync("senders", o => o.PublishMessage<Job>().ToPostgresQueue("jobs"));
        for (var i = 0; i < 2; i++)
        {
            await StartAsync("workers", o => o.ListenToPostgresQueue("jobs").ClaimBatchSize(10).MaximumInFlight(20).MaximumParallelMessages(2),
                DurabilityMode.Balanced, handlers: typeof(JobHandler));
        }

        var bus = Bus(sender);
        for (var n = 1; n <= 600; n++)
        {
            await bus.PublishAsync(new Job(n));
        }

        await WaitForCountAsync("SELECT count(DISTINCT n) FROM jobs", 600, "every job handled");
        Assert.Equal(600, await CountAsync("SELECT count(*) FROM jobs"));
        var shares = await CountAsync("SELECT count(DISTINCT consumer) FROM jobs");
        _output.WriteLine("jobs per consumer: " + await ListAsync("SELECT consumer || '=' || count(*) FROM jobs GROUP BY consumer"));
        Assert.Equal(2, shares);
        await WaitForCountAsync("SELECT count(*) FROM contracts_queues.queue_jobs", 0, "the queue table empty");
    }

    [Theory]
    [InlineData("durable")]
    [InlineData("inline")]
    public async Task messages_with_the_same_key_are_handled_in_order_across_consumers_while_keys_run_in_parallel(string mode)
    {
        var sender = await StartAsync("senders", o => o.PublishMessage<Step>().ToPostgresQueue("steps").SendInline());
        for (var i = 0; i < 3; i++)
        {
            await StartAsync("steppers", o =>
            {
                var listener = o.ListenToPostgresQueue("steps");
                if (mode == "inline")
                {
                    listener.ProcessInline().ListenerCount(2);
                }
                else
                {
                    listener.MaximumParallelMessages(4);
                }
            }, DurabilityMode.Balanced, handlers: typeof(StepHandler));
        }

        const int keys = 8, steps = 25;
        var bus = Bus(sender);
        for (var seq = 1; seq <= steps; seq++)
        {
            for (var k = 0; k < keys; k++)
            {
                await bus.PublishAsync(new Step("key" + k, seq), new DeliveryOptions { GroupId = "key" + k });
            }
        }

        await WaitForCountAsync("SELECT count(*) FROM steps", keys * steps, "every step handled", TimeSpan.FromMinutes(3));
        _output.WriteLine("steps per consumer: " + await ListAsync("SELECT consumer || '=' || count(*) FROM steps GROUP BY consumer"));
        // Each step saw exactly its predecessor committed: never two of a key at once, never out of order.
        Assert.Equal(string.Empty, await ListAsync("SELECT key || ':' || seq || ' after ' || prev FROM steps WHERE prev <> seq - 1 ORDER BY key, seq"));
        Assert.Equal(keys * steps, await CountAsync("SELECT count(DISTINCT (key, seq)) FROM steps"));
        // Keys were spread over the consumers rather than funnelled through one.
        Assert.True(await CountAsync("SELECT count(DISTINCT consumer) FROM steps") >= 2, "only one consumer handled steps");
        await WaitForCountAsync("SELECT count(*) FROM contracts_queues.queue_steps", 0, "the queue table empty");
    }

    /// <summary>
    /// A consumer process is killed while it holds messages: in its durable inbox (durable), or leased in the queue
    /// (inline). A successor process delivers every one of them: the inbox through the store's recovery of a dead
    /// node's envelopes, the leases when they run out.
    /// </summary>
    [Theory]
    [InlineData("durable")]
    [InlineData("inline")]
    public async Task a_consumer_killed_mid_load_loses_nothing(string mode)
    {
        await ExecuteAsync("CREATE TABLE applied (n bigint NOT NULL, message_id uuid NOT NULL, node integer NOT NULL);");
        var a = StartConsumer(mode);
        var aNode = NodeNumber(await a.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true));

        const int total = 1000;
        var sender = await StartAsync("publisher", o => o.PublishMessage<Work>().ToPostgresQueue("work"));
        for (var batch = 0; batch < total / 100; batch++)
        {
            var bus = Bus(sender);
            await using var transaction = await bus.BeginPostgresTransactionAsync();
            for (var n = batch * 100 + 1; n <= (batch + 1) * 100; n++)
            {
                await bus.PublishAsync(new Work(n));
            }

            await transaction.CommitAsync();
        }

        var clock = Stopwatch.StartNew();
        while (await CountAsync("SELECT count(*) FROM applied") < 100)
        {
            Assert.False(clock.Elapsed > TimeSpan.FromMinutes(2), "consumer A did not handle 100 messages within 2 minutes: " + a.Errors);
            await Task.Delay(50);
        }

        await a.KillAsync();
        // What A held when it died: unhandled envelopes in its inbox, or leased rows in the queue.
        var held = await ListAsync(mode == "durable"
            ? $"SELECT id::text FROM workers.wolverine_incoming WHERE owner_id = {aNode} AND status = 'Incoming'"
            : "SELECT id::text FROM contracts_queues.queue_work WHERE claimed_by IS NOT NULL AND available_at > now()");
        var applied = await CountAsync("SELECT count(*) FROM applied");
        _output.WriteLine($"killed consumer node {aNode} ({mode}) after it applied {applied}; it held {held.Split(", ").Length} messages");
        Assert.NotEqual(string.Empty, held);
        Assert.True(applied < total, "A finished before it was killed; the test proves nothing");

        var b = StartConsumer(mode);
        var bNode = NodeNumber(await b.WaitForLineAsync("node ", TimeSpan.FromMinutes(2), prefix: true));
        await WaitForCountAsync("SELECT count(DISTINCT n) FROM applied", total, "the successor to apply every message", TimeSpan.FromMinutes(4));
        var ids = string.Join(",", held.Split(", ").Select(id => $"'{id}'::uuid"));
        Assert.Equal(held.Split(", ").Length, await CountAsync($"SELECT count(DISTINCT message_id) FROM applied WHERE node = {bNode} AND message_id IN ({ids})"));
        await WaitForCountAsync("SELECT count(*) FROM contracts_queues.queue_work", 0, "the queue table empty");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM workers.wolverine_dead_letters"));
        if (mode == "durable")
        {
            // The inbox's handled marks commit with the effects: exactly once, even for what A had half done.
            Assert.Equal(total, await CountAsync("SELECT count(*) FROM applied"));
            await WaitForCountAsync("SELECT count(*) FROM workers.wolverine_incoming WHERE status <> 'Handled'", 0, "no unhandled inbox row");
        }
        else
        {
            // At least once: a message A had applied but not yet deleted when it died is applied again.
            _output.WriteLine($"applied twice (inline, at least once): {await CountAsync("SELECT count(*) - count(DISTINCT n) FROM applied")}");
        }
    }

    private ChildProcess StartConsumer(string mode)
    {
        var child = ChildProcess.Start("Contracts.Storage.Postgres.QueueChild", _database, "20", mode);
        _children.Add(child);
        return child;
    }

    private static int NodeNumber(string line) => int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What a successor sees after a consumer died between storing a message in its inbox and deleting the row: the row
    /// comes back in a claim beside fresh ones. The fresh ones are handled; the one already received is not applied twice.
    /// </summary>
    [Fact]
    public async Task a_claimed_batch_holding_an_already_received_message_still_handles_the_others()
    {
        await StartAsync("service_b", o => o.ListenToPostgresQueue("pings"), handlers: typeof(PingHandler));
        var first = PingEnvelope(1);
        await InsertQueueRowsAsync(first);
        await WaitForCountAsync("SELECT count(*) FROM pings", 1, "the first ping handled");

        // In one transaction, so that one claim takes them together: the first again, and four new ones.
        await InsertQueueRowsAsync(first, PingEnvelope(2), PingEnvelope(3), PingEnvelope(4), PingEnvelope(5));

        await WaitForCountAsync("SELECT count(DISTINCT n) FROM pings", 5, "the four new pings handled", TimeSpan.FromSeconds(30));
        await WaitForCountAsync("SELECT count(*) FROM contracts_queues.queue_pings", 0, "the queue table empty");
        Assert.Equal(5, await CountAsync("SELECT count(*) FROM pings"));
    }

    private static Envelope PingEnvelope(int n) => new()
    {
        Id = Guid.NewGuid(),
        MessageType = "transport_ping",
        ContentType = "application/json",
        Data = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Ping(n)),
    };

    /// <summary>Rows as a sender writes them, in one transaction (the redelivery of a row is written again with its id).</summary>
    private async Task InsertQueueRowsAsync(params Envelope[] envelopes)
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var envelope in envelopes)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO contracts_queues.queue_pings (id, message_type, body) VALUES (@id, @type, @body) ON CONFLICT (id) DO NOTHING;", connection, transaction);
            insert.Parameters.AddWithValue("id", envelope.Id);
            insert.Parameters.AddWithValue("type", envelope.MessageType!);
            insert.Parameters.AddWithValue("body", global::Wolverine.Runtime.Serialization.EnvelopeSerializer.Serialize(envelope));
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    [Fact]
    public async Task a_notification_wakes_an_idle_listener_long_before_its_polling_interval()
    {
        var receiver = await StartAsync("service_b", o => o.ListenToPostgresQueue("pings").PollingInterval(10.Minutes()),
            transport: t => t.PollingInterval = 10.Minutes(), handlers: typeof(PingHandler));
        var sender = await StartAsync("service_a", o => o.PublishMessage<Ping>().ToPostgresQueue("pings"));
        await Transport(receiver).Notifications!.Listening.Task.WaitAsync(TimeSpan.FromMinutes(1));

        await Bus(sender).PublishAsync(new Ping(1));

        // Well within the ten minutes the listener would otherwise sleep.
        await WaitForCountAsync("SELECT count(*) FROM pings", 1, "the ping handled after a notification", TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task without_notifications_polling_delivers()
    {
        var receiver = await StartAsync("service_b", o => o.ListenToPostgresQueue("pings").BufferedInMemory(),
            transport: t => { t.UseNotifications = false; t.PollingInterval = 200.Milliseconds(); }, handlers: typeof(PingHandler));
        Assert.Null(Transport(receiver).Notifications);
        var sender = await StartAsync("service_a", o => o.PublishMessage<Ping>().ToPostgresQueue("pings"));

        for (var n = 1; n <= 20; n++)
        {
            await Bus(sender).PublishAsync(new Ping(n));
        }

        await WaitForCountAsync("SELECT count(DISTINCT n) FROM pings", 20, "every ping handled by polling");
    }

    [Fact]
    public async Task a_scheduled_message_waits_in_the_queue_until_it_is_due()
    {
        await StartAsync("service_b", o => o.ListenToPostgresQueue("pings"), handlers: typeof(PingHandler));
        var sender = await StartAsync("service_a", o => o.PublishMessage<Ping>().ToPostgresQueue("pings"));

        await Bus(sender).ScheduleAsync(new Ping(7), 3.Seconds());

        // It is in the queue table, due in the future (server clock), and not yet handled.
        await WaitForCountAsync("SELECT count(*) FROM contracts_queues.queue_pings WHERE available_at > now()", 1, "the scheduled row in the queue", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pings"));
        var due = await ListAsync("SELECT available_at::text FROM contracts_queues.queue_pings");

        await WaitForCountAsync("SELECT count(*) FROM pings", 1, "the scheduled ping handled");
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM pings WHERE handled_at >= '{due}'::timestamptz"));
    }

    [Fact]
    public void a_queue_name_that_cannot_be_a_table_name_is_refused_with_the_name_and_the_rule()
    {
        var options = new WolverineOptions();
        var listen = Assert.Throws<PostgresStoreException>(() => options.ListenToPostgresQueue("Orders!"));
        Assert.Contains("'Orders!' is not a usable PostgreSQL queue name (ListenToPostgresQueue)", listen.Message, StringComparison.Ordinal);
        Assert.Contains("lowercase letters, digits and underscores", listen.Message, StringComparison.Ordinal);
        var publish = Assert.Throws<PostgresStoreException>(() => options.PublishMessage<Ping>().ToPostgresQueue("order-events"));
        Assert.Contains("'order-events' is not a usable PostgreSQL queue name (ToPostgresQueue)", publish.Message, StringComparison.Ordinal);
        Assert.Throws<PostgresStoreException>(() => options.ListenToPostgresQueue(new string('q', 51)));
        var schema = Assert.Throws<PostgresStoreException>(() => options.UsePostgresTransport(_database, t => t.SchemaName = "bad\"schema"));
        Assert.Contains("SchemaName", schema.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unreachable_database_fails_startup_naming_the_server_and_the_transport()
    {
        var port = FreePort();
        var error = await StartupFailureAsync(options =>
        {
            options.UsePostgresTransport($"Host=127.0.0.1;Port={port};Database=shop;Username=shop;Password=x;Timeout=2", t =>
            {
                t.MaxRetries = 1;
                t.RetryDelay = 50.Milliseconds();
            });
            options.ListenToPostgresQueue("orders");
        });
        Assert.Contains($"Cannot reach PostgreSQL at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("queue 'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL transport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_auto_provisioning_a_missing_queue_table_fails_startup_naming_it()
    {
        var error = await StartupFailureAsync(options =>
        {
            options.UsePostgresTransport(_database, t => t.AutoProvision = false);
            options.ListenToPostgresQueue("orders");
        });
        Assert.Contains("The table of PostgreSQL queue 'orders' (\"contracts_queues\".\"queue_orders\") does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("AutoProvision is off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task without_a_connection_string_or_a_postgres_store_startup_says_what_to_configure()
    {
        var error = await StartupFailureAsync(options => options.ListenToPostgresQueue("orders"));
        Assert.Contains("UsePostgresTransport", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Starts a host that must fail, and returns the transport's error inside whatever the host threw.</summary>
    private static async Task<PostgresStoreException> StartupFailureAsync(Action<WolverineOptions> configure)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.Discovery.DisableConventionalDiscovery();
                configure(options);
            })
            .StartAsync());
        return Unwrap<PostgresStoreException>(failure);
    }

    private static T Unwrap<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                return Unwrap<T>(aggregate.InnerExceptions[0]);
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected a {typeof(T).Name} inside, got: {e}");
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task<string> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(", ", lines);
    }
}
