using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Upcasting.Contracts.Customers;
using Upcasting.Contracts.Orders;
using Upcasting.Generated;
using Wolverine;

namespace Contracts.Upcasting.Tests;

/// <summary>Handlers of the latest version, for the Wolverine host below.</summary>
public sealed class LatestVersionHandlers
{
    /// <summary>Every message the handlers received.</summary>
    public static ConcurrentQueue<object> Received { get; } = new();

    /// <summary>Handles the latest OrderPlaced.</summary>
    public static void Handle(OrderPlaced message) => Received.Enqueue(message);

    /// <summary>Handles the latest CustomerMoved.</summary>
    public static void Handle(CustomerMoved message) => Received.Enqueue(message);
}

/// <summary>A real Wolverine host: a handler written against the latest version receives every older version upcast.</summary>
public class WolverineForwardingTests
{
    [Fact]
    public async Task a_handler_of_the_latest_version_receives_older_versions_upcast()
    {
        using var host = await Host.CreateDefaultBuilder()
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(LatestVersionHandlers));
                options.RegisterContractForwarders(); // generated: one RegisterMessageForwarder<Old, Latest>() per older version
            })
            .StartAsync();
        var bus = host.Services.GetRequiredService<IMessageBus>();
        LatestVersionHandlers.Received.Clear();

        await bus.InvokeAsync(new OrderPlacedV1 { OrderId = Guid.Empty, Customer = "c-1", Quantity = 2, Status = OrderPlacedV1.StatusType.New, Lines = [] });
        await bus.InvokeAsync(new OrderPlacedV3 { OrderId = Guid.Empty, CustomerId = "c-3", Quantity = 1.5, Status = OrderPlacedV3.StatusType.Paid, Lines = [] });
        await bus.InvokeAsync(new CustomerMovedV1 { CustomerId = "c-9", Address = "9 Elm St, Ogdenville" });
        await bus.InvokeAsync(new OrderPlaced { OrderId = Guid.Empty, CustomerId = "c-4", Quantity = 4, Status = OrderPlaced.StatusType.New, Lines = [] });

        Assert.Collection(LatestVersionHandlers.Received,
            m => Assert.Equal("c-1", Assert.IsType<OrderPlaced>(m).CustomerId),
            m => Assert.Equal(OrderPlaced.StatusType.Paid, Assert.IsType<OrderPlaced>(m).Status),
            m => Assert.Equal("Ogdenville", Assert.IsType<CustomerMoved>(m).City),
            m => Assert.Equal("c-4", Assert.IsType<OrderPlaced>(m).CustomerId));
        await host.StopAsync();
    }
}
