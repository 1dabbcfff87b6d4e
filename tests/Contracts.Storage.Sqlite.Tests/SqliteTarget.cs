using System;
using System.IO;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using Microsoft.Data.Sqlite;
using Wolverine;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>The conformance suite's target for the SQLite store: a new database file per test.</summary>
public sealed class SqliteTarget : MessageStoreTarget
{
    public SqliteTarget(Action<SqliteMessageStoreOptions>? configure = null)
    {
        Directory = TestFiles.NewDirectory();
        DatabasePath = Path.Combine(Directory, "messages.db");
        Configure = configure;
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    private Action<SqliteMessageStoreOptions>? Configure { get; }

    public override void PersistMessages(WolverineOptions options) =>
        options.PersistMessagesWithSqlite(ConnectionString, Configure);

    public override async Task EnsureBusinessTableAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS business_rows (key TEXT NOT NULL, note TEXT NOT NULL);";
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<IBusinessTransaction> BeginBusinessTransactionAsync(IMessageBus bus) =>
        new SqliteBusinessTransaction(await bus.BeginSqliteTransactionAsync());

    public override async Task<int> CountBusinessRowsAsync(string key)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM business_rows WHERE key = @key;";
        command.Parameters.AddWithValue("@key", key);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestFiles.Delete(Directory);
        return ValueTask.CompletedTask;
    }

    private sealed class SqliteBusinessTransaction : IBusinessTransaction
    {
        private readonly SqliteOutboxTransaction _transaction;

        public SqliteBusinessTransaction(SqliteOutboxTransaction transaction) => _transaction = transaction;

        public async Task InsertBusinessRowAsync(string key, string note)
        {
            await using var command = _transaction.CreateCommand("INSERT INTO business_rows (key, note) VALUES (@key, @note);");
            command.Parameters.AddWithValue("@key", key);
            command.Parameters.AddWithValue("@note", note);
            await command.ExecuteNonQueryAsync();
        }

        public Task CommitAsync() => _transaction.CommitAsync();

        public Task RollbackAsync() => _transaction.RollbackAsync().AsTask();

        public ValueTask DisposeAsync() => _transaction.DisposeAsync();
    }
}
