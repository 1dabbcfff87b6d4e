using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.Internal;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Contracts.Wolverine;

/// <summary>
/// Wolverine middleware that <c>UseContracts</c> applies to every handler of a contract: a consumer span that continues
/// the producer's trace, business-key de-duplication for subjects with an idempotency key, and the handled counter.
/// Wolverine creates one per message; it is public only because generated handler code constructs it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ContractsMiddleware
{
    private readonly ContractsRuntime _runtime;
    private Activity? _activity;
    private string? _subject;
    private string? _version;

    /// <summary>Creates the middleware for one message.</summary>
    /// <param name="runtime">The shared contracts state.</param>
    public ContractsMiddleware(ContractsRuntime runtime) => _runtime = runtime;

    /// <summary>Starts the consumer span; stops the chain when the message's idempotency key belongs to another message.</summary>
    /// <param name="envelope">The message being handled.</param>
    /// <param name="cancellation">Host shutdown.</param>
    public async Task<HandlerContinuation> BeforeAsync(Envelope envelope, CancellationToken cancellation)
    {
        var entry = envelope.Message is { } message ? _runtime.Find(message.GetType()) : null;
        if (entry is null)
        {
            return HandlerContinuation.Continue;
        }

        _subject = entry.Subject;
        _version = envelope.Headers.TryGetValue(ContractHeaders.SchemaVersion, out var written) ? written : entry.VersionText;
        StartActivity(envelope, entry);

        if (entry.IdempotencyKey is not { } keyOf)
        {
            return HandlerContinuation.Continue;
        }

        var key = keyOf(envelope.Message!);
        if (_runtime.Store is not IIdempotencyKeyStore store)
        {
            throw new InvalidOperationException(
                $"{entry.Subject} declares the idempotency key '{entry.Info.IdempotencyKeyField}', but the message store " +
                $"({_runtime.Store?.GetType().Name ?? "none"}) does not implement IIdempotencyKeyStore. Use the SQLite or PostgreSQL store of Contracts.");
        }

        // Separated handlers of one subject each claim the key for themselves (their copies have different envelope ids).
        var claimedFor = _runtime.ClaimScope(envelope) is { } scope ? entry.Subject + "@" + scope : entry.Subject;
        if (await store.TryClaimIdempotencyKeyAsync(claimedFor, key, envelope.Id, cancellation).ConfigureAwait(false))
        {
            return HandlerContinuation.Continue;
        }

        _runtime.Logger.LogInformation(
            "Ignored message {MessageId} of {Subject}: its idempotency key {KeyField}={Key} was already claimed by another message.",
            envelope.Id, entry.Subject, entry.Info.IdempotencyKeyField, key);
        ContractsInstrumentation.Duplicate(entry.Subject);
        _activity?.SetTag("contracts.duplicate", true);
        _subject = null; // not counted as handled
        return HandlerContinuation.Stop;
    }

    /// <summary>Counts the message as handled once its handler succeeded.</summary>
    public void After()
    {
        if (_subject is not null)
        {
            ContractsInstrumentation.Handled(_subject, _version);
        }

        _activity?.SetStatus(ActivityStatusCode.Ok);
    }

    /// <summary>Ends the consumer span, whatever the outcome.</summary>
    public void Finally()
    {
        _activity?.Dispose();
        _activity = null;
    }

    private void StartActivity(Envelope envelope, ContractEntry entry)
    {
        if (!ContractsInstrumentation.Source.HasListeners())
        {
            return;
        }

        // The producer's context comes from the W3C header (it survives the outbox and any transport); Wolverine's own
        // handling span, when there is one, is linked, so both traces meet.
        ActivityContext parent = default;
        if (envelope.Headers.TryGetValue(ContractHeaders.TraceParent, out var traceParent) && traceParent is not null)
        {
            envelope.Headers.TryGetValue(ContractHeaders.TraceState, out var traceState);
            ActivityContext.TryParse(traceParent, traceState, isRemote: true, out parent);
        }

        var links = Activity.Current is { } ambient && ambient.TraceId != parent.TraceId
            ? new[] { new ActivityLink(ambient.Context) }
            : null;
        _activity = parent == default
            ? ContractsInstrumentation.Source.StartActivity("process " + entry.Subject, ActivityKind.Consumer)
            : ContractsInstrumentation.Source.StartActivity("process " + entry.Subject, ActivityKind.Consumer, parent, links: links);
        if (_activity is not null)
        {
            ContractsInstrumentation.SetMessagingTags(_activity, "process", envelope, entry.Subject, _version);
        }
    }
}
