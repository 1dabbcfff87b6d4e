using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.Tests.Contracts;
using Eventually = Contracts.Storage.Conformance.Eventually;

namespace Contracts.Wolverine.Tests;

/// <summary>Idempotency keys, per-key ordering and tracing across two services.</summary>
public abstract class DeliveryTests<TStore> : ServicesTest<TStore> where TStore : ServiceStore, new()
{
    [Fact]
    public async Task a_second_message_with_the_same_idempotency_key_is_ignored_and_counted()
    {
        long duplicates = 0;
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ContractsTelemetry.MeterName && instrument.Name == ContractsTelemetry.DuplicatesCounter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Key == "contracts.subject" && (string?)t.Value == "contracts.tests.OrderPlaced"))
            {
                Interlocked.Add(ref duplicates, value);
            }
        });
        meter.Start();

        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));
        var key = "o-" + Guid.NewGuid().ToString("N");

        await publisher.Bus.PublishAsync(new OrderPlacedV2 { OrderId = key, CustomerId = "c-1", Amount = 10 });
        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 1, "the first message was handled");
        await publisher.Bus.PublishAsync(new OrderPlacedV2 { OrderId = key, CustomerId = "c-1", Amount = 20 });
        await Eventually.UntilAsync(() => Interlocked.Read(ref duplicates) >= 1, "the second message was counted as a duplicate");

        Assert.Equal(10, receiver.Received.Of<OrderPlacedV2>().Single().Amount);
        Assert.Equal(0, (await receiver.Store.Admin.FetchCountsAsync()).DeadLetter);
    }

    /// <summary>
    /// With MultipleHandlerBehavior.Separated each handler of a subject gets its own copy of a message (its own envelope
    /// id, on its own queue). The idempotency key is claimed per handler: both run once, and a second message with the
    /// same key runs in neither.
    /// </summary>
    [Fact]
    public async Task with_separated_handlers_each_handler_of_a_keyed_subject_runs_once_and_a_duplicate_in_none()
    {
        await using var receiver = await Service.StartAsync("receiver", Stores, options =>
        {
            options.MultipleHandlerBehavior = global::Wolverine.MultipleHandlerBehavior.Separated;
            options.Discovery.IncludeType(typeof(OrderPlacedV2Handler)).IncludeType(typeof(OrderPlacedV2AuditHandler));
            global::Wolverine.Transports.Tcp.TcpTransportConfigurationExtensions.ListenAtPort(options, Port).UseDurableInbox();
            options.UseContracts(c => c.Add(Known.OrderPlacedUpToV2));
        });
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));
        var key = "o-" + Guid.NewGuid().ToString("N");

        await publisher.Bus.PublishAsync(new OrderPlacedV2 { OrderId = key, CustomerId = "c-1", Amount = 10 });
        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 2, "both separated handlers handled the first message");
        var marker = "o-" + Guid.NewGuid().ToString("N");
        await publisher.Bus.PublishAsync(new OrderPlacedV2 { OrderId = key, CustomerId = "c-1", Amount = 20 });
        await publisher.Bus.PublishAsync(new OrderPlacedV2 { OrderId = marker, CustomerId = "c-1", Amount = 30 });
        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Count(m => m.OrderId == marker) == 2, "both handlers handled a later message");
        await Task.Delay(500); // the duplicate went first on each queue; give a wrongly handled one time to show up too

        var handled = receiver.Received.Messages.Where(m => ((OrderPlacedV2)m.Message).OrderId == key).ToArray();
        Assert.Equal(new long[] { 10, 10 }, handled.Select(m => ((OrderPlacedV2)m.Message).Amount));
        Assert.Equal(2, handled.Select(m => m.Envelope.Destination).Distinct().Count()); // one copy per handler queue
    }

    [Fact]
    public async Task messages_with_one_partition_key_are_handled_in_order_while_different_keys_run_in_parallel()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedHandler), c => c.Add(Known.OrderPlacedUpToV3));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));
        string[] customers = ["alice", "bob", "carol"];
        const int PerCustomer = 15;

        var bus = publisher.Bus;
        for (var n = 0; n < PerCustomer; n++)
        {
            foreach (var customer in customers)
            {
                await bus.PublishAsync(new OrderPlaced { OrderId = $"{customer}-{n}", CustomerId = customer, Amount = n });
            }
        }

        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlaced>().Length == customers.Length * PerCustomer,
            "every message was handled", TimeSpan.FromSeconds(60));
        foreach (var customer in customers)
        {
            var amounts = receiver.Received.Of<OrderPlaced>().Where(m => m.CustomerId == customer).Select(m => m.Amount).ToArray();
            Assert.Equal(Enumerable.Range(0, PerCustomer).Select(n => (long)n), amounts);
        }

        Assert.True(receiver.Received.MaxConcurrent >= 2, $"different keys should run in parallel; at most {receiver.Received.MaxConcurrent} handler ran at once");
    }

    [Fact]
    public async Task a_trace_links_the_producer_span_to_the_consumer_span_across_the_outbox()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ContractsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(new OrderPlacedV1 { OrderId = "o-traced", CustomerId = "c-9", Amount = 3 });
        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 1, "the message was handled");
        var messageId = receiver.Received.Messages.Single().Envelope.Id.ToString("D");

        Activity? producer = null, consumer = null;
        await Eventually.UntilAsync(() =>
        {
            producer = stopped.FirstOrDefault(a => a.Kind == ActivityKind.Producer && Tag(a, "messaging.message.id") == messageId);
            consumer = stopped.FirstOrDefault(a => a.Kind == ActivityKind.Consumer && Tag(a, "messaging.message.id") == messageId);
            return producer is not null && consumer is not null;
        }, "both spans of the message were recorded");

        Assert.Equal(producer!.TraceId, consumer!.TraceId);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Equal("publish", Tag(producer, "messaging.operation.type"));
        Assert.Equal("process", Tag(consumer, "messaging.operation.type"));
        Assert.Equal("contracts.tests.OrderPlaced", Tag(consumer, "contracts.subject"));
        Assert.Equal("1", Tag(consumer, "contracts.version"));
        Assert.Equal("1", Tag(producer, "contracts.version"));
        Assert.NotNull(Tag(consumer, "messaging.destination.name"));
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name)?.ToString();
}

public sealed class SqliteDeliveryTests : DeliveryTests<SqliteServiceStore>;

public sealed class PostgresDeliveryTests : DeliveryTests<PostgresServiceStore>;
