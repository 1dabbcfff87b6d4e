namespace Contracts.Storage.Sqlite;

/// <summary>
/// SQLite's <c>PRAGMA synchronous</c> setting for the message store's connections. With WAL journaling
/// (always used by this store) the settings trade durability against commit rate; see docs/storage-sqlite.md.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>No fsync at all: a power loss or OS crash can lose committed messages or corrupt the file.</summary>
    Off = 0,

    /// <summary>
    /// fsync only at WAL checkpoints: a committed transaction survives a process crash, but the last
    /// transactions before a power loss or OS crash may roll back (the file stays consistent).
    /// </summary>
    Normal = 1,

    /// <summary>fsync the WAL on every commit: a committed transaction survives power loss.</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, plus an fsync of the directory; for filesystems that need it.</summary>
    Extra = 3,
}
