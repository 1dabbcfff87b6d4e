using System;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Wolverine.Tests.ContractHandlers;
using Contracts.Wolverine.Tests.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Transports.Tcp;
using Eventually = Contracts.Storage.Conformance.Eventually;

namespace Contracts.Wolverine.Tests;

/// <summary>A service whose handler of a subject is a generated shell, on real Wolverine hosts.</summary>
public sealed class GeneratedHandlerTests : ServicesTest<SqliteServiceStore>
{
    private Task<Service> ShellReceiverAsync() =>
        Service.StartAsync("receiver", Stores, options =>
        {
            // The generated shell is the only handler of OrderPlaced; a plain Wolverine handler serves another subject.
            options.Discovery.IncludeType(typeof(ContractHandlers.OrderPlacedHandler));
            options.Discovery.IncludeType(typeof(CustomerRegisteredHandler));
            options.Services.AddSingleton(new ShellCalls());
            options.ListenAtPort(Port).UseDurableInbox();
            options.UseContracts(c => c.Add(ContractRegistry.All));
        });

    [Fact]
    public async Task a_v1_message_reaches_the_business_method_of_the_generated_shell_as_the_latest_version_and_a_plain_handler_still_works()
    {
        await using var receiver = await ShellReceiverAsync();
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(new OrderPlacedV1 { OrderId = "o-1", CustomerId = "c-1", Amount = 990 });
        await publisher.Bus.PublishAsync(new CustomerRegistered { CustomerId = "c-9", Name = "Nine" });

        var calls = receiver.Host.Services.GetRequiredService<ShellCalls>();
        await Eventually.UntilAsync(() => !calls.Calls.IsEmpty, "the business method was called");
        await Eventually.UntilAsync(() => receiver.Received.Of<CustomerRegistered>().Length == 1, "the plain handler received its message");

        var (message, context) = Assert.Single(calls.Calls);
        Assert.Equal(new OrderPlaced { OrderId = "o-1", CustomerId = "c-1", Amount = 990, Currency = "EUR", Note = null }, message);
        Assert.Equal("contracts.tests.OrderPlaced", context.Subject);
        Assert.Equal(1, context.WrittenVersion);
        Assert.Equal(3, context.HandledVersion);
        Assert.True(context.WasUpcast);
        Assert.Equal("/publisher", context.Source);
        Assert.Equal("c-1", context.PartitionKey);
        Assert.Equal("o-1", context.IdempotencyKey);
        Assert.NotEqual(Guid.Empty, context.MessageId);
        Assert.Equal(context.MessageId, context.Envelope!.Id);
    }

    [Fact]
    public async Task the_shell_goes_through_the_contracts_pipeline_so_a_second_message_with_the_same_idempotency_key_is_skipped()
    {
        await using var receiver = await ShellReceiverAsync();
        await using var publisher = await Service.PublisherAsync(Stores, Port, c => c.Add(ContractRegistry.All));

        await publisher.Bus.PublishAsync(new OrderPlaced { OrderId = "o-2", CustomerId = "c-2", Amount = 1 });
        var calls = receiver.Host.Services.GetRequiredService<ShellCalls>();
        await Eventually.UntilAsync(() => calls.Calls.Count == 1, "the first message was handled");
        await publisher.Bus.PublishAsync(new OrderPlaced { OrderId = "o-2", CustomerId = "c-2", Amount = 2 });
        await publisher.Bus.PublishAsync(new CustomerRegistered { CustomerId = "c-3", Name = "Three" });
        await Eventually.UntilAsync(() => receiver.Received.Of<CustomerRegistered>().Length == 1, "a later message was handled");
        await Task.Delay(300);

        var (message, context) = Assert.Single(calls.Calls);
        Assert.Equal(1, message.Amount);
        Assert.False(context.WasUpcast);
        Assert.Equal(3, context.WrittenVersion);
    }

    [Fact]
    public async Task an_in_process_invoke_reaches_the_business_method_with_the_handled_version_as_written()
    {
        await using var receiver = await ShellReceiverAsync();

        await receiver.Bus.InvokeAsync(new OrderPlaced { OrderId = "o-3", CustomerId = "c-3", Amount = 3 });

        var (message, context) = Assert.Single(receiver.Host.Services.GetRequiredService<ShellCalls>().Calls);
        Assert.Equal("o-3", message.OrderId);
        Assert.Equal(3, context.WrittenVersion);
        Assert.False(context.WasUpcast);
    }
}
