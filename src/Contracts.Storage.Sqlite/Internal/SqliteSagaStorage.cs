using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.Sagas;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// One saga handler's unit of work: the saga row, the messages the handler publishes (cascading ones included),
/// the event-log append and the handled mark of the message commit in one <see cref="SqliteOutboxTransaction"/>.
/// Updates are optimistic: <c>WHERE version = @loaded</c>, and zero rows raise <see cref="SagaConcurrencyException"/>.
/// </summary>
internal sealed class SqliteSagaStorage<TId, TSaga> : ISagaStorage<TId, TSaga> where TSaga : Saga
{
    private static readonly string SagaType = SagaStateFormat.TypeName(typeof(TSaga));
    private readonly SqliteOutboxTransaction _transaction;
    private readonly JsonSerializerOptions _json;
    private readonly string _databasePath;

    public SqliteSagaStorage(SqliteOutboxTransaction transaction, JsonSerializerOptions json, string databasePath)
    {
        _transaction = transaction;
        _json = json;
        _databasePath = databasePath;
    }

    public Task<TSaga?> LoadAsync(TId id, CancellationToken cancellationToken)
    {
        var key = SagaStateFormat.IdText(id);
        using var select = Command($"SELECT state, version FROM {SchemaMigrator.Sagas} WHERE saga_type = @type AND id = @id;");
        select.Add("@type", SagaType);
        select.Add("@id", key);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult<TSaga?>(null);
        }

        var saga = SagaStateFormat.Deserialize<TSaga>(reader.GetString(0), reader.GetInt32(1), Where(key), _json);
        return Task.FromResult<TSaga?>(saga);
    }

    public Task InsertAsync(TSaga saga, CancellationToken cancellationToken)
    {
        var key = SagaIdentity<TId, TSaga>.ReadText(saga);
        using var insert = Command(
            $"INSERT INTO {SchemaMigrator.Sagas} (saga_type, id, state, version, created_at, updated_at) " +
            "VALUES (@type, @id, @state, 1, @now, @now) ON CONFLICT DO NOTHING;");
        insert.Add("@type", SagaType);
        insert.Add("@id", key);
        insert.Add("@state", SagaStateFormat.Serialize(saga, _json));
        insert.Add("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (insert.ExecuteNonQuery() == 0)
        {
            throw SagaConflicts.AlreadyExists(Where(key));
        }

        saga.Version = 1;
        return Task.CompletedTask;
    }

    public Task UpdateAsync(TSaga saga, CancellationToken cancellationToken)
    {
        var key = SagaIdentity<TId, TSaga>.ReadText(saga);
        using var update = Command(
            $"UPDATE {SchemaMigrator.Sagas} SET state = @state, version = version + 1, updated_at = @now " +
            "WHERE saga_type = @type AND id = @id AND version = @version;");
        update.Add("@type", SagaType);
        update.Add("@id", key);
        update.Add("@state", SagaStateFormat.Serialize(saga, _json));
        update.Add("@version", saga.Version);
        update.Add("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        ExecuteAtVersion(update, key, saga.Version);
        saga.Version++;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(TSaga saga, CancellationToken cancellationToken)
    {
        var key = SagaIdentity<TId, TSaga>.ReadText(saga);
        using var delete = Command($"DELETE FROM {SchemaMigrator.Sagas} WHERE saga_type = @type AND id = @id AND version = @version;");
        delete.Add("@type", SagaType);
        delete.Add("@id", key);
        delete.Add("@version", saga.Version);
        ExecuteAtVersion(delete, key, saga.Version);
        return Task.CompletedTask;
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();

    private SqliteCommand Command(string sql) => _transaction.CreateCommand(sql);

    /// <summary>Runs an update or delete conditioned on the loaded version; no row means someone else changed it.</summary>
    private void ExecuteAtVersion(SqliteCommand command, string key, int loadedVersion)
    {
        if (command.ExecuteNonQuery() == 0)
        {
            throw SagaConflicts.Changed(Where(key), loadedVersion);
        }
    }

    private string Where(string key) => $"{SagaType} '{key}' in '{_databasePath}'";
}
