using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Wolverine;
using Wolverine.Logging;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>Counts, clearing, rebuilding, ownership release and migration of the store.</summary>
internal sealed class PostgresStoreAdmin : IMessageStoreAdmin
{
    private readonly PostgresMessageStore _store;

    public PostgresStoreAdmin(PostgresMessageStore store) => _store = store;

    private PostgresDatabase Db => _store.Database;

    private Task ExecuteAsync(string sql, string doing, int? owner = null) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, sql);
            if (owner.HasValue)
            {
                command.With("owner", owner.Value);
            }

            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, doing);

    public Task DeleteAllHandledAsync() => ExecuteAsync($"DELETE FROM {Db.Tables.Incoming} WHERE status = 'Handled';", "deleting handled envelopes");

    public Task ClearAllAsync() =>
        ExecuteAsync($"DELETE FROM {Db.Tables.Incoming}; DELETE FROM {Db.Tables.Outgoing}; DELETE FROM {Db.Tables.DeadLetters};", "clearing all envelopes");

    public async Task RebuildAsync()
    {
        await SchemaMigrator.DropAsync(Db).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(Db).ConfigureAwait(false);
    }

    public Task<PersistedCounts> FetchCountsAsync() =>
        Db.RunAsync(async (connection, _, token) =>
        {
            var counts = new PersistedCounts();
            await using (var command = EnvelopeRows.Command(connection,
                             $"SELECT status, count(*), count(*) FILTER (WHERE status = 'Scheduled' AND execution_time <= now()) FROM {Db.Tables.Incoming} GROUP BY status;"))
            await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    var count = (int)reader.GetInt64(1);
                    switch (Enum.Parse<EnvelopeStatus>(reader.GetString(0)))
                    {
                        case EnvelopeStatus.Incoming: counts.Incoming = count; break;
                        case EnvelopeStatus.Scheduled:
                            counts.Scheduled = count;
                            counts.ScheduledDue = (int)reader.GetInt64(2);
                            break;
                        case EnvelopeStatus.Handled: counts.Handled = count; break;
                    }
                }
            }

            await using (var command = EnvelopeRows.Command(connection,
                             $"SELECT (SELECT count(*) FROM {Db.Tables.Outgoing}), (SELECT min(stored_at) FROM {Db.Tables.Outgoing}), (SELECT count(*) FROM {Db.Tables.DeadLetters});"))
            await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                await reader.ReadAsync(token).ConfigureAwait(false);
                counts.Outgoing = (int)reader.GetInt64(0);
                counts.OldestOutgoing = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
                counts.DeadLetter = (int)reader.GetInt64(2);
            }

            return counts;
        }, "counting envelopes");

    public Task<IReadOnlyList<Envelope>> AllIncomingAsync() =>
        Db.RunAsync<IReadOnlyList<Envelope>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"SELECT {EnvelopeRows.IncomingColumns} FROM {Db.Tables.Incoming};");
            return await EnvelopeRows.ReadIncomingAsync(command, Db, token).ConfigureAwait(false);
        }, "loading all incoming envelopes");

    public Task<IReadOnlyList<Envelope>> AllOutgoingAsync() =>
        Db.RunAsync<IReadOnlyList<Envelope>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"SELECT {EnvelopeRows.OutgoingColumns} FROM {Db.Tables.Outgoing};");
            return await EnvelopeRows.ReadOutgoingAsync(command, Db, token).ConfigureAwait(false);
        }, "loading all outgoing envelopes");

    public Task ReleaseAllOwnershipAsync() =>
        ExecuteAsync($"UPDATE {Db.Tables.Incoming} SET owner_id = 0 WHERE owner_id <> 0; UPDATE {Db.Tables.Outgoing} SET owner_id = 0 WHERE owner_id <> 0;",
            "releasing ownership of all envelopes");

    public Task ReleaseAllOwnershipAsync(int ownerId) =>
        ExecuteAsync($"UPDATE {Db.Tables.Incoming} SET owner_id = 0 WHERE owner_id = @owner; UPDATE {Db.Tables.Outgoing} SET owner_id = 0 WHERE owner_id = @owner;",
            $"releasing ownership of node {ownerId}'s envelopes", ownerId);

    public Task CheckConnectivityAsync(CancellationToken token) => _store.CheckHealthAsync(token);

    public Task AssertStorageProvisionedAsync(CancellationToken token) => SchemaMigrator.AssertProvisionedAsync(Db, token);

    public Task MigrateAsync() => SchemaMigrator.MigrateAsync(Db);
}
