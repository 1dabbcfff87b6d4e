using Contracts.Storage.Conformance;
using Wolverine;

namespace Contracts.Storage.Postgres.Tests;

// The shared conformance suite, run unchanged against the PostgreSQL store.

// The store's contract with made-up owner ids (3, 4, 5, 7): in Balanced mode those are not live nodes and the
// orphan sweep would release them (which postgres_multi_node_tests checks), so this class runs in Solo mode.
public sealed class postgres_message_store_conformance : MessageStoreConformance
{
    protected override MessageStoreTarget CreateTarget() => new PostgresTarget(DurabilityMode.Solo);
}

// Real hosts in Wolverine's default Balanced mode: every host registers as a node, takes part in leader election,
// and claims envelopes with FOR UPDATE SKIP LOCKED.

public sealed class postgres_durable_messaging_conformance : DurableMessagingConformance
{
    protected override MessageStoreTarget CreateTarget() => new PostgresTarget();
}

public sealed class postgres_recovery_conformance : RecoveryConformance
{
    protected override MessageStoreTarget CreateTarget() => new PostgresTarget();
}

// The same durable-messaging behaviour in Solo mode (one process per schema, no node records).
public sealed class postgres_solo_durable_messaging_conformance : DurableMessagingConformance
{
    protected override MessageStoreTarget CreateTarget() => new PostgresTarget(DurabilityMode.Solo);
}
