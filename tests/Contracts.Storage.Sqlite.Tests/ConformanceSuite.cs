using Contracts.Storage.Conformance;

namespace Contracts.Storage.Sqlite.Tests;

// The shared conformance suite, run against the SQLite store.

public sealed class sqlite_message_store_conformance : MessageStoreConformance
{
    protected override MessageStoreTarget CreateTarget() => new SqliteTarget();
}

public sealed class sqlite_durable_messaging_conformance : DurableMessagingConformance
{
    protected override MessageStoreTarget CreateTarget() => new SqliteTarget();
}

public sealed class sqlite_recovery_conformance : RecoveryConformance
{
    protected override MessageStoreTarget CreateTarget() => new SqliteTarget();
}
