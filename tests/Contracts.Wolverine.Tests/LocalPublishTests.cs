using System.Linq;
using System.Threading.Tasks;
using Contracts.Wolverine.Tests.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Eventually = Contracts.Storage.Conformance.Eventually;

namespace Contracts.Wolverine.Tests;

/// <summary>An older version published inside one process reaches the local handler of the latest version, upcast.</summary>
public sealed class LocalPublishTests : ServicesTest<SqliteServiceStore>
{
    private Task<Service> LocalServiceAsync(bool forwarders) =>
        Service.StartAsync("local", Stores, options =>
        {
            options.Discovery.IncludeType(typeof(OrderPlacedHandler)); // a plain handler of the latest version, no listener
            options.UseContracts(c => c.Add(ContractRegistry.All));
            if (forwarders)
            {
                options.RegisterContractForwarders();
            }
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task publishing_an_older_version_in_process_reaches_the_latest_handler_upcast(bool forwarders)
    {
        await using var service = await LocalServiceAsync(forwarders);

        // Wolverine alone finds no route for OrderPlacedV1 (it has no handler; forwarders count only when handling).
        var routes = service.Bus.PreviewSubscriptions(new OrderPlacedV1 { OrderId = "o-0", CustomerId = "c-1", Amount = 1 });
        Assert.Equal("local://contracts.tests.orderplaced.v3/", Assert.Single(routes).Destination!.ToString());

        await service.Bus.PublishAsync(new OrderPlacedV1 { OrderId = "o-1", CustomerId = "c-1", Amount = 990 });
        await service.Bus.PublishAsync(new OrderPlacedV2 { OrderId = "o-2", CustomerId = "c-1", Amount = 5, Currency = "USD" });

        await Eventually.UntilAsync(() => service.Received.Of<OrderPlaced>().Length == 2, "the v3 handler received both older versions");
        Assert.Equal(
            [
                new OrderPlaced { OrderId = "o-1", CustomerId = "c-1", Amount = 990, Currency = "EUR" },
                new OrderPlaced { OrderId = "o-2", CustomerId = "c-1", Amount = 5, Currency = "USD" },
            ],
            service.Received.Of<OrderPlaced>().OrderBy(m => m.OrderId));
    }
}
