using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Eventually = Contracts.Storage.Conformance.Eventually;
using Contracts.Wolverine.Tests.Contracts;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Transports.Tcp;

namespace Contracts.Wolverine.Tests;

/// <summary>Older and newer versions on the wire reach a handler written against the version a service knows.</summary>
public abstract class VersioningTests<TStore> : ServicesTest<TStore> where TStore : ServiceStore, new()
{
    private static OrderPlaced V3(string orderId, string note) => new() { OrderId = orderId, CustomerId = "c-1", Amount = 1250, Currency = "USD", Note = note };

    [Fact]
    public async Task a_v1_message_reaches_the_v2_handler_as_v2_with_cloudevents_headers()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(new OrderPlacedV1 { OrderId = "o-1", CustomerId = "c-1", Amount = 990 });

        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 1, "the v2 handler received the v1 message");
        var (message, envelope) = receiver.Received.Messages.Single();
        Assert.Equal(new OrderPlacedV2 { OrderId = "o-1", CustomerId = "c-1", Amount = 990, Currency = "EUR" }, message);
        Assert.Equal(ContractContentTypes.AvroBinary, envelope.ContentType);
        Assert.Equal("1.0", envelope.Headers[ContractHeaders.SpecVersion]);
        Assert.Equal("contracts.tests.OrderPlaced", envelope.Headers[ContractHeaders.Type]);
        Assert.Equal("/publisher", envelope.Headers[ContractHeaders.Source]);
        Assert.Equal(envelope.Id.ToString("D"), envelope.Headers[ContractHeaders.Id]);
        Assert.Equal("1", envelope.Headers[ContractHeaders.SchemaVersion]);
        Assert.Equal(OrderPlacedV1.ContractInfo.Fingerprint.ToString("x16"), envelope.Headers[ContractHeaders.SchemaFingerprint]);
        Assert.Equal("urn:contracts:contracts.tests.OrderPlaced:v1", envelope.Headers[ContractHeaders.DataSchema]);
        Assert.Equal("c-1", envelope.Headers[ContractHeaders.PartitionKey]);
        Assert.Equal("o-1", envelope.Headers[ContractHeaders.IdempotencyKey]);
        Assert.True(DateTimeOffset.TryParse(envelope.Headers[ContractHeaders.Time], out _));
    }

    [Fact]
    public async Task a_contract_sent_to_a_json_endpoint_travels_as_json_and_is_upcast_too()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.StartAsync("publisher", Stores, options =>
        {
            options.PublishAllMessages().ToPort(Port).UseDurableOutbox().UseContractsJson();
            options.UseContracts(c => c.Add(ContractRegistry.All));
        });

        await publisher.Bus.PublishAsync(new OrderPlacedV1 { OrderId = "o-2", CustomerId = "c-2", Amount = 5 });

        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 1, "the v2 handler received the JSON v1 message");
        var (message, envelope) = receiver.Received.Messages.Single();
        Assert.Equal(ContractContentTypes.Json, envelope.ContentType);
        Assert.Equal("o-2", ((OrderPlacedV2)message).OrderId);
    }

    [Fact]
    public async Task a_v3_message_is_read_as_v2_when_the_subject_allows_forward_reads()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));
        // With a shared store the publisher registers v3 at its startup; here each service has its own file.
        await RegisterV3In(receiver);

        await publisher.Bus.PublishAsync(V3("o-3", "gift wrap"));

        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 1, "the v2 handler received the v3 message");
        Assert.Equal(new OrderPlacedV2 { OrderId = "o-3", CustomerId = "c-1", Amount = 1250, Currency = "USD" }, receiver.Received.Messages.Single().Message);
    }

    [Fact]
    public async Task a_v3_message_with_an_unknown_schema_is_dead_lettered_then_handled_once_the_schema_is_known_and_it_is_requeued()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(OrderPlacedV2Handler), c => c.Add(Known.OrderPlacedUpToV2));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(V3("o-4", "late"));

        var dead = await receiver.SingleDeadLetterAsync();
        Assert.Equal(typeof(UnknownWriterSchemaException).FullName, dead.ExceptionType);
        Assert.StartsWith($"unknown writer schema {OrderPlaced.ContractInfo.Fingerprint:x16}", dead.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("schema table", dead.ExceptionMessage, StringComparison.Ordinal);
        Assert.Empty(receiver.Received.Messages);

        await RegisterV3In(receiver);
        await receiver.Store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery(new[] { dead.Id }), CancellationToken.None);

        await Eventually.UntilAsync(() => receiver.Received.Of<OrderPlacedV2>().Length == 1, "the re-queued v3 message was handled as v2");
        Assert.Equal("o-4", receiver.Received.Of<OrderPlacedV2>().Single().OrderId);
    }

    [Fact]
    public async Task a_newer_version_of_a_backward_only_subject_is_dead_lettered_with_the_reason()
    {
        await using var receiver = await Service.ReceiverAsync(Stores, Port, typeof(ShipmentBookedV1Handler), c => c.Add(Known.ShipmentBookedUpToV1));
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(new ShipmentBooked { ShipmentId = "s-1", Carrier = "ups" });

        var dead = await receiver.SingleDeadLetterAsync();
        Assert.Equal(typeof(UnknownWriterSchemaException).FullName, dead.ExceptionType);
        Assert.StartsWith($"unknown writer schema {ShipmentBooked.ContractInfo.Fingerprint:x16}", dead.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("Backward does not allow", dead.ExceptionMessage, StringComparison.Ordinal);
        Assert.Empty(receiver.Received.Messages);
    }

    private static Task RegisterV3In(Service service) =>
        ((IContractSchemaStore)service.Store).RegisterSchemasAsync(
            [new StoredContractSchema(OrderPlaced.ContractInfo.Fingerprint, OrderPlaced.ContractInfo.Subject, 3, OrderPlaced.ContractInfo.Schema, DateTimeOffset.UtcNow)],
            CancellationToken.None);
}

public sealed class SqliteVersioningTests : VersioningTests<SqliteServiceStore>;

public sealed class PostgresVersioningTests : VersioningTests<PostgresServiceStore>;
