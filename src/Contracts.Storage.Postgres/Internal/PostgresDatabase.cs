using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// The store's way into PostgreSQL: one <see cref="NpgsqlDataSource"/> (connection pool), the qualified table
/// names, a retry pipeline for transient failures, and the translation of errors into messages that say what and
/// where. Every store operation is a short unit of work that can run again from the start, so a retry after a
/// dropped connection or a server restart is safe (see docs/storage-postgres.md, "Connection resilience").
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly ResiliencePipeline _retry;

    /// <param name="options">Connection string, schema, retries.</param>
    /// <param name="component">What errors name as the failing part ("PostgreSQL message store", "PostgreSQL transport").</param>
    public PostgresDatabase(PostgresMessageStoreOptions options, string component = "PostgreSQL message store")
    {
        Options = options;
        Component = component;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new PostgresStoreException(
                $"The {component}'s connection string is not valid: {e.Message} Use the Npgsql form 'Host=…;Port=5432;Database=…;Username=…;Password=…'.", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new PostgresStoreException($"The {component}'s connection string names no Host. Use the Npgsql form 'Host=…;Port=5432;Database=…;Username=…;Password=…'.");
        }

        Tables = new PostgresTables(options.SchemaName, options.SharedSchemaName);
        Where = $"schema \"{options.SchemaName}\" of database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        Server = $"{builder.Host}:{builder.Port}";
        DatabaseName = builder.Database ?? builder.Username ?? "postgres";
        Host = builder.Host!;
        DataSource = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = "contracts-store:" + options.SchemaName }.Build();
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = Math.Max(0, options.MaxRetries),
            Delay = options.RetryDelay,
            MaxDelay = options.MaxRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                // A broken server session poisons every idle pooled connection: drop them all.
                DataSource.Clear();
                Interlocked.Increment(ref Retries);
                return default;
            },
        }).Build();
    }

    public PostgresMessageStoreOptions Options { get; }

    /// <summary>The part of the application this database serves, as errors name it.</summary>
    public string Component { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgresTables Tables { get; }

    /// <summary>"schema "x" of database 'y' on host:port": where every error says it happened.</summary>
    public string Where { get; }

    public string Server { get; }

    public string Host { get; }

    public string DatabaseName { get; }

    /// <summary>How many store operations were retried after a transient failure (for tests and diagnostics).</summary>
    public long Retries;

    /// <summary>Runs <paramref name="work"/> on a fresh pooled connection, retrying from the start on transient failures.</summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, int, CancellationToken, Task<T>> work, string doing, CancellationToken cancellation = default)
    {
        var attempt = 0;
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                var thisAttempt = attempt++;
                await using var connection = await DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                return await work(connection, thisAttempt, token).ConfigureAwait(false);
            }, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw Translate(e, doing);
        }
    }

    public Task RunAsync(Func<NpgsqlConnection, CancellationToken, Task> work, string doing, CancellationToken cancellation = default) =>
        RunAsync(async (connection, _, token) =>
        {
            await work(connection, token).ConfigureAwait(false);
            return true;
        }, doing, cancellation);

    /// <summary>Runs <paramref name="work"/> in one transaction (committed at the end), retrying the whole transaction on transient failures.</summary>
    public Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, int, CancellationToken, Task<T>> work, string doing, CancellationToken cancellation = default) =>
        RunAsync(async (connection, attempt, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            var result = await work(connection, transaction, attempt, token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
            return result;
        }, doing, cancellation);

    public Task InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> work, string doing, CancellationToken cancellation = default) =>
        InTransactionAsync(async (connection, transaction, _, token) =>
        {
            await work(connection, transaction, token).ConfigureAwait(false);
            return true;
        }, doing, cancellation);

    /// <summary>Opens a connection for an application's unit of work (only the opening is retried).</summary>
    public async Task<NpgsqlConnection> OpenAsync(string doing, CancellationToken cancellation = default)
    {
        try
        {
            return await _retry.ExecuteAsync(async token => await DataSource.OpenConnectionAsync(token).ConfigureAwait(false), cancellation)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw Translate(e, doing);
        }
    }

    /// <summary>One round trip and a look for the store's tables, without retries: what the health check reports.</summary>
    public async Task ProbeAsync(CancellationToken cancellation)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL;", connection);
            command.Parameters.AddWithValue("table", Tables.Incoming);
            if (!(bool)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!)
            {
                throw new PostgresStoreException(
                    $"The message store's tables are missing in {Where}: {Tables.Incoming} does not exist. Start the application with AutoMigrate on, or run the migration.");
            }
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            throw Translate(e, "checking health", retried: false);
        }
    }

    /// <summary>
    /// Failures worth another try: the connection broke or could not be made (server restarting, network blip),
    /// the server is shutting down or not yet accepting connections, or a serialization failure or deadlock.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState is "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" or "08001" or "08004",
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        IOException or SocketException => true,
        _ => false,
    };

    /// <summary>Turns a raw error into one that names the server, database and schema and says what to do.</summary>
    public Exception Translate(Exception e, string doing, bool retried = true)
    {
        if (e is PostgresStoreException)
        {
            return e;
        }

        var where = $"the {Component} ({Where})";
        if (e is PostgresException postgres)
        {
            return postgres.SqlState switch
            {
                "28P01" or "28000" => new PostgresStoreException(
                    $"PostgreSQL at {Server} refused the login while {doing} for {where}: {postgres.MessageText}. Check Username and Password in the connection string.", e),
                "3D000" => new PostgresStoreException(
                    $"The database '{DatabaseName}' does not exist on {Server} (while {doing}). Create it (CREATE DATABASE) or fix Database in the connection string.", e),
                "42501" => new PostgresStoreException(
                    $"Permission denied while {doing} in {where}: {postgres.MessageText}. The store's user needs USAGE and CREATE on the schema (CREATE on the database for a new schema) and SELECT, INSERT, UPDATE, DELETE on its tables; see docs/storage-postgres.md, \"Permissions\".", e),
                "25006" => new PostgresStoreException(
                    $"{where} is read-only (a hot standby or default_transaction_read_only) while {doing}. Point the connection string at the primary.", e),
                _ => new PostgresStoreException($"PostgreSQL error {postgres.SqlState} in {where} while {doing}: {postgres.MessageText}", e),
            };
        }

        if (IsTransient(e))
        {
            return new PostgresStoreException(
                $"Cannot reach PostgreSQL at {Server} while {doing} for {where}{(retried ? $", after {Options.MaxRetries} retries" : string.Empty)}: {Innermost(e).Message}. Check that the server is running and that Host and Port in the connection string are right.", e);
        }

        return new PostgresStoreException($"Failed while {doing} in {where}: {e.Message}", e);
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
