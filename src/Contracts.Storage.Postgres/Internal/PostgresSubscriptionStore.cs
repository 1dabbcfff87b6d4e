using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Npgsql;
using Wolverine;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// Subscription checkpoints and replay requests in <c>contracts_subscriptions</c>, shared by every node of the service.
/// </summary>
/// <remarks>
/// One node at a time runs a subscription: the running agent holds a session-level advisory lock named after it
/// (<see cref="TryAcquireLeaseAsync"/>) on a connection of its own; when that node stops, dies or loses its
/// connection, PostgreSQL drops the lock and another node's agent takes it and resumes from the checkpoint. Each batch
/// also reads the checkpoint row <c>FOR UPDATE</c> and gives up if it moved, so even two runners that both believe they
/// hold the lease (a connection lost mid-batch) never commit the same events twice.
/// </remarks>
internal sealed class PostgresSubscriptionStore : ISubscriptionStore
{
    private readonly PostgresMessageStore _store;

    public PostgresSubscriptionStore(PostgresMessageStore store) => _store = store;

    public string Location => _store.Database.Where;

    public EventLogNotifier Notifier => _store.EventLog.Notifier;

    private PostgresDatabase Db => _store.Database;

    private string Table => Db.Tables.Subscriptions;

    public async Task<SubscriptionState> RegisterAsync(string name, bool sideEffectsDuringCatchUp, CancellationToken cancellation = default)
    {
        await _store.EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        await Db.RunAsync(async (connection, token) =>
        {
            await using var insert = EnvelopeRows.Command(connection,
                    $"INSERT INTO {Table} (name, position, status, suppress_until, updated_at) VALUES (@name, 0, @status, " +
                    $"CASE WHEN @quiet THEN (SELECT coalesce(max(position), 0) FROM {Db.Tables.EventLog}) ELSE 0 END, now()) ON CONFLICT (name) DO NOTHING;")
                .With("name", name).With("status", SubscriptionStatus.Running).With("quiet", !sideEffectsDuringCatchUp);
            await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"registering subscription '{name}'", cancellation).ConfigureAwait(false);
        return (await LoadAsync(name, cancellation).ConfigureAwait(false))!;
    }

    public async Task<SubscriptionState?> LoadAsync(string name, CancellationToken cancellation = default)
    {
        await _store.EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        return await Db.RunAsync((connection, _, token) => LoadAsync(connection, null, name, false, token), $"loading subscription '{name}'", cancellation)
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SubscriptionState>> ListAsync(CancellationToken cancellation = default)
    {
        await _store.EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        return await Db.RunAsync((connection, _, token) => ListAsync(connection, null, token), "listing subscriptions", cancellation).ConfigureAwait(false);
    }

    public async Task RequestReplayAsync(string name, ReplayRequest request, CancellationToken cancellation = default)
    {
        ReplayRequests.Validate(request);
        await _store.EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        var known = await Db.InTransactionAsync<IReadOnlyList<SubscriptionState>?>(async (connection, transaction, _, token) =>
        {
            await using var update = EnvelopeRows.Command(connection,
                    $"UPDATE {Table} SET replay_state = @state, replay_from = @from, replay_to = @to, replay_side_effects = @effects, " +
                    "replay_requested_at = now(), replay_started_at = NULL, replay_finished_at = NULL, replay_read = 0, replay_applied = 0, replay_skipped = 0, " +
                    "replay_error = NULL, updated_at = now() WHERE name = @name;", transaction)
                .With("state", ReplayState.Requested).With("from", request.From).With("to", request.To).With("effects", request.SideEffects).With("name", name);
            update.Parameters["to"].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint;
            return await update.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0
                ? await ListAsync(connection, transaction, token).ConfigureAwait(false)
                : null;
        }, $"requesting a replay of subscription '{name}'", cancellation).ConfigureAwait(false);
        if (known is not null)
        {
            throw ReplayRequests.UnknownSubscription(name, Location, System.Linq.Enumerable.Select(known, s => s.Name));
        }
    }

    public Task<IReadOnlyList<EventLogRecord>> ReadAsync(long after, long? to, int max, CancellationToken cancellation = default) =>
        _store.EventLog.ReadPageAsync(new EventLogQuery { AfterPosition = after, ToPosition = to, PageSize = max }, cancellation);

    public async Task<ISubscriptionBatch> BeginBatchAsync(IMessageBus bus, CancellationToken cancellation = default)
    {
        var transaction = await bus.BeginPostgresTransactionAsync(cancellation).ConfigureAwait(false);
        return new Batch(transaction, Table);
    }

    public async Task<ISubscriptionLease?> TryAcquireLeaseAsync(string name, CancellationToken cancellation = default)
    {
        var held = await SessionAdvisoryLock.TryTakeAsync(Db, Db.Tables.SharedLockKey("subscription:" + name), $"taking the lease of subscription '{name}'", cancellation)
            .ConfigureAwait(false);
        return held is null ? null : new Lease(held);
    }

    private async Task<IReadOnlyList<SubscriptionState>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken token)
    {
        await using var select = EnvelopeRows.Command(connection, $"SELECT {EventLogColumns.Subscriptions} FROM {Table} ORDER BY name;", transaction);
        await using var reader = await select.ExecuteReaderAsync(token).ConfigureAwait(false);
        var list = new List<SubscriptionState>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            list.Add(ReadState(reader));
        }

        return list;
    }

    private Task<SubscriptionState?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, bool forUpdate, CancellationToken token) =>
        LoadAsync(connection, transaction, Table, name, forUpdate, token);

    private static async Task<SubscriptionState?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string name, bool forUpdate,
        CancellationToken token)
    {
        await using var select = EnvelopeRows.Command(connection,
            $"SELECT {EventLogColumns.Subscriptions} FROM {table} WHERE name = @name{(forUpdate ? " FOR UPDATE" : string.Empty)};", transaction).With("name", name);
        await using var reader = await select.ExecuteReaderAsync(token).ConfigureAwait(false);
        return await reader.ReadAsync(token).ConfigureAwait(false) ? ReadState(reader) : null;
    }

    private static SubscriptionState ReadState(NpgsqlDataReader reader)
    {
        ReplayProgress? replay = reader.IsDBNull(5) ? null : new ReplayProgress(
            reader.GetString(5),
            reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetInt64(7),
            reader.GetBoolean(8),
            Time(reader, 9),
            Time(reader, 10),
            Time(reader, 11),
            reader.GetInt64(12),
            reader.GetInt64(13),
            reader.GetInt64(14),
            reader.IsDBNull(15) ? null : reader.GetString(15));
        return new SubscriptionState(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4), replay);
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private sealed class Batch : ISubscriptionBatch
    {
        private readonly PostgresOutboxTransaction _transaction;
        private readonly string _table;

        public Batch(PostgresOutboxTransaction transaction, string table)
        {
            _transaction = transaction;
            _table = table;
        }

        public object Transaction => _transaction;

        /// <summary>Locks the checkpoint row until the batch commits: nobody moves it meanwhile.</summary>
        public Task<SubscriptionState?> LoadAsync(string name, CancellationToken cancellation = default) =>
            PostgresSubscriptionStore.LoadAsync(_transaction.Connection, _transaction.Transaction, _table, name, true, cancellation);

        public async Task SaveAsync(SubscriptionState state, CancellationToken cancellation = default)
        {
            var replay = state.Replay;
            await using var update = _transaction.CreateCommand(
                    $"UPDATE {_table} SET position = @position, status = @status, suppress_until = @suppress, updated_at = @now, " +
                    "replay_state = @state, replay_started_at = @started, replay_finished_at = @finished, replay_read = @read, replay_applied = @applied, " +
                    "replay_skipped = @skipped, replay_error = @error WHERE name = @name;")
                .With("position", state.Position).With("status", state.Status).With("suppress", state.SuppressUntil)
                .With("now", state.UpdatedAt.ToUniversalTime()).With("state", replay?.State)
                .With("started", EnvelopeRows.Time(replay?.StartedAt)).With("finished", EnvelopeRows.Time(replay?.FinishedAt))
                .With("read", replay?.Read ?? 0).With("applied", replay?.Applied ?? 0).With("skipped", replay?.Skipped ?? 0)
                .With("error", replay?.Error).With("name", state.Name);
            update.Parameters["state"].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
            update.Parameters["error"].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
            update.Parameters["started"].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            update.Parameters["finished"].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            await update.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        public Task CommitAsync(CancellationToken cancellation = default) => _transaction.CommitAsync(cancellation);

        public ValueTask DisposeAsync() => _transaction.DisposeAsync();
    }

    private sealed class Lease : ISubscriptionLease
    {
        private readonly SessionAdvisoryLock _lock;

        public Lease(SessionAdvisoryLock held) => _lock = held;

        public Task<bool> IsHeldAsync(CancellationToken cancellation = default) => Task.FromResult(_lock.IsHeld());

        public ValueTask DisposeAsync()
        {
            _lock.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
