using System;
using System.Data.Common;
using System.Threading.Tasks;
using Contracts.Storage.Postgres;
using Contracts.Storage.Sqlite;
using Contracts.Testing;
using Contracts.Wolverine.Replay;
using Microsoft.Data.Sqlite;
using Npgsql;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>
/// The store a behaviour test runs against: the same test code runs once per store (a concrete test class per
/// store derives from the generic one). Only what differs between the dialects lives here.
/// </summary>
public abstract class StoreTarget : IAsyncDisposable
{
    /// <summary>What <c>contracts … --connection</c> takes, and what the store is configured with.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Makes this store Wolverine's message store.</summary>
    public abstract void Persist(WolverineOptions options);

    /// <summary>Opens the store's outbox transaction on <paramref name="bus"/>.</summary>
    public abstract Task<TestTransaction> BeginAsync(IMessageBus bus);

    /// <summary>A command in the batch transaction of a projection.</summary>
    public abstract DbCommand Command(ProjectionContext context, string sql);

    /// <summary>SQL for the text of member <paramref name="field"/> of the JSON document in <paramref name="column"/>.</summary>
    public abstract string JsonField(string column, string field);

    /// <summary>Writes a saga row as an older build would have written it.</summary>
    public abstract Task InsertSagaRowAsync(string sagaType, string id, string stateJson, int version);

    /// <summary>A connection for the test's own queries (it sees the store's tables without a schema prefix).</summary>
    protected abstract DbConnection CreateConnection();

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await QueryAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<string?> TextAsync(string sql, params (string Name, object Value)[] parameters) => await QueryAsync(sql, parameters) as string;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public abstract ValueTask DisposeAsync();

    private async Task<object?> QueryAsync(string sql, (string Name, object Value)[] parameters)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Add(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}

/// <summary>A store's outbox transaction, as the tests use it.</summary>
public sealed class TestTransaction : IAsyncDisposable
{
    private readonly Func<Task> _commit;
    private readonly Func<ValueTask> _rollback;
    private readonly IAsyncDisposable _inner;

    public TestTransaction(Func<Task> commit, Func<ValueTask> rollback, IAsyncDisposable inner)
    {
        _commit = commit;
        _rollback = rollback;
        _inner = inner;
    }

    public Task CommitAsync() => _commit();

    public ValueTask RollbackAsync() => _rollback();

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}

public static class DbCommandExtensions
{
    public static DbCommand Add(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}

/// <summary>A real SQLite file in a fresh temporary folder, deleted afterwards.</summary>
public sealed class SqliteStore : StoreTarget
{
    private readonly string _directory;

    public SqliteStore()
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contracts-eventlog-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(_directory);
        ConnectionString = $"Data Source={System.IO.Path.Combine(_directory, "service.db")}";
    }

    public override string ConnectionString { get; }

    public override void Persist(WolverineOptions options) => options.PersistMessagesWithSqlite(ConnectionString);

    public override async Task<TestTransaction> BeginAsync(IMessageBus bus)
    {
        var transaction = await bus.BeginSqliteTransactionAsync();
        return new TestTransaction(() => transaction.CommitAsync(), transaction.RollbackAsync, transaction);
    }

    public override DbCommand Command(ProjectionContext context, string sql) => context.SqliteTransaction().CreateCommand(sql);

    public override string JsonField(string column, string field) => $"json_extract({column}, '$.{field}')";

    public override Task InsertSagaRowAsync(string sagaType, string id, string stateJson, int version) =>
        ExecuteAsync($"INSERT INTO contracts_sagas (saga_type, id, state, version, created_at, updated_at) VALUES ('{sagaType}', '{id}', '{stateJson}', {version}, 0, 0);");

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (System.IO.IOException)
        {
            // a file still held by a process going away; the OS cleans the temp folder
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A new database on the test assembly's throwaway PostgreSQL cluster (<see cref="TestServer"/>), dropped afterwards.</summary>
public sealed class PostgresStore : StoreTarget
{
    public PostgresStore() => ConnectionString = TestServer.CreateDatabaseAsync("evlog").GetAwaiter().GetResult();

    public override string ConnectionString { get; }

    /// <summary>Wolverine's default, multi-node mode: what a PostgreSQL service runs in.</summary>
    public override void Persist(WolverineOptions options) => options.PersistMessagesWithPostgres(ConnectionString);

    public override async Task<TestTransaction> BeginAsync(IMessageBus bus)
    {
        var transaction = await bus.BeginPostgresTransactionAsync();
        return new TestTransaction(() => transaction.CommitAsync(), transaction.RollbackAsync, transaction);
    }

    public override DbCommand Command(ProjectionContext context, string sql) => context.PostgresTransaction().CreateCommand(sql);

    public override string JsonField(string column, string field) => $"({column} ->> '{field}')";

    public override Task InsertSagaRowAsync(string sagaType, string id, string stateJson, int version) =>
        ExecuteAsync($"INSERT INTO contracts_sagas (saga_type, id, state, version) VALUES ('{sagaType}', '{id}', '{stateJson}', {version});");

    // The tests' own tables (and projections' read models) go to "public"; the store's tables are found in "wolverine".
    protected override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString + ";Search Path=public,wolverine");

    public override async ValueTask DisposeAsync() => await TestServer.DropDatabaseAsync(ConnectionString);
}
