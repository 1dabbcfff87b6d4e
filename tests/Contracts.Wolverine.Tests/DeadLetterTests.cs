using System;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Avro;
using Microsoft.Extensions.DependencyInjection;
using Contracts.Wolverine.Tests.Contracts;
using Eventually = Contracts.Storage.Conformance.Eventually;

namespace Contracts.Wolverine.Tests;

/// <summary>Payloads that cannot be read go to dead letters with their reason; the listener keeps going.</summary>
public sealed class DeadLetterTests : ServicesTest<SqliteServiceStore>
{
    [Fact]
    public async Task an_undecodable_payload_is_dead_lettered_with_its_reason_and_the_listener_keeps_going()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(
        [
            global::Contracts.ContractRegistration.Create<OrderPlacedV1>(new TruncatingOrderPlacedV1Codec(), null),
            global::Contracts.ContractRegistration.Create<OrderPlacedV2>(OrderPlacedV2AvroCodec.Instance, OrderPlacedV2JsonCodec.Instance),
        ]));

        await publisher.Bus.PublishAsync(new OrderPlacedV1 { OrderId = "o-bad", CustomerId = "c-1", Amount = 1 });
        var dead = await receiver.SingleDeadLetterAsync();
        Assert.Equal(typeof(ContractDecodeException).FullName, dead.ExceptionType);
        Assert.Contains("as contracts.tests.OrderPlaced v1 (avro/binary", dead.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("Invalid Avro input at byte", dead.ExceptionMessage, StringComparison.Ordinal);

        await publisher.Bus.PublishAsync(new OrderPlacedV2 { OrderId = "o-good", CustomerId = "c-1", Amount = 2 });
        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Any(m => m.OrderId == "o-good"), "the next message was handled");
        Assert.DoesNotContain(receiver.Received.Of<OrderPlacedV2>(), m => m.OrderId == "o-bad");
    }

    [Fact]
    public async Task a_json_payload_violating_its_schema_is_dead_lettered_with_the_violation()
    {
        var customerRegistered = ContractRegistry.All.Where(r => r.Info.ClrType == typeof(CustomerRegistered)).ToArray();
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(CustomerRegisteredHandler), c => c.Add(customerRegistered));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(customerRegistered));

        await publisher.Bus.PublishAsync(new CustomerRegistered { CustomerId = "c-1", Name = "x" });
        var dead = await receiver.SingleDeadLetterAsync();
        Assert.Equal(typeof(ContractValidationException).FullName, dead.ExceptionType);
        Assert.Contains("violates the schema of contracts.tests.CustomerRegistered v1", dead.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("StringTooShort", dead.ExceptionMessage, StringComparison.Ordinal);

        await publisher.Bus.PublishAsync(new CustomerRegistered { CustomerId = "c-2", Name = "Ada" });
        await Eventually.UntilAsync(() => receiver.Received.Of<CustomerRegistered>().Any(m => m.CustomerId == "c-2"), "a valid message was handled");
        var (_, envelope) = receiver.Received.Messages.Single();
        Assert.Equal(ContractContentTypes.Json, envelope.ContentType);
    }

    [Fact]
    public async Task a_failing_handler_is_retried_with_backoff_then_dead_lettered_after_the_configured_attempts()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(FailingShipmentHandler), c =>
        {
            c.Add(Known.ShipmentBookedUpToV1);
            c.MaxAttempts = 3;
            c.InitialRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(new ShipmentBookedV1 { ShipmentId = "s-9" });

        var dead = await receiver.SingleDeadLetterAsync();
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.ExceptionType);
        Assert.Equal("carrier for s-9 is down", dead.ExceptionMessage);
        Assert.Equal(3, receiver.Received.Messages.Count);
        Assert.Single(receiver.Host.Services.GetServices<global::Contracts.ContractCatalog>());
    }

    /// <summary>A broken publisher: writes the order id and stops, so the payload ends in the middle of the record.</summary>
    private sealed class TruncatingOrderPlacedV1Codec : IAvroCodec<OrderPlacedV1>
    {
        public void Write(ref AvroWriter writer, OrderPlacedV1 value) => writer.WriteString(value.OrderId);

        public OrderPlacedV1 Read(ref AvroReader reader) => OrderPlacedV1AvroCodec.Instance.Read(ref reader);
    }
}
