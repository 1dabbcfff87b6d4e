using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// A session-level advisory lock held on a connection of its own: it lasts as long as that session, so if this
/// process dies or its connection breaks, PostgreSQL releases it and another node can take it. Used for Wolverine's
/// leadership and for subscription leases.
/// </summary>
internal sealed class SessionAdvisoryLock : IDisposable
{
    private NpgsqlConnection? _connection;

    private SessionAdvisoryLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Takes the lock without waiting; <see langword="null"/> when another session holds it (or the server could not be asked).</summary>
    public static async Task<SessionAdvisoryLock?> TryTakeAsync(PostgresDatabase database, long key, string doing, CancellationToken cancellation)
    {
        var connection = await database.OpenAsync(doing, cancellation).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key);", connection).With("key", key);
            if ((bool)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!)
            {
                return new SessionAdvisoryLock(connection);
            }
        }
        catch (NpgsqlException)
        {
            // Treated as "not taken this time"; the caller tries again later.
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>True while the session is alive (one round trip); a broken session has lost the lock, and this releases it.</summary>
    public bool IsHeld()
    {
        var connection = _connection;
        if (connection is null)
        {
            return false;
        }

        try
        {
            using var ping = new NpgsqlCommand("SELECT 1;", connection) { CommandTimeout = 2 };
            ping.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
        {
            Dispose();
            return false;
        }
    }

    /// <summary>Releases the lock and closes the session (the connection never goes back to the pool with a lock on it).</summary>
    public void Dispose()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null)
        {
            return;
        }

        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all();", connection) { CommandTimeout = 2 };
                unlock.ExecuteNonQuery();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
        {
            // The session is gone, and its locks with it.
        }

        connection.Dispose();
    }
}
