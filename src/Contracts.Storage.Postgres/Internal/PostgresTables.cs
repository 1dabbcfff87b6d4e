using System;
using System.Text;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>The store's tables, qualified with its schema (quoted, so any schema name works).</summary>
internal sealed class PostgresTables
{
    public PostgresTables(string schemaName)
    {
        if (string.IsNullOrWhiteSpace(schemaName) || schemaName.Length > 63 || schemaName.Contains('"', StringComparison.Ordinal))
        {
            throw new PostgresStoreException(
                $"'{schemaName}' is not a usable PostgreSQL schema name for the message store: it must be 1 to 63 characters without double quotes.");
        }

        SchemaName = schemaName;
        Schema = "\"" + schemaName + "\"";
        Incoming = Schema + ".wolverine_incoming";
        Outgoing = Schema + ".wolverine_outgoing";
        DeadLetters = Schema + ".wolverine_dead_letters";
        Nodes = Schema + ".wolverine_nodes";
        Assignments = Schema + ".wolverine_node_assignments";
        Restrictions = Schema + ".wolverine_agent_restrictions";
        NodeRecords = Schema + ".wolverine_node_records";
        Migrations = Schema + ".contracts_schema_migrations";
        ContractSchemas = Schema + ".contract_schemas";
        IdempotencyKeys = Schema + ".contract_idempotency_keys";
        Sagas = Schema + ".contracts_sagas";
        EventLog = Schema + ".contracts_event_log";
        Subscriptions = Schema + ".contracts_subscriptions";
    }

    public string SchemaName { get; }

    /// <summary>The quoted schema name.</summary>
    public string Schema { get; }

    public string Incoming { get; }

    public string Outgoing { get; }

    public string DeadLetters { get; }

    public string Nodes { get; }

    public string Assignments { get; }

    public string Restrictions { get; }

    public string NodeRecords { get; }

    public string Migrations { get; }

    public string ContractSchemas { get; }

    public string IdempotencyKeys { get; }

    public string Sagas { get; }

    public string EventLog { get; }

    public string Subscriptions { get; }

    /// <summary>A stable 64-bit advisory-lock key for a purpose within this schema (FNV-1a; string.GetHashCode is per process).</summary>
    public long LockKey(string purpose)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes("contracts:" + SchemaName + ":" + purpose))
        {
            hash = (hash ^ b) * prime;
        }

        return unchecked((long)hash);
    }
}
