using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>Conversions between envelopes and table rows: ids as uuid, times as timestamptz (UTC), bodies as bytea.</summary>
internal static class EnvelopeRows
{
    public const string IncomingColumns = "id, status, owner_id, execution_time, attempts, body, message_type, received_at, keep_until";

    public const string OutgoingColumns = "id, owner_id, destination, deliver_by, body, attempts";

    public static object Time(DateTimeOffset? time) => time.HasValue ? time.Value.ToUniversalTime() : DBNull.Value;

    public static byte[] Body(Envelope envelope) =>
        envelope.Status == EnvelopeStatus.Handled ? Array.Empty<byte>() : EnvelopeSerializer.Serialize(envelope);

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static NpgsqlCommand WithIds(this NpgsqlCommand command, string name, IEnumerable<Guid> ids)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new List<Guid>(ids).ToArray() });
        return command;
    }

    /// <summary>Reads the body column into an envelope; a body that cannot be read names the table, row and database.</summary>
    public static Envelope ReadBody(byte[] body, Guid id, string table, string where)
    {
        if (body.Length == 0)
        {
            return new Envelope { Id = id, Data = Array.Empty<byte>() };
        }

        try
        {
            return EnvelopeSerializer.Deserialize(body);
        }
        catch (Exception e)
        {
            throw new PostgresStoreException(
                $"The row with id {id} in table {table} ({where}) has a body that cannot be read as a Wolverine envelope ({e.GetType().Name}: {e.Message}). The row is corrupt; move it aside or delete it.", e);
        }
    }

    /// <summary>Reads rows selected with <see cref="IncomingColumns"/>; corrupt rows go to <paramref name="corrupt"/> if given, else throw.</summary>
    public static Task<List<Envelope>> ReadIncomingAsync(NpgsqlCommand command, PostgresDatabase database, CancellationToken token,
        List<(Guid Id, PostgresStoreException Error)>? corrupt = null) =>
        ReadAsync(command, database.Tables.Incoming, 5, database, token, corrupt, (reader, envelope) =>
        {
            envelope.Status = Enum.Parse<EnvelopeStatus>(reader.GetString(1));
            envelope.OwnerId = reader.GetInt32(2);
            if (!reader.IsDBNull(3))
            {
                envelope.ScheduledTime = reader.GetFieldValue<DateTimeOffset>(3);
            }

            envelope.Attempts = reader.GetInt32(4);
            envelope.MessageType ??= reader.GetString(6);
            if (!reader.IsDBNull(7))
            {
                envelope.Destination = new Uri(reader.GetString(7));
            }

            envelope.KeepUntil = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8);
        });

    /// <summary>Reads rows selected with <see cref="OutgoingColumns"/>; corrupt rows go to <paramref name="corrupt"/> if given, else throw.</summary>
    public static Task<List<Envelope>> ReadOutgoingAsync(NpgsqlCommand command, PostgresDatabase database, CancellationToken token,
        List<(Guid Id, PostgresStoreException Error)>? corrupt = null) =>
        ReadAsync(command, database.Tables.Outgoing, 4, database, token, corrupt, (reader, envelope) =>
        {
            envelope.Status = EnvelopeStatus.Outgoing;
            envelope.OwnerId = reader.GetInt32(1);
            envelope.Destination = new Uri(reader.GetString(2));
            envelope.Attempts = reader.GetInt32(5);
        });

    /// <summary>Reads envelope rows (id first, body at <paramref name="bodyOrdinal"/>), then lets <paramref name="fill"/> copy the other columns.</summary>
    private static async Task<List<Envelope>> ReadAsync(NpgsqlCommand command, string table, int bodyOrdinal, PostgresDatabase database, CancellationToken token,
        List<(Guid Id, PostgresStoreException Error)>? corrupt, Action<NpgsqlDataReader, Envelope> fill)
    {
        var list = new List<Envelope>();
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            var id = reader.GetGuid(0);
            Envelope envelope;
            try
            {
                envelope = ReadBody(reader.GetFieldValue<byte[]>(bodyOrdinal), id, table, database.Where);
            }
            catch (PostgresStoreException e) when (corrupt is not null)
            {
                corrupt.Add((id, e));
                continue;
            }

            envelope.Id = id;
            fill(reader, envelope);
            list.Add(envelope);
        }

        return list;
    }

    /// <summary>
    /// Inserts incoming rows in one round trip, skipping ids that exist; returns the envelopes that were not inserted
    /// (the real duplicates). On a retry (<paramref name="retry"/>) an existing row with the same status and owner is
    /// this operation's own earlier commit, whose acknowledgement was lost with the connection, and counts as inserted.
    /// </summary>
    public static async Task<List<Envelope>> InsertIncomingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgresTables tables,
        IReadOnlyList<Envelope> envelopes, Func<Envelope, int> ownerOf, bool retry, CancellationToken token)
    {
        var duplicates = new List<Envelope>();
        if (envelopes.Count == 0)
        {
            return duplicates;
        }

        var inserted = new HashSet<Guid>();
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var envelope in envelopes)
            {
                var command = new NpgsqlBatchCommand(
                    $"INSERT INTO {tables.Incoming} ({IncomingColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id;");
                command.Parameters.Add(new NpgsqlParameter { Value = envelope.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = envelope.Status.ToString() });
                command.Parameters.Add(new NpgsqlParameter { Value = ownerOf(envelope) });
                command.Parameters.Add(new NpgsqlParameter { Value = envelope.Status == EnvelopeStatus.Scheduled ? Time(envelope.ScheduledTime) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter { Value = envelope.Attempts });
                command.Parameters.Add(new NpgsqlParameter { Value = Body(envelope) });
                command.Parameters.Add(new NpgsqlParameter { Value = envelope.MessageType ?? string.Empty });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)envelope.Destination?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = Time(envelope.KeepUntil), NpgsqlDbType = NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(token).ConfigureAwait(false);
            do
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    inserted.Add(reader.GetGuid(0));
                }
            }
            while (await reader.NextResultAsync(token).ConfigureAwait(false));
        }

        foreach (var envelope in envelopes)
        {
            if (!inserted.Contains(envelope.Id))
            {
                duplicates.Add(envelope);
            }
        }

        if (retry && duplicates.Count > 0)
        {
            var existing = new Dictionary<Guid, (string Status, int Owner)>();
            await using var select = Command(connection, $"SELECT id, status, owner_id FROM {tables.Incoming} WHERE id = ANY(@ids);", transaction)
                .WithIds("ids", duplicates.ConvertAll(e => e.Id));
            await using (var reader = await select.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(token).ConfigureAwait(false))
                {
                    existing[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt32(2));
                }
            }

            duplicates.RemoveAll(e => existing.TryGetValue(e.Id, out var row) && row.Status == e.Status.ToString() && row.Owner == ownerOf(e));
        }

        return duplicates;
    }

    public static NpgsqlBatchCommand InsertOutgoing(PostgresTables tables, Envelope envelope, int ownerId)
    {
        if (envelope.Destination is null)
        {
            throw new ArgumentException($"Outgoing envelope {envelope.Id} ({envelope.MessageType}) has no destination.", nameof(envelope));
        }

        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {tables.Outgoing} (id, owner_id, destination, deliver_by, body, attempts, message_type) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, destination = excluded.destination, deliver_by = excluded.deliver_by, " +
            "body = excluded.body, attempts = excluded.attempts, message_type = excluded.message_type;");
        command.Parameters.Add(new NpgsqlParameter { Value = envelope.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        command.Parameters.Add(new NpgsqlParameter { Value = envelope.Destination.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = Time(envelope.DeliverBy) });
        command.Parameters.Add(new NpgsqlParameter { Value = EnvelopeSerializer.Serialize(envelope) });
        command.Parameters.Add(new NpgsqlParameter { Value = envelope.Attempts });
        command.Parameters.Add(new NpgsqlParameter { Value = envelope.MessageType ?? string.Empty });
        return command;
    }

    /// <summary>Writes outgoing rows in one round trip.</summary>
    public static async Task InsertOutgoingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgresTables tables,
        IEnumerable<Envelope> envelopes, int ownerId, CancellationToken token)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var envelope in envelopes)
        {
            batch.BatchCommands.Add(InsertOutgoing(tables, envelope, ownerId));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }
    }
}
