using System;
using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>Opens connections to the store's file with the pragmas every connection needs.</summary>
internal sealed class SqliteConnectionFactory
{
    private static readonly object Marker = new();
    private readonly string _connectionString;
    private readonly ConditionalWeakTable<object, object> _configured = new();

    public SqliteConnectionFactory(SqliteMessageStoreOptions options)
    {
        Options = options;
        DatabasePath = options.DatabasePath;
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DataSource = DatabasePath,
            // We set busy_timeout ourselves; Microsoft.Data.Sqlite's command timeout would otherwise cap it.
            DefaultTimeout = Math.Max(30, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds) + 5),
        };
        _connectionString = builder.ToString();
    }

    public SqliteMessageStoreOptions Options { get; }

    public string DatabasePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Pragmas stick to the native connection, which the pool reuses: set them once per native connection.
            var native = connection.Handle!;
            if (!_configured.TryGetValue(native, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText =
                    $"PRAGMA busy_timeout = {(long)Options.BusyTimeout.TotalMilliseconds}; " +
                    $"PRAGMA synchronous = {(int)Options.Synchronous}; PRAGMA foreign_keys = ON;";
                command.ExecuteNonQuery();
                _configured.AddOrUpdate(native, Marker);
            }

            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw Translate(e, "opening the database");
        }
    }

    /// <summary>Closes the pooled connections to this file (so that it can be moved or deleted).</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Turns a raw SQLite error into one that names the file and says what to do.</summary>
    public Exception Translate(SqliteException e, string doing)
    {
        var where = $"the SQLite message store at '{DatabasePath}'";
        return e.SqliteErrorCode switch
        {
            8 => new SqliteStoreException(
                $"Cannot write to {where} while {doing}: the database file (or its folder, which must hold the -wal and -shm files) is read-only. Check the file permissions and the mount.", e),
            5 or 6 => new SqliteStoreException(
                $"{where} stayed locked by another connection or process for longer than the busy timeout ({Options.BusyTimeout.TotalSeconds:0.#} s) while {doing}. Another process may hold a long write transaction, or an exclusive lock.", e),
            14 => new SqliteStoreException(
                $"Cannot open {where} while {doing}: the file or its folder does not exist or cannot be created ({(Directory.Exists(Path.GetDirectoryName(DatabasePath)) ? "check permissions" : "the folder is missing")}).", e),
            11 or 26 => new SqliteStoreException(
                $"{where} is not a valid SQLite database or is corrupt (found while {doing}). Restore it from a backup or move it aside.", e),
            _ => new SqliteStoreException($"SQLite error {e.SqliteErrorCode} in {where} while {doing}: {e.Message}", e),
        };
    }
}
