using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using Microsoft.Data.Sqlite;
using Wolverine;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Subscription checkpoints and replay requests in <c>contracts_subscriptions</c>.</summary>
internal sealed class SqliteSubscriptionStore : ISubscriptionStore
{
    private readonly SqliteMessageStore _store;

    public SqliteSubscriptionStore(SqliteMessageStore store) => _store = store;

    public string Location => _store.Factory.DatabasePath;

    public EventLogNotifier Notifier => _store.EventLog.Notifier;

    public async Task<SubscriptionState> RegisterAsync(string name, bool sideEffectsDuringCatchUp, CancellationToken cancellation = default)
    {
        _store.EnsureSchema();
        await _store.Writer.WriteAsync(connection =>
        {
            using var insert = EnvelopeRows.Command(connection,
                $"INSERT INTO {SchemaMigrator.Subscriptions} (name, position, status, suppress_until, updated_at) VALUES (@name, 0, @status, " +
                $"CASE WHEN @quiet = 1 THEN (SELECT coalesce(max(position), 0) FROM {SchemaMigrator.EventLog}) ELSE 0 END, @now) ON CONFLICT (name) DO NOTHING;");
            insert.Add("@name", name);
            insert.Add("@status", SubscriptionStatus.Running);
            insert.Add("@quiet", sideEffectsDuringCatchUp ? 0 : 1);
            insert.Add("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }, $"registering subscription '{name}'").ConfigureAwait(false);
        return (await LoadAsync(name, cancellation).ConfigureAwait(false))!;
    }

    public Task<SubscriptionState?> LoadAsync(string name, CancellationToken cancellation = default)
    {
        _store.EnsureSchema();
        return Task.FromResult(_store.Read(connection => Load(connection, null, name), $"loading subscription '{name}'"));
    }

    public Task<IReadOnlyList<SubscriptionState>> ListAsync(CancellationToken cancellation = default)
    {
        _store.EnsureSchema();
        return Task.FromResult(_store.Read(List, "listing subscriptions"));
    }

    public static IReadOnlyList<SubscriptionState> List(SqliteConnection connection)
    {
        using var select = EnvelopeRows.Command(connection, $"SELECT {EventLogColumns.Subscriptions} FROM {SchemaMigrator.Subscriptions} ORDER BY name;");
        using var reader = select.ExecuteReader();
        var list = new List<SubscriptionState>();
        while (reader.Read())
        {
            list.Add(ReadState(reader));
        }

        return list;
    }

    public Task RequestReplayAsync(string name, ReplayRequest request, CancellationToken cancellation = default)
    {
        _store.EnsureSchema();
        return _store.Writer.WriteAsync(connection => RequestReplay(connection, name, request, Location), $"requesting a replay of subscription '{name}'");
    }

    /// <summary>Records a replay request; fails naming the known subscriptions when <paramref name="name"/> is unknown.</summary>
    public static void RequestReplay(SqliteConnection connection, string name, ReplayRequest request, string location)
    {
        ReplayRequests.Validate(request);

        using var update = EnvelopeRows.Command(connection,
            $"UPDATE {SchemaMigrator.Subscriptions} SET replay_state = @state, replay_from = @from, replay_to = @to, replay_side_effects = @effects, " +
            "replay_requested_at = @now, replay_started_at = NULL, replay_finished_at = NULL, replay_read = 0, replay_applied = 0, replay_skipped = 0, " +
            "replay_error = NULL, updated_at = @now WHERE name = @name;");
        update.Add("@state", ReplayState.Requested);
        update.Add("@from", request.From);
        update.Add("@to", request.To);
        update.Add("@effects", request.SideEffects ? 1 : 0);
        update.Add("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        update.Add("@name", name);
        if (update.ExecuteNonQuery() == 0)
        {
            throw ReplayRequests.UnknownSubscription(name, location, List(connection).Select(s => s.Name));
        }
    }

    public Task<IReadOnlyList<EventLogRecord>> ReadAsync(long after, long? to, int max, CancellationToken cancellation = default) =>
        _store.EventLog.ReadPageAsync(new EventLogQuery { AfterPosition = after, ToPosition = to, PageSize = max }, cancellation);

    public async Task<ISubscriptionBatch> BeginBatchAsync(IMessageBus bus, CancellationToken cancellation = default)
    {
        var transaction = await bus.BeginSqliteTransactionAsync().ConfigureAwait(false);
        return new Batch(transaction);
    }

    public static SubscriptionState? Load(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var select = EnvelopeRows.Command(connection, $"SELECT {EventLogColumns.Subscriptions} FROM {SchemaMigrator.Subscriptions} WHERE name = @name;", transaction);
        select.Add("@name", name);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadState(reader) : null;
    }

    private static SubscriptionState ReadState(SqliteDataReader reader)
    {
        ReplayProgress? replay = reader.IsDBNull(5) ? null : new ReplayProgress(
            reader.GetString(5),
            reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetInt64(7),
            reader.GetInt64(8) != 0,
            EnvelopeRows.ReadTime(reader, 9),
            EnvelopeRows.ReadTime(reader, 10),
            EnvelopeRows.ReadTime(reader, 11),
            reader.GetInt64(12),
            reader.GetInt64(13),
            reader.GetInt64(14),
            reader.IsDBNull(15) ? null : reader.GetString(15));
        return new SubscriptionState(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), replay);
    }

    private sealed class Batch : ISubscriptionBatch
    {
        private readonly SqliteOutboxTransaction _transaction;

        public Batch(SqliteOutboxTransaction transaction) => _transaction = transaction;

        public object Transaction => _transaction;

        public Task<SubscriptionState?> LoadAsync(string name, CancellationToken cancellation = default) =>
            Task.FromResult(SqliteSubscriptionStore.Load(_transaction.Connection, _transaction.Transaction, name));

        public Task SaveAsync(SubscriptionState state, CancellationToken cancellation = default)
        {
            using var update = _transaction.CreateCommand(
                $"UPDATE {SchemaMigrator.Subscriptions} SET position = @position, status = @status, suppress_until = @suppress, updated_at = @now, " +
                "replay_state = @state, replay_started_at = @started, replay_finished_at = @finished, replay_read = @read, replay_applied = @applied, " +
                "replay_skipped = @skipped, replay_error = @error WHERE name = @name;");
            var replay = state.Replay;
            update.Add("@position", state.Position);
            update.Add("@status", state.Status);
            update.Add("@suppress", state.SuppressUntil);
            update.Add("@now", state.UpdatedAt.ToUnixTimeMilliseconds());
            update.Add("@state", replay?.State);
            update.Add("@started", replay?.StartedAt?.ToUnixTimeMilliseconds());
            update.Add("@finished", replay?.FinishedAt?.ToUnixTimeMilliseconds());
            update.Add("@read", replay?.Read ?? 0);
            update.Add("@applied", replay?.Applied ?? 0);
            update.Add("@skipped", replay?.Skipped ?? 0);
            update.Add("@error", replay?.Error);
            update.Add("@name", state.Name);
            update.ExecuteNonQuery();
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellation = default) => _transaction.CommitAsync(cancellation);

        public ValueTask DisposeAsync() => _transaction.DisposeAsync();
    }
}
