using System;

namespace Contracts.Storage.Postgres;

/// <summary>Settings of the PostgreSQL queue transport (<see cref="PostgresTransportExtensions.UsePostgresTransport"/>).</summary>
public sealed class PostgresTransportOptions
{
    /// <summary>
    /// An Npgsql connection string for the database that holds the queue tables. Null uses the PostgreSQL message
    /// store's (<c>PersistMessagesWithPostgres</c>); every service exchanging messages through a queue must point at the
    /// same database and <see cref="SchemaName"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema that holds one table per queue (created if missing). Default <c>contracts_queues</c>.</summary>
    public string SchemaName { get; set; } = "contracts_queues";

    /// <summary>Create missing queue tables at startup (default true). When false, a missing queue table is an error at startup.</summary>
    public bool AutoProvision { get; set; } = true;

    /// <summary>
    /// How often an idle listener looks for messages without having been woken by a notification: the fallback that
    /// delivers after a lost notification and fires scheduled messages when they come due. Default 1 s.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed message stays invisible to other consumers. The claiming listener renews the lease every third
    /// of it while the message is in its hands; a consumer that dies stops renewing, and the message is delivered again
    /// once the lease runs out. Default 30 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wake listeners with <c>LISTEN/NOTIFY</c> when a message is sent or a key's earlier message is done (default true).</summary>
    public bool UseNotifications { get; set; } = true;

    /// <summary>Retries of a queue operation after a transient failure (as the message store's <c>MaxRetries</c>). Default 8.</summary>
    public int MaxRetries { get; set; } = 8;

    /// <summary>The first retry delay; later ones grow exponentially (with jitter) up to <see cref="MaxRetryDelay"/>. Default 100 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two retries. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
