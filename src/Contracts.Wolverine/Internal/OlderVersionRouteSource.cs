using System;
using System.Collections.Generic;
using System.Linq;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Routing;
using Wolverine.Transports.Sending;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// Routes an older contract version published in process to the local handlers of its latest version, upcast.
/// </summary>
/// <remarks>
/// Wolverine's local routing only routes a message type that has a handler, and message forwarders count only once a
/// message is handled (<c>InvokeAsync</c>), not for routing: <c>PublishAsync(new OrderPlacedV1 { … })</c> found no route
/// and was dropped without a word. For an older version this source returns the latest version's <b>local</b> routes,
/// each upcasting the message before it builds the envelope. It is additive and pass-through, so every other source
/// still routes the message exactly as before: an explicit rule that sends the old version to a transport keeps
/// sending it as written (the receiver upcasts it), and a type with no local handler of its latest version is left
/// to Wolverine as before.
/// </remarks>
internal sealed class OlderVersionRouteSource : IPassThroughMessageRouteSource
{
    private readonly ContractsRuntime _runtime;

    public OlderVersionRouteSource(ContractsRuntime runtime) => _runtime = runtime;

    public bool IsAdditive => true;

    public bool IsPassThrough => true;

    public IEnumerable<IMessageRoute> FindRoutes(Type messageType, IWolverineRuntime runtime)
    {
        if (_runtime.Find(messageType) is not { Registration: { IsLatest: false } registration })
        {
            return [];
        }

        return runtime.RoutingFor(registration.LatestType).Routes
            .Where(route => route.Describe().Endpoint.Scheme == "local")
            .Select(route => new UpcastingRoute(route, registration))
            .ToArray();
    }

    public RouteSourceDescriptor Describe(IWolverineRuntime runtime) => new()
    {
        Name = nameof(OlderVersionRouteSource),
        Description = "Contracts: an older contract version goes to the local queues of its latest version, upcast by the generated upcaster",
        IsAdditive = true,
    };

    /// <summary>A route of the latest version that upcasts the older message before building the envelope.</summary>
    private sealed class UpcastingRoute(IMessageRoute latest, global::Contracts.ContractRegistration registration) : IMessageRoute
    {
        public Envelope CreateForSending(object message, DeliveryOptions? options, ISendingAgent localDurableQueue, WolverineRuntime runtime, string? topicName)
            => latest.CreateForSending(registration.UpcastToLatest(message), options, localDurableQueue, runtime, topicName);

        public MessageSubscriptionDescriptor Describe()
        {
            var inner = latest.Describe();
            return new MessageSubscriptionDescriptor
            {
                Endpoint = inner.Endpoint,
                ContentType = inner.ContentType,
                Description = $"{registration.Info.ClrType.Name} upcast to {registration.LatestType.Name}, then {inner.Description}",
                Partitions = inner.Partitions,
            };
        }
    }
}
