using System;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Transport;
using Wolverine.Configuration;
using Wolverine.Runtime;
using Wolverine.Transports;
using Wolverine.Transports.Sending;

namespace Contracts.Storage.Postgres;

/// <summary>
/// A PostgreSQL queue as a Wolverine endpoint (<c>pgqueue://name</c>): a table that senders insert into and listeners
/// claim from. Durable (the default: outbox when sending, inbox when listening), buffered in memory, or inline.
/// </summary>
public sealed class PostgresQueue : Endpoint
{
    internal PostgresQueue(PostgresTransport transport, string queueName)
        : base(new Uri($"{PostgresTransport.ProtocolName}://{queueName}"), EndpointRole.Application)
    {
        Transport = transport;
        QueueName = queueName;
        EndpointName = queueName;
        Mode = EndpointMode.Durable;
    }

    internal PostgresTransport Transport { get; }

    /// <summary>The queue's name (its table is <c>queue_&lt;name&gt;</c> in the transport schema).</summary>
    public string QueueName { get; }

    /// <summary>How many messages a listener claims in one statement. Default 20.</summary>
    public int ClaimBatchSize { get; set; } = 20;

    /// <summary>
    /// How many claimed messages one listener holds at most before Wolverine completes them (durable: stored in the
    /// inbox; inline: handled; buffered: taken into memory); it claims more as they complete. Keeps one node from
    /// leasing a backlog the other consumers could be working on. Default 100.
    /// </summary>
    public int MaximumInFlight { get; set; } = 100;

    /// <summary>This queue's idle polling interval; null uses <see cref="PostgresTransportOptions.PollingInterval"/>.</summary>
    public TimeSpan? PollingInterval { get; set; }

    private QueueTable? _table;

    internal QueueTable Table => _table ??= new QueueTable(Transport.QuotedSchema, QueueName);

    /// <inheritdoc />
    protected override bool supportsMode(EndpointMode mode) =>
        mode is EndpointMode.Durable or EndpointMode.BufferedInMemory or EndpointMode.Inline;

    /// <inheritdoc />
    public override async ValueTask<IListener> BuildListenerAsync(IWolverineRuntime runtime, IReceiver receiver)
    {
        await Transport.EnsureProvisionedAsync(this, CancellationToken.None).ConfigureAwait(false);
        var listener = new PostgresQueueListener(this, runtime, receiver);
        listener.Start();
        return listener;
    }

    /// <inheritdoc />
    protected override ISender CreateSender(IWolverineRuntime runtime) => new PostgresQueueSender(this);
}
