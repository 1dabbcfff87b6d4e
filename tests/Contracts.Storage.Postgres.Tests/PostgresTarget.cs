using System;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using Npgsql;
using Wolverine;

namespace Contracts.Storage.Postgres.Tests;

/// <summary>The conformance suite's target for the PostgreSQL store: a new database per test on the shared cluster.</summary>
public sealed class PostgresTarget : MessageStoreTarget
{
    private readonly Action<PostgresMessageStoreOptions>? _configure;
    private readonly DurabilityMode _mode;

    public PostgresTarget(DurabilityMode mode = DurabilityMode.Balanced, Action<PostgresMessageStoreOptions>? configure = null)
    {
        _mode = mode;
        _configure = configure;
        ConnectionString = TestServer.CreateDatabaseAsync().GetAwaiter().GetResult();
    }

    public string ConnectionString { get; }

    public override void PersistMessages(WolverineOptions options)
    {
        options.Durability.Mode = _mode;
        options.PersistMessagesWithPostgres(ConnectionString, _configure);
    }

    public override async Task EnsureBusinessTableAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS business_rows (key text NOT NULL, note text NOT NULL);", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<IBusinessTransaction> BeginBusinessTransactionAsync(IMessageBus bus) =>
        new PostgresBusinessTransaction(await bus.BeginPostgresTransactionAsync());

    public override async Task<int> CountBusinessRowsAsync(string key)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM business_rows WHERE key = @key;", connection);
        command.Parameters.AddWithValue("key", key);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async ValueTask DisposeAsync() => await TestServer.DropDatabaseAsync(ConnectionString);

    private sealed class PostgresBusinessTransaction : IBusinessTransaction
    {
        private readonly PostgresOutboxTransaction _transaction;

        public PostgresBusinessTransaction(PostgresOutboxTransaction transaction) => _transaction = transaction;

        public async Task InsertBusinessRowAsync(string key, string note)
        {
            await using var command = _transaction.CreateCommand("INSERT INTO business_rows (key, note) VALUES (@key, @note);");
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("note", note);
            await command.ExecuteNonQueryAsync();
        }

        public Task CommitAsync() => _transaction.CommitAsync();

        public Task RollbackAsync() => _transaction.RollbackAsync().AsTask();

        public ValueTask DisposeAsync() => _transaction.DisposeAsync();
    }
}
