using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Conversions between envelopes and table rows: ids as text, times as Unix milliseconds.</summary>
internal static class EnvelopeRows
{
    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static object ToDb(DateTimeOffset? time) => time.HasValue ? time.Value.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static string Id(Guid id) => id.ToString("D");

    public static byte[] Body(Envelope envelope) =>
        envelope.Status == EnvelopeStatus.Handled ? Array.Empty<byte>() : EnvelopeSerializer.Serialize(envelope);

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static void Add(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <summary>Reads the body column into an envelope; a body that cannot be read names the table and row.</summary>
    public static Envelope ReadBody(byte[] body, Guid id, string table, string databasePath)
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
            throw new SqliteStoreException(
                $"The row with id {id} in table {table} of the SQLite message store at '{databasePath}' has a body that cannot be read as a Wolverine envelope ({e.GetType().Name}: {e.Message}). The row is corrupt; move it aside or delete it.", e);
        }
    }

    public const string IncomingColumns = "id, status, owner_id, execution_time, attempts, body, message_type, received_at, keep_until";

    /// <summary>Reads rows selected with <see cref="IncomingColumns"/>; corrupt rows go to <paramref name="corrupt"/> if given, else throw.</summary>
    public static List<Envelope> ReadIncoming(SqliteCommand command, string databasePath, List<(Guid Id, SqliteStoreException Error)>? corrupt = null)
    {
        var list = new List<Envelope>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = Guid.Parse(reader.GetString(0));
            Envelope envelope;
            try
            {
                envelope = ReadBody((byte[])reader.GetValue(5), id, SchemaMigrator.Incoming, databasePath);
            }
            catch (SqliteStoreException e) when (corrupt is not null)
            {
                corrupt.Add((id, e));
                continue;
            }

            envelope.Id = id;
            envelope.Status = Enum.Parse<EnvelopeStatus>(reader.GetString(1));
            envelope.OwnerId = reader.GetInt32(2);
            var executionTime = ReadTime(reader, 3);
            if (executionTime.HasValue)
            {
                envelope.ScheduledTime = executionTime;
            }

            envelope.Attempts = reader.GetInt32(4);
            envelope.MessageType ??= reader.GetString(6);
            if (!reader.IsDBNull(7))
            {
                envelope.Destination = new Uri(reader.GetString(7));
            }

            envelope.KeepUntil = ReadTime(reader, 8);
            list.Add(envelope);
        }

        return list;
    }

    public const string OutgoingColumns = "id, owner_id, destination, deliver_by, body, attempts";

    public static List<Envelope> ReadOutgoing(SqliteCommand command, string databasePath, List<(Guid Id, SqliteStoreException Error)>? corrupt = null)
    {
        var list = new List<Envelope>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = Guid.Parse(reader.GetString(0));
            Envelope envelope;
            try
            {
                envelope = ReadBody((byte[])reader.GetValue(4), id, SchemaMigrator.Outgoing, databasePath);
            }
            catch (SqliteStoreException e) when (corrupt is not null)
            {
                corrupt.Add((id, e));
                continue;
            }

            envelope.Id = id;
            envelope.Status = EnvelopeStatus.Outgoing;
            envelope.OwnerId = reader.GetInt32(1);
            envelope.Destination = new Uri(reader.GetString(2));
            envelope.Attempts = reader.GetInt32(5);
            list.Add(envelope);
        }

        return list;
    }

    /// <summary>Inserts an incoming row unless one with the same id exists; true if it was inserted.</summary>
    public static bool TryInsertIncoming(SqliteConnection connection, SqliteTransaction? transaction, Envelope envelope, int ownerId)
    {
        // Prepared once per long-lived connection (the writer's, a leased outbox connection): this runs for every message.
        var command = connection.Prepared(
            "INSERT INTO wolverine_incoming (id, status, owner_id, execution_time, attempts, body, message_type, received_at, keep_until) " +
            "VALUES (@id, @status, @owner, @exec, @attempts, @body, @type, @received, @keep) ON CONFLICT(id) DO NOTHING;", transaction);
        command.Add("@id", Id(envelope.Id));
        command.Add("@status", envelope.Status.ToString());
        command.Add("@owner", ownerId);
        command.Add("@exec", envelope.Status == EnvelopeStatus.Scheduled ? ToDb(envelope.ScheduledTime) : DBNull.Value);
        command.Add("@attempts", envelope.Attempts);
        command.Add("@body", Body(envelope));
        command.Add("@type", envelope.MessageType ?? string.Empty);
        command.Add("@received", envelope.Destination?.ToString());
        command.Add("@keep", ToDb(envelope.KeepUntil));
        return command.ExecuteNonQuery() == 1;
    }

    public static void InsertOutgoing(SqliteConnection connection, SqliteTransaction? transaction, Envelope envelope, int ownerId)
    {
        if (envelope.Destination is null)
        {
            throw new ArgumentException($"Outgoing envelope {envelope.Id} ({envelope.MessageType}) has no destination.", nameof(envelope));
        }

        var command = connection.Prepared(
            "INSERT OR REPLACE INTO wolverine_outgoing (id, owner_id, destination, deliver_by, body, attempts, message_type, stored_at) " +
            "VALUES (@id, @owner, @dest, @deliver, @body, @attempts, @type, @stored);", transaction);
        command.Add("@id", Id(envelope.Id));
        command.Add("@owner", ownerId);
        command.Add("@dest", envelope.Destination.ToString());
        command.Add("@deliver", ToDb(envelope.DeliverBy));
        command.Add("@body", EnvelopeSerializer.Serialize(envelope));
        command.Add("@attempts", envelope.Attempts);
        command.Add("@type", envelope.MessageType ?? string.Empty);
        command.Add("@stored", ToUnixMs(DateTimeOffset.UtcNow));
        command.ExecuteNonQuery();
    }

    /// <summary>Builds <c>(@p0, @p1, ...)</c> for the ids and adds the parameters.</summary>
    public static string InList(SqliteCommand command, IEnumerable<Guid> ids)
    {
        var names = new List<string>();
        foreach (var id in ids)
        {
            var name = "@p" + names.Count;
            names.Add(name);
            command.Add(name, Id(id));
        }

        return names.Count == 0 ? "(NULL)" : "(" + string.Join(", ", names) + ")";
    }
}
