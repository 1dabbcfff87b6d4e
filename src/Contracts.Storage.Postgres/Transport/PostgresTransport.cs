using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wolverine.Runtime;
using Wolverine.Transports;

namespace Contracts.Storage.Postgres.Transport;

/// <summary>
/// Wolverine's transport for queues that are PostgreSQL tables (<c>pgqueue://name</c>), one table per queue in one
/// schema. Senders insert rows; listeners on any number of nodes claim them with <c>FOR UPDATE SKIP LOCKED</c> under a
/// lease, and are woken by <c>LISTEN/NOTIFY</c> with polling as the fallback.
/// </summary>
internal sealed class PostgresTransport : TransportBase<PostgresQueue>, IAsyncDisposable
{
    public const string ProtocolName = "pgqueue";

    private readonly ConcurrentDictionary<string, PostgresQueue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _provisioned = new(StringComparer.Ordinal);
    private PostgresDatabase? _database;
    private QueueNotifications? _notifications;
    private int _disposed;

    public PostgresTransport() : base(ProtocolName, "PostgreSQL queues", new[] { "postgresql" })
    {
    }

    public PostgresTransportOptions Options { get; } = new();

    public PostgresDatabase Database => _database
        ?? throw new InvalidOperationException("The PostgreSQL transport is not initialized yet: its queues are used only once the Wolverine host has started.");

    /// <summary>The tables of the message store when it lives in the same database as the queues; null otherwise.</summary>
    public PostgresTables? SameDatabaseStore { get; private set; }

    public QueueNotifications? Notifications => _notifications;

    /// <summary>The channel of this transport schema's notifications (a hash keeps it a short identifier); set at initialization.</summary>
    public string Channel { get; private set; } = string.Empty;

    public string QuotedSchema => "\"" + Options.SchemaName + "\"";

    public PostgresQueue Queue(string name)
    {
        PostgresQueueNames.AssertQueueName(name, "a PostgreSQL transport queue");
        return _queues.GetOrAdd(name, n => new PostgresQueue(this, n));
    }

    protected override IEnumerable<PostgresQueue> endpoints() => _queues.Values;

    protected override PostgresQueue findEndpointByUri(Uri uri)
    {
        if (!string.Equals(uri.Scheme, ProtocolName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{uri}' is not a PostgreSQL queue address; use {ProtocolName}://<queue name>.", nameof(uri));
        }

        PostgresQueueNames.AssertQueueName(uri.Host, $"in the address '{uri}'");
        return Queue(uri.Host);
    }

    public override async ValueTask InitializeAsync(IWolverineRuntime runtime)
    {
        var store = runtime.Storage as PostgresMessageStore ?? FindStore(runtime);
        var connectionString = Options.ConnectionString ?? store?.Options.ConnectionString
            ?? throw new PostgresStoreException(
                "The PostgreSQL transport has no connection string: call opts.UsePostgresTransport(\"Host=…;Database=…\") or opts.PersistMessagesWithPostgres(…) in UseWolverine.");
        _database = new PostgresDatabase(new PostgresMessageStoreOptions
        {
            ConnectionString = connectionString,
            SchemaName = Options.SchemaName,
            MaxRetries = Options.MaxRetries,
            RetryDelay = Options.RetryDelay,
            MaxRetryDelay = Options.MaxRetryDelay,
        }, "PostgreSQL transport");

        Channel = "contracts_queues_" + _database.Tables.LockKey("queue-notifications").ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        if (store is not null && SameServerAndDatabase(store.Database, _database))
        {
            SameDatabaseStore = store.Database.Tables;
        }

        if (Options.UseNotifications)
        {
            var logger = runtime.LoggerFactory?.CreateLogger<PostgresTransport>() ?? (ILogger)NullLogger.Instance;
            _notifications = new QueueNotifications(_database, Channel, logger);
        }

        foreach (var queue in _queues.Values)
        {
            await EnsureProvisionedAsync(queue, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static PostgresMessageStore? FindStore(IWolverineRuntime runtime)
    {
        foreach (var candidate in runtime.Services.GetServices<global::Wolverine.Persistence.Durability.IMessageStore>())
        {
            if (candidate is PostgresMessageStore store)
            {
                return store;
            }
        }

        return null;
    }

    private static bool SameServerAndDatabase(PostgresDatabase a, PostgresDatabase b)
    {
        var x = new NpgsqlConnectionStringBuilder(a.Options.ConnectionString);
        var y = new NpgsqlConnectionStringBuilder(b.Options.ConnectionString);
        return string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) && x.Port == y.Port && a.DatabaseName == b.DatabaseName;
    }

    /// <summary>Creates the queue's table (or, without auto-provisioning, checks it exists), once per queue and process.</summary>
    public Task EnsureProvisionedAsync(PostgresQueue queue, CancellationToken cancellation) =>
        _provisioned.GetOrAdd(queue.QueueName, _ => ProvisionAsync(queue, cancellation));

    private async Task ProvisionAsync(PostgresQueue queue, CancellationToken cancellation)
    {
        var table = queue.Table;
        try
        {
            if (Options.AutoProvision)
            {
                await Database.InTransactionAsync(async (connection, transaction, token) =>
                {
                    // Nodes starting together serialize on the lock; IF NOT EXISTS makes the later ones no-ops.
                    var sql = $"SELECT pg_advisory_xact_lock({Database.Tables.LockKey("queues")}); CREATE SCHEMA IF NOT EXISTS {QuotedSchema}; {table.CreateSql}";
                    await using var command = new NpgsqlCommand(sql, connection, transaction);
                    await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }, $"creating the table of queue '{queue.QueueName}'", cancellation).ConfigureAwait(false);
                return;
            }

            var exists = await Database.RunAsync(async (connection, _, token) =>
            {
                await using var command = new NpgsqlCommand(table.ExistsSql, connection);
                command.Parameters.AddWithValue("table", table.Name);
                return (bool)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
            }, $"looking for the table of queue '{queue.QueueName}'", cancellation).ConfigureAwait(false);
            if (!exists)
            {
                throw new PostgresStoreException(
                    $"The table of PostgreSQL queue '{queue.QueueName}' ({table.Name}) does not exist in {Database.Where}, and AutoProvision is off. Create it by starting one service with AutoProvision on, or turn it on.");
            }
        }
        catch
        {
            // A later attempt (another listener start, the next send) tries again.
            _provisioned.TryRemove(queue.QueueName, out _);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_notifications is not null)
        {
            await _notifications.DisposeAsync().ConfigureAwait(false);
        }

        if (_database is not null)
        {
            await _database.DisposeAsync().ConfigureAwait(false);
        }
    }
}
