using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>The durable outbox: envelopes waiting to be sent, deleted once the transport has them.</summary>
internal sealed class SqliteOutbox : IMessageOutbox
{
    private readonly SqliteMessageStore _store;

    public SqliteOutbox(SqliteMessageStore store) => _store = store;

    public Task<IReadOnlyList<Envelope>> LoadOutgoingAsync(Uri destination) =>
        Task.FromResult<IReadOnlyList<Envelope>>(_store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                $"SELECT {EnvelopeRows.OutgoingColumns} FROM wolverine_outgoing WHERE owner_id = 0 AND destination = @dest ORDER BY stored_at LIMIT @limit;");
            command.Add("@dest", destination.ToString());
            command.Add("@limit", Math.Max(1, _store.Durability.RecoveryBatchSize));
            return EnvelopeRows.ReadOutgoing(command, _store.Factory.DatabasePath);
        }, $"loading outgoing envelopes for {destination}"));

    public Task StoreOutgoingAsync(Envelope envelope, int ownerId) =>
        _store.Writer.WriteAsync(connection => EnvelopeRows.InsertOutgoing(connection, null, envelope, ownerId),
            $"storing outgoing envelope {envelope.Id}");

    public Task StoreOutgoingAsync(IReadOnlyList<Envelope> envelopes, int ownerId) =>
        _store.Writer.WriteAsync(connection =>
        {
            foreach (var envelope in envelopes)
            {
                EnvelopeRows.InsertOutgoing(connection, null, envelope, ownerId);
            }
        }, $"storing {envelopes.Count} outgoing envelopes");

    public Task DeleteOutgoingAsync(Envelope[] envelopes) =>
        _store.Writer.WriteAlongAsync((connection, transaction) => Delete(connection, transaction, envelopes),
            $"deleting {envelopes.Length} sent envelopes");

    public Task DeleteOutgoingAsync(Envelope envelope) => DeleteOutgoingAsync(new[] { envelope });

    public Task DiscardAndReassignOutgoingAsync(Envelope[] discards, Envelope[] reassigned, int nodeId) =>
        _store.Writer.WriteAsync(connection =>
        {
            Delete(connection, null, discards);
            using var command = EnvelopeRows.Command(connection, "UPDATE wolverine_outgoing SET owner_id = @owner WHERE id = @id;");
            var id = command.Parameters.Add("@id", SqliteType.Text);
            command.Add("@owner", nodeId);
            foreach (var envelope in reassigned)
            {
                id.Value = EnvelopeRows.Id(envelope.Id);
                command.ExecuteNonQuery();
                envelope.OwnerId = nodeId;
            }
        }, "discarding expired and reassigning outgoing envelopes");

    private static void Delete(SqliteConnection connection, SqliteTransaction? transaction, IEnumerable<Envelope> envelopes)
    {
        var command = connection.Prepared("DELETE FROM wolverine_outgoing WHERE id = @id;", transaction);
        var id = command.Parameters.Add("@id", SqliteType.Text);
        foreach (var envelope in envelopes.Where(e => e is not null))
        {
            id.Value = EnvelopeRows.Id(envelope.Id);
            command.ExecuteNonQuery();
        }
    }
}
