using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.Sagas;
using Npgsql;
using NpgsqlTypes;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// One saga handler's unit of work: the saga row, the messages the handler publishes (cascading ones included), the
/// event-log append and the handled mark of the message commit in one <see cref="PostgresOutboxTransaction"/>.
/// </summary>
/// <remarks>
/// A load locks the row (<c>FOR UPDATE</c>) until the commit, so two nodes handling messages of one saga at once take
/// turns instead of overwriting each other. Updates and deletes still check the loaded version
/// (<c>WHERE version = @loaded</c>) and raise <see cref="SagaConcurrencyException"/> on zero rows, as on SQLite; a
/// second start of the same saga finds the row and raises it too.
/// </remarks>
internal sealed class PostgresSagaStorage<TId, TSaga> : ISagaStorage<TId, TSaga> where TSaga : Saga
{
    private static readonly string SagaType = SagaStateFormat.TypeName(typeof(TSaga));
    private readonly PostgresOutboxTransaction _transaction;
    private readonly JsonSerializerOptions _json;
    private readonly PostgresDatabase _database;

    public PostgresSagaStorage(PostgresOutboxTransaction transaction, JsonSerializerOptions json, PostgresDatabase database)
    {
        _transaction = transaction;
        _json = json;
        _database = database;
    }

    private string Table => _database.Tables.Sagas;

    public async Task<TSaga?> LoadAsync(TId id, CancellationToken cancellationToken)
    {
        var key = SagaStateFormat.IdText(id);
        await using var select = Command($"SELECT state, version FROM {Table} WHERE saga_type = @type AND id = @id FOR UPDATE;", key);
        await using var reader = await Run(() => select.ExecuteReaderAsync(cancellationToken), "loading", key).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return SagaStateFormat.Deserialize<TSaga>(reader.GetString(0), reader.GetInt32(1), Where(key), _json);
    }

    public async Task InsertAsync(TSaga saga, CancellationToken cancellationToken)
    {
        var key = SagaIdentity<TId, TSaga>.ReadText(saga);
        await using var insert = Command(
            $"INSERT INTO {Table} (saga_type, id, state, version) VALUES (@type, @id, @state, 1) ON CONFLICT DO NOTHING;", key);
        insert.Parameters.Add(State(saga));
        if (await Run(() => insert.ExecuteNonQueryAsync(cancellationToken), "inserting", key).ConfigureAwait(false) == 0)
        {
            throw SagaConflicts.AlreadyExists(Where(key));
        }

        saga.Version = 1;
    }

    public async Task UpdateAsync(TSaga saga, CancellationToken cancellationToken)
    {
        var key = SagaIdentity<TId, TSaga>.ReadText(saga);
        await using var update = Command(
            $"UPDATE {Table} SET state = @state, version = version + 1, updated_at = now() WHERE saga_type = @type AND id = @id AND version = @version;", key)
            .With("version", saga.Version);
        update.Parameters.Add(State(saga));
        await ExecuteAtVersionAsync(update, key, saga.Version, "updating", cancellationToken).ConfigureAwait(false);
        saga.Version++;
    }

    public async Task DeleteAsync(TSaga saga, CancellationToken cancellationToken)
    {
        var key = SagaIdentity<TId, TSaga>.ReadText(saga);
        await using var delete = Command($"DELETE FROM {Table} WHERE saga_type = @type AND id = @id AND version = @version;", key)
            .With("version", saga.Version);
        await ExecuteAtVersionAsync(delete, key, saga.Version, "deleting", cancellationToken).ConfigureAwait(false);
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();

    private NpgsqlCommand Command(string sql, string key) =>
        _transaction.CreateCommand(sql).With("type", SagaType).With("id", key);

    private NpgsqlParameter State(TSaga saga) => new("state", NpgsqlDbType.Jsonb) { Value = SagaStateFormat.Serialize(saga, _json) };

    /// <summary>Runs an update or delete conditioned on the loaded version; no row means someone else changed it.</summary>
    private async Task ExecuteAtVersionAsync(NpgsqlCommand command, string key, int loadedVersion, string doing, CancellationToken cancellation)
    {
        if (await Run(() => command.ExecuteNonQueryAsync(cancellation), doing, key).ConfigureAwait(false) == 0)
        {
            throw SagaConflicts.Changed(Where(key), loadedVersion);
        }
    }

    /// <summary>Database errors name the saga and the store instead of surfacing as raw Npgsql exceptions.</summary>
    private async Task<T> Run<T>(System.Func<Task<T>> statement, string doing, string key)
    {
        try
        {
            return await statement().ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw _database.Translate(e, $"{doing} saga {SagaType} '{key}'");
        }
    }

    private string Where(string key) => $"{SagaType} '{key}' in {_database.Where}";
}
