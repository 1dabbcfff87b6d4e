using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Wolverine;
using Wolverine.Logging;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Counts, clearing, rebuilding, ownership release and migration of the store.</summary>
internal sealed class SqliteStoreAdmin : IMessageStoreAdmin
{
    private readonly SqliteMessageStore _store;

    public SqliteStoreAdmin(SqliteMessageStore store) => _store = store;

    public Task DeleteAllHandledAsync() =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "DELETE FROM wolverine_incoming WHERE status = 'Handled';");
            command.ExecuteNonQuery();
        }, "deleting handled envelopes");

    public Task ClearAllAsync() =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "DELETE FROM wolverine_incoming; DELETE FROM wolverine_outgoing; DELETE FROM wolverine_dead_letters;");
            command.ExecuteNonQuery();
        }, "clearing all envelopes");

    public async Task RebuildAsync()
    {
        await _store.Writer.WriteAsync(connection => SchemaMigrator.Drop(connection), "dropping the message store tables").ConfigureAwait(false);
        SchemaMigrator.Migrate(_store.Factory);
    }

    public Task<PersistedCounts> FetchCountsAsync() =>
        Task.FromResult(_store.Read(connection =>
        {
            var counts = new PersistedCounts();
            using (var command = EnvelopeRows.Command(connection,
                       "SELECT status, count(*), sum(CASE WHEN status = 'Scheduled' AND execution_time <= @now THEN 1 ELSE 0 END) FROM wolverine_incoming GROUP BY status;"))
            {
                command.Add("@now", EnvelopeRows.ToUnixMs(DateTimeOffset.UtcNow));
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var count = reader.GetInt32(1);
                    switch (Enum.Parse<EnvelopeStatus>(reader.GetString(0)))
                    {
                        case EnvelopeStatus.Incoming: counts.Incoming = count; break;
                        case EnvelopeStatus.Scheduled:
                            counts.Scheduled = count;
                            counts.ScheduledDue = reader.GetInt32(2);
                            break;
                        case EnvelopeStatus.Handled: counts.Handled = count; break;
                    }
                }
            }

            using (var command = EnvelopeRows.Command(connection, "SELECT count(*), min(stored_at) FROM wolverine_outgoing;"))
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                counts.Outgoing = reader.GetInt32(0);
                counts.OldestOutgoing = EnvelopeRows.ReadTime(reader, 1);
            }

            using (var command = EnvelopeRows.Command(connection, "SELECT count(*) FROM wolverine_dead_letters;"))
            {
                counts.DeadLetter = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return counts;
        }, "counting envelopes"));

    public Task<IReadOnlyList<Envelope>> AllIncomingAsync() =>
        Task.FromResult<IReadOnlyList<Envelope>>(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection, $"SELECT {EnvelopeRows.IncomingColumns} FROM wolverine_incoming;");
            return EnvelopeRows.ReadIncoming(command, _store.Factory.DatabasePath);
        }, "loading all incoming envelopes"));

    public Task<IReadOnlyList<Envelope>> AllOutgoingAsync() =>
        Task.FromResult<IReadOnlyList<Envelope>>(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection, $"SELECT {EnvelopeRows.OutgoingColumns} FROM wolverine_outgoing;");
            return EnvelopeRows.ReadOutgoing(command, _store.Factory.DatabasePath);
        }, "loading all outgoing envelopes"));

    public Task ReleaseAllOwnershipAsync() =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "UPDATE wolverine_incoming SET owner_id = 0 WHERE owner_id <> 0; UPDATE wolverine_outgoing SET owner_id = 0 WHERE owner_id <> 0;");
            command.ExecuteNonQuery();
        }, "releasing ownership of all envelopes");

    public Task ReleaseAllOwnershipAsync(int ownerId) =>
        _store.Writer.WriteAsync(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "UPDATE wolverine_incoming SET owner_id = 0 WHERE owner_id = @owner; UPDATE wolverine_outgoing SET owner_id = 0 WHERE owner_id = @owner;");
            command.Add("@owner", ownerId);
            command.ExecuteNonQuery();
        }, $"releasing ownership of node {ownerId}'s envelopes");

    public Task CheckConnectivityAsync(CancellationToken token)
    {
        _store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "SELECT 1;");
            return command.ExecuteScalar();
        }, "checking connectivity");
        return Task.CompletedTask;
    }

    public Task AssertStorageProvisionedAsync(CancellationToken token)
    {
        SchemaMigrator.AssertProvisioned(_store.Factory);
        return Task.CompletedTask;
    }

    public Task MigrateAsync()
    {
        SchemaMigrator.Migrate(_store.Factory);
        return Task.CompletedTask;
    }
}
