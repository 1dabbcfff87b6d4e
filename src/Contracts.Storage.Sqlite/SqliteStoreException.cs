using System;

namespace Contracts.Storage.Sqlite;

/// <summary>
/// A failure of the SQLite message store that says what went wrong and where: which file, which table or row,
/// and what to do about it (for example a read-only or locked database file, or a row that cannot be read).
/// </summary>
public sealed class SqliteStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SqliteStoreException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
