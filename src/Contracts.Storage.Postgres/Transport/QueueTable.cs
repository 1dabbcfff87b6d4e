namespace Contracts.Storage.Postgres.Transport;

/// <summary>
/// One queue's table and the statements on it. A row is a message waiting, leased, or (durable listeners with a
/// group id) parked until the consumer's inbox has handled it, so that later messages of its group stay behind it.
/// </summary>
/// <remarks>
/// Columns: <c>seq</c> orders the queue (and each group); <c>available_at</c> is both the scheduled time of a new row and
/// the lease expiry of a claimed one (a row is claimable when it has passed); <c>in_inbox</c> marks a grouped row whose
/// message a durable listener has stored in its inbox, deleted once the inbox row is handled.
/// </remarks>
internal sealed class QueueTable
{
    public QueueTable(string quotedSchema, string queueName)
    {
        QueueName = queueName;
        Name = quotedSchema + ".\"queue_" + queueName + "\"";
        var indexPrefix = "ix_queue_" + queueName;

        CreateSql = $"""
            CREATE TABLE IF NOT EXISTS {Name} (
                id uuid NOT NULL PRIMARY KEY,
                seq bigint GENERATED ALWAYS AS IDENTITY,
                group_id text NULL,
                message_type text NOT NULL,
                body bytea NOT NULL,
                available_at timestamptz NOT NULL DEFAULT now(),
                deliver_by timestamptz NULL,
                attempts integer NOT NULL DEFAULT 0,
                claimed_by uuid NULL,
                in_inbox boolean NOT NULL DEFAULT false,
                sent_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX IF NOT EXISTS "{indexPrefix}_ready" ON {Name} (seq) WHERE NOT in_inbox;
            CREATE INDEX IF NOT EXISTS "{indexPrefix}_group" ON {Name} (group_id, seq) WHERE group_id IS NOT NULL;
            CREATE INDEX IF NOT EXISTS "{indexPrefix}_in_inbox" ON {Name} (id) WHERE in_inbox;
            """;

        // The head of each group only: a grouped row is claimable when no earlier row of its group is left (waiting,
        // leased, or parked for the inbox). SKIP LOCKED: consumers never wait on each other's rows.
        ClaimSql = $"""
            UPDATE {Name} SET available_at = now() + @lease, claimed_by = @consumer, attempts = attempts + 1
            WHERE id IN (
                SELECT c.id FROM {Name} c
                WHERE NOT c.in_inbox AND c.available_at <= now()
                  AND (c.group_id IS NULL OR NOT EXISTS (SELECT 1 FROM {Name} e WHERE e.group_id = c.group_id AND e.seq < c.seq))
                ORDER BY c.seq
                LIMIT @limit
                FOR UPDATE SKIP LOCKED)
            RETURNING id, group_id, body, seq;
            """;

        InsertSql = $"""
            INSERT INTO {Name} (id, group_id, message_type, body, available_at, deliver_by)
            VALUES (@id, @group, @type, @body, coalesce(@available, now()), @deliver_by)
            ON CONFLICT (id) DO NOTHING;
            """;

        RenewSql = $"UPDATE {Name} SET available_at = now() + @lease WHERE id = ANY(@ids) AND claimed_by = @consumer AND NOT in_inbox;";
        DeleteSql = $"DELETE FROM {Name} WHERE id = @id;";
        ParkForInboxSql = $"UPDATE {Name} SET in_inbox = true, available_at = 'infinity', claimed_by = NULL WHERE id = @id;";
        ReleaseSql = $"UPDATE {Name} SET available_at = now(), claimed_by = NULL WHERE id = ANY(@ids) AND NOT in_inbox;";
        QuarantineSql = $"UPDATE {Name} SET available_at = 'infinity', claimed_by = NULL WHERE id = @id;";
        ExistsSql = "SELECT to_regclass(@table) IS NOT NULL;";
    }

    public string QueueName { get; }

    /// <summary>The qualified, quoted table name.</summary>
    public string Name { get; }

    public string CreateSql { get; }

    public string ClaimSql { get; }

    public string InsertSql { get; }

    public string RenewSql { get; }

    public string DeleteSql { get; }

    public string ParkForInboxSql { get; }

    public string ReleaseSql { get; }

    public string QuarantineSql { get; }

    public string ExistsSql { get; }

    /// <summary>
    /// Deletes parked rows whose message the inbox (<paramref name="incomingTable"/>, same database) no longer holds
    /// unhandled: handled, cleaned up, or dead-lettered. Returns how many went and how many stay parked.
    /// </summary>
    public string ReapSql(string incomingTable) => $"""
        WITH gone AS (
            DELETE FROM {Name} q WHERE q.in_inbox
              AND NOT EXISTS (SELECT 1 FROM {incomingTable} i WHERE i.id = q.id AND i.status <> 'Handled')
            RETURNING 1)
        SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM {Name} WHERE in_inbox);
        """;
}
