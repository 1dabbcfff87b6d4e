using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JasperFx.Descriptors;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Persistence.Sagas;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>Wolverine's message store in one PostgreSQL schema, shared by every node of a service.</summary>
internal sealed partial class PostgresMessageStore : IMessageStoreWithAgentSupport, ISagaSupport, global::Contracts.Wolverine.IOutboxTransactionSource
{
    async Task<global::Contracts.Wolverine.OutboxTransaction> global::Contracts.Wolverine.IOutboxTransactionSource.BeginOutboxTransactionAsync(MessageContext context, CancellationToken cancellation)
        => await PostgresMessageStoreExtensions.BeginAsync(this, context, cancellation).ConfigureAwait(false);

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly PostgresNodePersistence _nodes;
    private bool _initialized;

    public PostgresMessageStore(PostgresMessageStoreOptions options, DurabilitySettings durability)
    {
        Options = options;
        Durability = durability;
        Database = new PostgresDatabase(options);
        Uri = new Uri($"wolverinedb://postgresql/{Uri.EscapeDataString(Database.Host)}/{Uri.EscapeDataString(Database.DatabaseName)}/{Uri.EscapeDataString(options.SchemaName)}");
        Inbox = new PostgresInbox(this);
        Outbox = new PostgresOutbox(this);
        Admin = new PostgresStoreAdmin(this);
        DeadLetters = new PostgresDeadLetters(this);
        ScheduledMessages = new PostgresScheduledMessages(this);
        _nodes = new PostgresNodePersistence(this);
        EventLog = new PostgresEventLog(this);
    }

    /// <summary>The event log in this schema: appended by outbox commits, read by subscriptions and the CLI.</summary>
    public PostgresEventLog EventLog { get; }

    public PostgresMessageStoreOptions Options { get; }

    public DurabilitySettings Durability { get; }

    public PostgresDatabase Database { get; }

    public IWolverineRuntime? Runtime { get; private set; }

    /// <summary>This node's number: owner id of the envelopes it is working on.</summary>
    public int NodeNumber => Durability.AssignedNodeNumber;

    private bool Balanced => Durability.Mode == DurabilityMode.Balanced;

    /// <summary>
    /// Whether this node may claim envelopes: always in Solo mode; in Balanced mode once its node record holds the
    /// number it claims under (Wolverine starts the scheduled-job agent before the node registers).
    /// </summary>
    public bool CanClaim => !Balanced || _nodes.IsRegistered(NodeNumber);

    public MessageStoreRole Role { get; private set; } = MessageStoreRole.Main;

    public List<string> TenantIds { get; } = new();

    public Uri Uri { get; }

    public bool HasDisposed { get; private set; }

    public IMessageInbox Inbox { get; }

    public IMessageOutbox Outbox { get; }

    public INodeAgentPersistence Nodes => _nodes;

    public IListenerStore Listeners => NullListenerStore.Instance;

    public IMessageStoreAdmin Admin { get; }

    public IDeadLetters DeadLetters { get; }

    public IScheduledMessages ScheduledMessages { get; }

    public string Name => "postgresql:" + Database.Where;

    public async Task EnsureSchemaAsync(CancellationToken cancellation = default)
    {
        if (_initialized)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            if (Options.AutoMigrate)
            {
                await SchemaMigrator.MigrateAsync(Database, cancellation).ConfigureAwait(false);
            }
            else
            {
                await SchemaMigrator.AssertProvisionedAsync(Database, cancellation).ConfigureAwait(false);
            }

            _initialized = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    public void Initialize(IWolverineRuntime runtime)
    {
        Runtime = runtime;
        // Wolverine's Initialize is synchronous and runs before anything touches the tables.
        EnsureSchemaAsync().GetAwaiter().GetResult();
    }

    public DatabaseDescriptor Describe() => new(this)
    {
        Engine = "postgresql",
        ServerName = Database.Server,
        DatabaseName = Database.DatabaseName,
        SchemaOrNamespace = Options.SchemaName,
        Identifier = Database.Where,
        SubjectUri = Uri,
    };

    public Task DrainAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs on every node (Wolverine starts it on each): fires due scheduled messages and recovers unowned envelopes.
    /// Claims skip rows another node has locked, so the nodes share the work and each row goes to one of them.
    /// </summary>
    public IAgent StartScheduledJobs(IWolverineRuntime runtime)
    {
        Runtime ??= runtime;
        var duties = DurabilityAgent.Duties.FireScheduled | DurabilityAgent.Duties.Recover | DurabilityAgent.Duties.Cleanup
                     | (Balanced ? DurabilityAgent.Duties.ReleaseOrphans : DurabilityAgent.Duties.None);
        var agent = new DurabilityAgent(this, runtime, duties, new Uri("postgresql-durability://" + Uri.AbsolutePath.TrimStart('/')));
        // Wolverine does not start this agent itself; it only stops it.
        _ = agent.StartAsync(default);
        return agent;
    }

    /// <summary>
    /// The agent Wolverine assigns to one node (the leader's choice in Balanced mode). Recovery already runs on
    /// every node, so this one only keeps Wolverine's agent bookkeeping whole.
    /// </summary>
    public IAgent BuildAgent(IWolverineRuntime runtime)
    {
        Runtime ??= runtime;
        return new DurabilityAgent(this, runtime, DurabilityAgent.Duties.None, Uri);
    }

    public Task<IReadOnlyList<Envelope>> LoadPageOfGloballyOwnedIncomingAsync(Uri listenerAddress, int limit) =>
        Database.RunAsync<IReadOnlyList<Envelope>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"SELECT {EnvelopeRows.IncomingColumns} FROM {Database.Tables.Incoming} WHERE status = 'Incoming' AND owner_id = 0 AND received_at = @uri LIMIT @limit;")
                .With("uri", listenerAddress.ToString()).With("limit", limit);
            return await EnvelopeRows.ReadIncomingAsync(command, Database, token).ConfigureAwait(false);
        }, $"loading unowned incoming envelopes of {listenerAddress}");

    public Task ReassignIncomingAsync(int ownerId, IReadOnlyList<Envelope> incoming) =>
        Database.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"UPDATE {Database.Tables.Incoming} SET owner_id = @owner WHERE id = ANY(@ids);")
                .With("owner", ownerId).WithIds("ids", System.Linq.Enumerable.Select(incoming, e => e.Id));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, "reassigning incoming envelopes");

    /// <summary>Atomically takes the rows still unowned for this node; returns those it took.</summary>
    public async Task<IReadOnlyList<Envelope>> TryClaimIncomingAsync(int ownerId, IReadOnlyList<Envelope> incoming)
    {
        var taken = await Database.RunAsync(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"UPDATE {Database.Tables.Incoming} SET owner_id = @owner WHERE id IN (SELECT id FROM {Database.Tables.Incoming} " +
                    "WHERE id = ANY(@ids) AND status = 'Incoming' AND owner_id = 0 FOR UPDATE SKIP LOCKED) RETURNING id;")
                .With("owner", ownerId).WithIds("ids", System.Linq.Enumerable.Select(incoming, e => e.Id));
            var ids = new HashSet<Guid>();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                ids.Add(reader.GetGuid(0));
            }

            return ids;
        }, "claiming incoming envelopes").ConfigureAwait(false);
        var claimed = new List<Envelope>();
        foreach (var envelope in incoming)
        {
            if (taken.Contains(envelope.Id))
            {
                envelope.OwnerId = ownerId;
                claimed.Add(envelope);
            }
        }

        return claimed;
    }

    /// <summary>Saga handlers: the saga row, outgoing messages and the event-log append share one outbox transaction.</summary>
    public async ValueTask<ISagaStorage<TId, TSaga>> EnrollAndFetchSagaStorage<TId, TSaga>(MessageContext context) where TSaga : Saga
    {
        var transaction = await context.BeginPostgresTransactionAsync().ConfigureAwait(false);
        return new PostgresSagaStorage<TId, TSaga>(transaction, Options.SagaSerializerOptions, Database);
    }

    public void PromoteToMain(IWolverineRuntime runtime) => Role = MessageStoreRole.Main;

    public void DemoteToAncillary() => Role = MessageStoreRole.Ancillary;

    /// <summary>A round trip to the server and a look at the schema (with retries): <c>CheckConnectivityAsync</c>.</summary>
    public Task CheckHealthAsync(CancellationToken cancellation) =>
        Database.RunAsync((_, token) => Database.ProbeAsync(token), "checking connectivity", cancellation);

    public async ValueTask DisposeAsync()
    {
        if (HasDisposed)
        {
            return;
        }

        HasDisposed = true;
        await _nodes.DisposeAsync().ConfigureAwait(false);
        // The pool is emptied but the data source stays usable: the container can dispose the store before
        // Wolverine has written its last handled marks, and those must still commit.
        Database.DataSource.Clear();
    }
}
