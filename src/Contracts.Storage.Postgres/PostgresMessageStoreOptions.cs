using System;
using System.Text.Json;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Sagas;

namespace Contracts.Storage.Postgres;

/// <summary>Settings of the PostgreSQL message store.</summary>
public sealed class PostgresMessageStoreOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=shop;Username=shop;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The PostgreSQL schema that holds the store's tables (created if missing). Several services can share one
    /// database with a schema each; all nodes of one service must use the same schema. Default <c>wolverine</c>.
    /// </summary>
    public string SchemaName { get; set; } = "wolverine";

    /// <summary>
    /// The schema of the event log, its subscriptions and the contract schema table, when several services share them
    /// (created if missing). Null (the default) keeps them in <see cref="SchemaName"/> with the rest of the store.
    /// Services that each have a <see cref="SchemaName"/> of their own (their inbox, outbox, dead letters, scheduled
    /// messages, sagas and idempotency keys stay private) set the same <c>SharedSchemaName</c> to append to one event log
    /// in their own transactions, follow it with subscriptions wherever they run, and read messages written with schema
    /// versions another service registered. It must not be any service's <see cref="SchemaName"/>; subscription names
    /// are shared too. See docs/storage-postgres.md, "Services with a schema each".
    /// </summary>
    public string? SharedSchemaName { get; set; }

    /// <summary>Create and migrate the tables at startup (default true). When false, a missing or old schema is an error.</summary>
    public bool AutoMigrate { get; set; } = true;

    /// <summary>
    /// How often the durability agent looks for due scheduled messages, unowned envelopes and expired rows.
    /// Null uses Wolverine's <c>Durability.ScheduledJobPollingTime</c>.
    /// </summary>
    public TimeSpan? PollingInterval { get; set; }

    /// <summary>
    /// How many times a store operation is retried after a transient failure (a dropped connection, a server
    /// restarting or refusing connections, a serialization failure or deadlock). Default 8.
    /// </summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>The first retry delay; later ones grow exponentially (with jitter) up to <see cref="MaxRetryDelay"/>. Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two retries. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// In <c>DurabilityMode.Balanced</c> nodes talk to each other through a control endpoint. When none is
    /// configured, the store adds Wolverine's TCP control endpoint on a free port (default true). Turn this off
    /// and call <c>opts.UseTcpForControlEndpoint()</c> (or configure another control endpoint) yourself when
    /// nodes run on different machines and must advertise a routable host name.
    /// </summary>
    public bool AddTcpControlEndpoint { get; set; } = true;

    /// <summary>
    /// How saga state is serialized (System.Text.Json, stored as <c>jsonb</c>). Defaults to
    /// <see cref="SagaStateFormat.DefaultOptions"/>; pass your own options through <see cref="SagaStateFormat.Configure"/>
    /// to keep <c>Version</c> out of the document.
    /// </summary>
    public JsonSerializerOptions SagaSerializerOptions { get; set; } = SagaStateFormat.DefaultOptions;

    /// <summary>What the event log records (docs/event-log.md). On by default once a <c>ContractCatalog</c> is registered.</summary>
    public EventLogOptions EventLog { get; } = new();
}
