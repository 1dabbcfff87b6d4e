using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// Commands kept per open connection, so that a statement run on every message is compiled by SQLite once per
/// connection rather than once per use (Microsoft.Data.Sqlite prepares a new command's statements on its first
/// execution). Only for connections that stay open: the batching writer's, and the outbox connections the store
/// leases (<see cref="SqliteMessageStore.RentConnection"/>). One thread uses a connection at a time (the write gate).
/// </summary>
internal static class PreparedCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Caches = new();

    /// <summary>The connection's command for <paramref name="sql"/>, without parameters. Never dispose it.</summary>
    public static SqliteCommand Prepared(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var commands = Caches.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a statement without parameters through <see cref="Prepared"/>.</summary>
    public static int ExecutePrepared(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null) =>
        connection.Prepared(sql, transaction).ExecuteNonQuery();
}
