using System;
using Wolverine;

namespace Contracts.Wolverine;

/// <summary>
/// What a generated handler shell tells the business method about the message it handles: the subject, the version
/// the payload was written with and whether it was upcast, the CloudEvents attributes from the envelope, and the
/// Wolverine context to publish from. Built per message from the envelope's <see cref="ContractHeaders"/>.
/// </summary>
public sealed class ContractMessageContext
{
    private ContractMessageContext(IMessageContext bus, ContractInfo handled)
    {
        Bus = bus;
        // Captured now: Wolverine clears its context once the handler is done, and a business method may keep this object.
        Envelope = bus.Envelope;
        MessageId = Envelope?.Id ?? Guid.Empty;
        Subject = handled.Subject;
        HandledVersion = handled.Version;
        var headers = Envelope?.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        WrittenVersion = int.TryParse(Header(ContractHeaders.SchemaVersion), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var written)
            ? written
            : handled.Version;
        Source = Header(ContractHeaders.Source);
        PartitionKey = Header(ContractHeaders.PartitionKey) ?? Envelope?.PartitionKey;
        IdempotencyKey = Header(ContractHeaders.IdempotencyKey);
        CausationId = Header(ContractHeaders.CausationId);
        CorrelationId = Header(ContractHeaders.CorrelationId) ?? Envelope?.CorrelationId;
    }

    /// <summary>The context of <paramref name="message"/> as Wolverine delivers it (generated shells call this).</summary>
    /// <typeparam name="T">The contract type the handler takes: the subject's latest version.</typeparam>
    /// <param name="message">The message being handled.</param>
    /// <param name="bus">Wolverine's context of that message.</param>
    public static ContractMessageContext For<T>(T message, IMessageContext bus) where T : IContract
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(bus);
        return new ContractMessageContext(bus, T.ContractInfo);
    }

    /// <summary>Wolverine's context of this message: publish, send or schedule from the handler through it.</summary>
    public IMessageContext Bus { get; }

    /// <summary>The envelope being handled (null only outside a Wolverine handler).</summary>
    public Envelope? Envelope { get; }

    /// <summary>The message id.</summary>
    public Guid MessageId { get; }

    /// <summary>The subject.</summary>
    public string Subject { get; }

    /// <summary>The version the handler receives: the subject's latest version in this service.</summary>
    public int HandledVersion { get; }

    /// <summary>
    /// The version the payload was written with (<c>ce-schemaversion</c>); the handled version when no header says
    /// otherwise (a message invoked in process).
    /// </summary>
    public int WrittenVersion { get; }

    /// <summary>True when the payload was written with an older version and upcast to the handled one.</summary>
    public bool WasUpcast => WrittenVersion < HandledVersion;

    /// <summary>CloudEvents <c>source</c>: the publishing service, when the envelope carries it.</summary>
    public string? Source { get; }

    /// <summary>The partition key, when the subject declares one.</summary>
    public string? PartitionKey { get; }

    /// <summary>The idempotency key, when the subject declares one (the middleware has claimed it before the handler runs).</summary>
    public string? IdempotencyKey { get; }

    /// <summary>The id of the message whose handler published this one, when known.</summary>
    public string? CausationId { get; }

    /// <summary>The correlation id of the conversation.</summary>
    public string? CorrelationId { get; }
}
