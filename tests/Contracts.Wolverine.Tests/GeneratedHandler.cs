using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.Tests.Contracts;

// This service consumes OrderPlaced through a generated handler shell: the generator emits the Wolverine Handle
// method of ContractHandlers.OrderPlacedHandler, this file writes only the business method.
[assembly: global::Contracts.ConsumesContract("contracts.tests.OrderPlaced")]

namespace Contracts.Wolverine.Tests.ContractHandlers;

/// <summary>What the generated shell passed to the business method.</summary>
public sealed class ShellCalls
{
    public ConcurrentQueue<(OrderPlaced Message, ContractMessageContext Context)> Calls { get; } = new();
}

/// <summary>The service's part of the generated handler: constructor injection and the business method.</summary>
public partial class OrderPlacedHandler(ShellCalls calls, Received received)
{
    private partial Task HandleAsync(OrderPlaced message, ContractMessageContext context, CancellationToken cancellation)
    {
        calls.Calls.Enqueue((message, context));
        received.Add(message, context.Envelope!);
        return Task.CompletedTask;
    }
}
