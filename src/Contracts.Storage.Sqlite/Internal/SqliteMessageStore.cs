using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data;
using System.Threading.Tasks;
using JasperFx.Descriptors;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.ScheduledMessageManagement;
using Wolverine.Persistence.Sagas;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Wolverine's message store on one SQLite file, for <c>DurabilityMode.Solo</c>.</summary>
internal sealed partial class SqliteMessageStore : IMessageStoreWithAgentSupport, ISagaSupport
{
    /// <summary>Outbox transactions take turns at the write gate, so a few open connections serve them all.</summary>
    private const int MaxIdleConnections = 4;

    private readonly ConcurrentStack<SqliteConnection> _idleConnections = new();
    private bool _initialized;

    public SqliteMessageStore(SqliteMessageStoreOptions options, DurabilitySettings durability)
    {
        Options = options;
        Durability = durability;
        Factory = new SqliteConnectionFactory(options);
        Writer = new BatchingWriter(Factory, options.MaxBatchSize, Gate);
        Uri = new Uri("wolverinedb://sqlite/" + Uri.EscapeDataString(Factory.DatabasePath.TrimStart('/')));
        Inbox = new SqliteInbox(this);
        Outbox = new SqliteOutbox(this);
        Admin = new SqliteStoreAdmin(this);
        DeadLetters = new SqliteDeadLetters(this);
        ScheduledMessages = new SqliteScheduledMessages(this);
        EventLog = new SqliteEventLog(this);
    }

    /// <summary>The event log on this file: appended by outbox commits, read by subscriptions and the CLI.</summary>
    public SqliteEventLog EventLog { get; }

    public SqliteMessageStoreOptions Options { get; }

    public DurabilitySettings Durability { get; }

    public SqliteConnectionFactory Factory { get; }

    public BatchingWriter Writer { get; }

    /// <summary>Serializes this process's writers: the batching writer and application outbox transactions.</summary>
    public WriteGate Gate { get; } = new();

    public IWolverineRuntime? Runtime { get; private set; }

    /// <summary>This node's number: owner id of the envelopes it is working on.</summary>
    public int NodeNumber => Durability.AssignedNodeNumber;

    public MessageStoreRole Role { get; private set; } = MessageStoreRole.Main;

    public List<string> TenantIds { get; } = new();

    public Uri Uri { get; }

    public bool HasDisposed { get; private set; }

    public SqliteInbox Inbox { get; }

    IMessageInbox IMessageStore.Inbox => Inbox;

    public IMessageOutbox Outbox { get; }

    public INodeAgentPersistence Nodes { get; } = new SoloNodeAgentPersistence();

    public IListenerStore Listeners => NullListenerStore.Instance;

    public IMessageStoreAdmin Admin { get; }

    public IDeadLetters DeadLetters { get; }

    public IScheduledMessages ScheduledMessages { get; }

    public string Name => "sqlite:" + Factory.DatabasePath;

    public void EnsureSchema()
    {
        if (_initialized)
        {
            return;
        }

        if (Options.AutoMigrate)
        {
            SchemaMigrator.Migrate(Factory);
        }
        else
        {
            SchemaMigrator.AssertProvisioned(Factory);
        }

        _initialized = true;
    }

    public void Initialize(IWolverineRuntime runtime)
    {
        Runtime = runtime;
        EnsureSchema();
    }

    public DatabaseDescriptor Describe() => new(this)
    {
        Engine = "sqlite",
        ServerName = "localhost",
        DatabaseName = Factory.DatabasePath,
        Identifier = Factory.DatabasePath,
        SubjectUri = Uri,
    };

    public Task DrainAsync() => Writer.DrainAsync();

    public IAgent StartScheduledJobs(IWolverineRuntime runtime)
    {
        Runtime ??= runtime;
        var agent = new DurabilityAgent(this, runtime, DurabilityAgent.Duties.FireScheduled, new Uri("sqlite-scheduled://" + Uri.AbsolutePath));
        // Wolverine does not start this agent itself; it only stops it.
        _ = agent.StartAsync(default);
        return agent;
    }

    public IAgent BuildAgent(IWolverineRuntime runtime)
    {
        Runtime ??= runtime;
        return new DurabilityAgent(this, runtime, DurabilityAgent.Duties.Recover | DurabilityAgent.Duties.Cleanup, Uri);
    }

    public Task<IReadOnlyList<Envelope>> LoadPageOfGloballyOwnedIncomingAsync(Uri listenerAddress, int limit) =>
        Task.FromResult<IReadOnlyList<Envelope>>(Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                $"SELECT {EnvelopeRows.IncomingColumns} FROM wolverine_incoming WHERE status = 'Incoming' AND owner_id = 0 AND received_at = @uri LIMIT @limit;");
            command.Add("@uri", listenerAddress.ToString());
            command.Add("@limit", limit);
            return EnvelopeRows.ReadIncoming(command, Factory.DatabasePath);
        }, "loading unowned incoming envelopes"));

    public Task ReassignIncomingAsync(int ownerId, IReadOnlyList<Envelope> incoming) =>
        Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "UPDATE wolverine_incoming SET owner_id = @owner WHERE id = @id;");
            var id = command.Parameters.Add("@id", SqliteType.Text);
            command.Add("@owner", ownerId);
            foreach (var envelope in incoming)
            {
                id.Value = EnvelopeRows.Id(envelope.Id);
                command.ExecuteNonQuery();
            }
        }, "reassigning incoming envelopes");

    public async Task<IReadOnlyList<Envelope>> TryClaimIncomingAsync(int ownerId, IReadOnlyList<Envelope> incoming)
    {
        var claimed = await ClaimIncomingAsync(ownerId, incoming, "Incoming").ConfigureAwait(false);
        return claimed;
    }

    /// <summary>Atomically takes the rows still unowned (or still scheduled) for this node; returns those it took.</summary>
    public Task<List<Envelope>> ClaimIncomingAsync(int ownerId, IReadOnlyList<Envelope> incoming, string fromStatus) =>
        Writer.WriteAsync(connection =>
        {
            var sql = fromStatus == "Scheduled"
                ? "UPDATE wolverine_incoming SET owner_id = @owner, status = 'Incoming' WHERE id = @id AND status = 'Scheduled';"
                : "UPDATE wolverine_incoming SET owner_id = @owner WHERE id = @id AND status = 'Incoming' AND owner_id = 0;";
            using var command = EnvelopeRows.Command(connection, sql);
            var id = command.Parameters.Add("@id", SqliteType.Text);
            command.Add("@owner", ownerId);
            var claimed = new List<Envelope>();
            foreach (var envelope in incoming)
            {
                id.Value = EnvelopeRows.Id(envelope.Id);
                if (command.ExecuteNonQuery() == 1)
                {
                    envelope.OwnerId = ownerId;
                    envelope.Status = EnvelopeStatus.Incoming;
                    claimed.Add(envelope);
                }
            }

            return claimed;
        }, "claiming incoming envelopes");

    /// <summary>Saga handlers: the saga row, outgoing messages and the event-log append share one outbox transaction.</summary>
    public async ValueTask<ISagaStorage<TId, TSaga>> EnrollAndFetchSagaStorage<TId, TSaga>(MessageContext context) where TSaga : Saga
    {
        var transaction = await context.BeginSqliteTransactionAsync().ConfigureAwait(false);
        return new SqliteSagaStorage<TId, TSaga>(transaction, Options.SagaSerializerOptions, Factory.DatabasePath);
    }

    public void PromoteToMain(IWolverineRuntime runtime) => Role = MessageStoreRole.Main;

    public void DemoteToAncillary() => Role = MessageStoreRole.Ancillary;

    /// <summary>
    /// An open connection for an outbox transaction: a returned one when there is one, so its prepared commands
    /// (envelope inserts, the handled mark, the event-log append) are reused; otherwise a new one.
    /// </summary>
    public SqliteConnection RentConnection()
    {
        while (_idleConnections.TryPop(out var idle))
        {
            if (idle.State == ConnectionState.Open)
            {
                return idle;
            }

            idle.Dispose();
        }

        return Factory.Open();
    }

    /// <summary>Takes back a connection whose outbox transaction has ended; keeps a few open, closes the rest.</summary>
    public void ReturnConnection(SqliteConnection connection)
    {
        // Not one left inside a transaction (a rollback that failed): the next BEGIN on it would fail.
        if (HasDisposed || connection.State != ConnectionState.Open || SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0
            || _idleConnections.Count >= MaxIdleConnections)
        {
            connection.Dispose();
            return;
        }

        _idleConnections.Push(connection);
        if (HasDisposed)
        {
            CloseIdleConnections(); // disposed meanwhile: the file must not stay open
        }
    }

    private void CloseIdleConnections()
    {
        while (_idleConnections.TryPop(out var idle))
        {
            idle.Dispose();
        }
    }

    /// <summary>Runs a read on a pooled connection (WAL lets reads run beside the writer).</summary>
    public T Read<T>(Func<SqliteConnection, T> read, string doing)
    {
        try
        {
            using var connection = Factory.Open();
            return read(connection);
        }
        catch (SqliteException e)
        {
            throw Factory.Translate(e, doing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (HasDisposed)
        {
            return;
        }

        HasDisposed = true;
        await Writer.DisposeAsync().ConfigureAwait(false);
        CloseIdleConnections();
        Factory.ClearPool();
    }
}
