using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Wolverine;
using Wolverine.Runtime.Serialization;
using Wolverine.Transports.Sending;

namespace Contracts.Storage.Postgres.Transport;

/// <summary>
/// Inserts envelopes into a queue's table (a scheduled one with its time, so delivery waits for it) and notifies the
/// queue's listeners in the same transaction. When the sender's message store is in the same database, the insert
/// also deletes the envelope's outbox row in that statement: the message moves from the outbox to the queue exactly
/// once, even if the process dies before Wolverine deletes the outbox row itself.
/// </summary>
internal sealed class PostgresQueueSender : ISender
{
    private readonly PostgresQueue _queue;
    private string? _sendSql;
    private string? _scheduleSql;

    public PostgresQueueSender(PostgresQueue queue)
    {
        _queue = queue;
        Destination = queue.Uri;
    }

    public bool SupportsNativeScheduledSend => true;

    public Uri Destination { get; }

    private PostgresTransport Transport => _queue.Transport;

    public async Task<bool> PingAsync()
    {
        try
        {
            await Transport.EnsureProvisionedAsync(_queue, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public async ValueTask SendAsync(Envelope envelope)
    {
        await Transport.EnsureProvisionedAsync(_queue, CancellationToken.None).ConfigureAwait(false);
        var body = EnvelopeSerializer.Serialize(envelope);
        var later = envelope.ScheduledTime is { } at && at > DateTimeOffset.UtcNow ? at : (DateTimeOffset?)null;
        var sql = later is null ? _sendSql ??= BuildSql(notify: true) : _scheduleSql ??= BuildSql(notify: false);
        await Transport.Database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", envelope.Id);
            command.Parameters.Add(new NpgsqlParameter("group", NpgsqlDbType.Text) { Value = (object?)envelope.GroupId ?? DBNull.Value });
            command.Parameters.AddWithValue("type", envelope.MessageType ?? string.Empty);
            command.Parameters.AddWithValue("body", body);
            command.Parameters.Add(new NpgsqlParameter("available", NpgsqlDbType.TimestampTz) { Value = (object?)later ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("deliver_by", NpgsqlDbType.TimestampTz) { Value = (object?)envelope.DeliverBy ?? DBNull.Value });
            if (later is null)
            {
                command.Parameters.AddWithValue("channel", Transport.Channel);
                command.Parameters.AddWithValue("queue", _queue.QueueName);
            }

            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"sending {envelope.MessageType} {envelope.Id} to queue '{_queue.QueueName}'").ConfigureAwait(false);
    }

    private string BuildSql(bool notify)
    {
        // One implicit transaction: the outbox row (same database only), the queue row and the notification go together.
        var moveFromOutbox = Transport.SameDatabaseStore is { } store ? $"WITH moved AS (DELETE FROM {store.Outgoing} WHERE id = @id) " : string.Empty;
        return moveFromOutbox + _queue.Table.InsertSql + (notify ? " SELECT pg_notify(@channel, @queue);" : string.Empty);
    }
}
