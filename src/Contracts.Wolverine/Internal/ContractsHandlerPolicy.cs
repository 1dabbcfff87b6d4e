using System.Collections.Generic;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime.Handlers;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// Applied when Wolverine compiles its handler graph at startup, after every other piece of configuration: maps each
/// subject (the wire message type) to its latest known version, and appends the default failure policy last, so that
/// per-subject and user policies (which Wolverine checks first) win over it.
/// </summary>
internal sealed class ContractsHandlerPolicy : IHandlerPolicy
{
    private readonly ContractsRuntime _runtime;

    public ContractsHandlerPolicy(ContractsRuntime runtime) => _runtime = runtime;

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        _runtime.Attach(container.Services);
        var graph = container.Services.GetRequiredService<HandlerGraph>();
        foreach (var subject in _runtime.Catalog.Subjects)
        {
            var latest = _runtime.Catalog.Latest(subject)!.Info.ClrType;
            if (!graph.TryFindMessageType(subject, out _))
            {
                graph.RegisterMessageType(latest, subject);
            }
        }

        var options = _runtime.Options;
        if (options.ApplyDefaultFailurePolicy)
        {
            var delays = options.RetryDelays();
            var policy = graph.OnException(e => e is not DuplicateIncomingEnvelopeException);
            IAdditionalActions then = delays.Count == 0
                ? policy.MoveToErrorQueue()
                : policy.RetryWithCooldown([.. delays]).WithExponentialJitter().Then.MoveToErrorQueue();
            then.And((_, lifecycle, exception) =>
            {
                var subject = lifecycle.Envelope?.Message is { } message ? _runtime.Find(message.GetType())?.Subject : null;
                ContractsInstrumentation.DeadLettered(subject, exception);
                return default;
            }, "count dead letters of contracts");
        }
    }
}
