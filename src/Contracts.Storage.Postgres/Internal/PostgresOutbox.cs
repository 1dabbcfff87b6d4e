using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>The durable outbox: envelopes waiting to be sent, deleted once the transport has them.</summary>
internal sealed class PostgresOutbox : IMessageOutbox
{
    private readonly PostgresMessageStore _store;

    public PostgresOutbox(PostgresMessageStore store) => _store = store;

    private PostgresDatabase Db => _store.Database;

    public Task<IReadOnlyList<Envelope>> LoadOutgoingAsync(Uri destination) =>
        Db.RunAsync<IReadOnlyList<Envelope>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"SELECT {EnvelopeRows.OutgoingColumns} FROM {Db.Tables.Outgoing} WHERE owner_id = 0 AND destination = @dest ORDER BY stored_at LIMIT @limit;")
                .With("dest", destination.ToString())
                .With("limit", Math.Max(1, _store.Durability.RecoveryBatchSize));
            return await EnvelopeRows.ReadOutgoingAsync(command, Db, token).ConfigureAwait(false);
        }, $"loading outgoing envelopes for {destination}");

    public Task StoreOutgoingAsync(Envelope envelope, int ownerId) => StoreOutgoingAsync(new[] { envelope }, ownerId);

    public Task StoreOutgoingAsync(IReadOnlyList<Envelope> envelopes, int ownerId) =>
        Db.RunAsync((connection, token) => EnvelopeRows.InsertOutgoingAsync(connection, null, Db.Tables, envelopes, ownerId, token),
            envelopes.Count == 1 ? $"storing outgoing envelope {envelopes[0].Id}" : $"storing {envelopes.Count} outgoing envelopes");

    public Task DeleteOutgoingAsync(Envelope[] envelopes) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"DELETE FROM {Db.Tables.Outgoing} WHERE id = ANY(@ids);")
                .WithIds("ids", envelopes.Where(e => e is not null).Select(e => e.Id));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"deleting {envelopes.Length} sent envelopes");

    public Task DeleteOutgoingAsync(Envelope envelope) => DeleteOutgoingAsync(new[] { envelope });

    public async Task DiscardAndReassignOutgoingAsync(Envelope[] discards, Envelope[] reassigned, int nodeId)
    {
        await Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using (var delete = EnvelopeRows.Command(connection, $"DELETE FROM {Db.Tables.Outgoing} WHERE id = ANY(@ids);", transaction)
                             .WithIds("ids", discards.Select(e => e.Id)))
            {
                await delete.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await using var update = EnvelopeRows.Command(connection, $"UPDATE {Db.Tables.Outgoing} SET owner_id = @owner WHERE id = ANY(@ids);", transaction)
                .WithIds("ids", reassigned.Select(e => e.Id))
                .With("owner", nodeId);
            await update.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, "discarding expired and reassigning outgoing envelopes").ConfigureAwait(false);
        foreach (var envelope in reassigned)
        {
            envelope.OwnerId = nodeId;
        }
    }
}
