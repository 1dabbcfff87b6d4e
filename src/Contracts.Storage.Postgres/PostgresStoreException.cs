using System;

namespace Contracts.Storage.Postgres;

/// <summary>
/// A failure of the PostgreSQL message store that says what went wrong and where: which server, database and
/// schema, which table or row, and what to do about it (for example a wrong password, an unreachable server, a
/// missing permission, or a row that cannot be read).
/// </summary>
public sealed class PostgresStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresStoreException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
