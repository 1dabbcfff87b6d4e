using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using Wolverine.Runtime.Agents;
using Wolverine.Transports;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// Node records for <c>DurabilityMode.Balanced</c>: the nodes sharing the database (numbered by a sequence), the
/// agents each runs, agent restrictions, a node event log, and the leadership lock (a session-level advisory lock
/// held on a dedicated connection: if the leader's process or connection dies, PostgreSQL releases the lock and
/// another node takes it). Deleting a node releases its envelopes (owner id 0) in the same transaction, so the
/// survivors' durability agents recover them.
/// </summary>
internal sealed class PostgresNodePersistence : INodeAgentPersistence, IAsyncDisposable
{
    private const string NodeColumns = "id, node_number, description, uri, started, health_check, version, capabilities";
    private readonly PostgresMessageStore _store;
    private readonly SemaphoreSlim _leaderGate = new(1, 1);
    private SessionAdvisoryLock? _leaderLock;
    private int _registeredNumber;

    public PostgresNodePersistence(PostgresMessageStore store) => _store = store;

    private PostgresDatabase Db => _store.Database;

    /// <summary>Whether this process registered (or re-registered) its node under <paramref name="nodeNumber"/>.</summary>
    public bool IsRegistered(int nodeNumber) => nodeNumber != 0 && nodeNumber == Volatile.Read(ref _registeredNumber);

    private PostgresTables T => Db.Tables;

    private Task ExecuteAsync(string sql, string doing, CancellationToken cancellation, params (string Name, object? Value)[] parameters) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection, sql);
            foreach (var (name, value) in parameters)
            {
                command.With(name, value);
            }

            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, doing, cancellation);

    public Task ClearAllAsync(CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {T.Nodes};", "clearing the node records", cancellationToken);

    public async Task<int> PersistAsync(WolverineNode node, CancellationToken cancellationToken)
    {
        var number = await Db.RunAsync(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"INSERT INTO {T.Nodes} (id, description, uri, version, capabilities) VALUES (@id, @description, @uri, @version, @capabilities) " +
                    "ON CONFLICT (id) DO UPDATE SET description = excluded.description, uri = excluded.uri, version = excluded.version, " +
                    "capabilities = excluded.capabilities, health_check = now() RETURNING node_number;")
                .With("id", node.NodeId)
                .With("description", node.Description ?? Environment.MachineName)
                .With("uri", (node.ControlUri ?? TransportConstants.LocalUri).ToString())
                .With("version", node.Version?.ToString())
                .With("capabilities", node.Capabilities.Select(c => c.ToString()).ToArray());
            return (int)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
        }, $"registering node {node.NodeId}", cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _registeredNumber, number);
        return number;
    }

    public Task DeleteAsync(Guid nodeId, int assignedNodeNumber)
    {
        if (_store.HasDisposed)
        {
            return Task.CompletedTask;
        }

        return Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"DELETE FROM {T.Nodes} WHERE id = @id; " +
                    $"UPDATE {T.Incoming} SET owner_id = 0 WHERE owner_id = @number; " +
                    $"UPDATE {T.Outgoing} SET owner_id = 0 WHERE owner_id = @number;", transaction)
                .With("id", nodeId).With("number", assignedNodeNumber);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"removing node {assignedNodeNumber} and releasing its envelopes");
    }

    public Task<IReadOnlyList<WolverineNode>> LoadAllNodesAsync(CancellationToken cancellationToken) =>
        Db.RunAsync<IReadOnlyList<WolverineNode>>(async (connection, _, token) => await ReadNodesAsync(connection, null, token).ConfigureAwait(false),
            "loading the node records", cancellationToken);

    public Task PersistAgentRestrictionsAsync(IReadOnlyList<AgentRestriction> restrictions, CancellationToken cancellationToken)
    {
        if (restrictions.Count == 0)
        {
            return Task.CompletedTask;
        }

        return Db.InTransactionAsync(async (connection, transaction, token) =>
        {
            foreach (var restriction in restrictions)
            {
                await using var command = restriction.Type == AgentRestrictionType.None
                    ? EnvelopeRows.Command(connection, $"DELETE FROM {T.Restrictions} WHERE id = @id;", transaction).With("id", restriction.Id)
                    : EnvelopeRows.Command(connection,
                            $"INSERT INTO {T.Restrictions} (id, uri, type, node) VALUES (@id, @uri, @type, @node) ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, type = excluded.type, node = excluded.node;",
                            transaction)
                        .With("id", restriction.Id).With("uri", restriction.AgentUri.ToString()).With("type", restriction.Type.ToString()).With("node", restriction.NodeNumber);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, "saving agent restrictions", cancellationToken);
    }

    public Task<NodeAgentState> LoadNodeAgentStateAsync(CancellationToken cancellationToken) =>
        Db.InTransactionAsync(async (connection, transaction, _, token) =>
        {
            var nodes = await ReadNodesAsync(connection, transaction, token).ConfigureAwait(false);
            var restrictions = new List<AgentRestriction>();
            await using var command = EnvelopeRows.Command(connection, $"SELECT id, uri, type, node FROM {T.Restrictions};", transaction);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                if (Enum.TryParse<AgentRestrictionType>(reader.GetString(2), out var type))
                {
                    restrictions.Add(new AgentRestriction(reader.GetGuid(0), new Uri(reader.GetString(1)), type, reader.GetInt32(3)));
                }
            }

            return new NodeAgentState(nodes, new AgentRestrictions(restrictions.ToArray()));
        }, "loading the node and agent state", cancellationToken);

    public Task AssignAgentsAsync(Guid nodeId, IReadOnlyList<Uri> agents, CancellationToken cancellationToken) =>
        Db.RunAsync(async (connection, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                    $"INSERT INTO {T.Assignments} (id, node_id) SELECT unnest(@ids), @node ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id;")
                .With("node", nodeId);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = agents.Select(a => a.ToString()).ToArray() });
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"assigning {agents.Count} agents to node {nodeId}", cancellationToken);

    public Task RemoveAssignmentAsync(Guid nodeId, Uri agentUri, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM {T.Assignments} WHERE id = @id AND node_id = @node;", $"removing agent {agentUri} from node {nodeId}", cancellationToken,
            ("id", agentUri.ToString()), ("node", nodeId));

    public Task AddAssignmentAsync(Guid nodeId, Uri agentUri, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO {T.Assignments} (id, node_id) VALUES (@id, @node) ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id;",
            $"assigning agent {agentUri} to node {nodeId}", cancellationToken, ("id", agentUri.ToString()), ("node", nodeId));

    public Task<bool> TryClaimAssignmentAsync(Guid nodeId, Uri agentUri, CancellationToken cancellationToken) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            // Insert if nobody owns it; either way report whether this node owns it afterwards.
            await using var command = EnvelopeRows.Command(connection,
                    $"WITH claimed AS (INSERT INTO {T.Assignments} (id, node_id) VALUES (@id, @node) ON CONFLICT (id) DO NOTHING RETURNING node_id) " +
                    $"SELECT node_id FROM claimed UNION ALL SELECT node_id FROM {T.Assignments} WHERE id = @id LIMIT 1;")
                .With("id", agentUri.ToString()).With("node", nodeId);
            return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is Guid owner && owner == nodeId;
        }, $"claiming agent {agentUri} for node {nodeId}", cancellationToken);

    public Task<WolverineNode?> LoadNodeAsync(Guid nodeId, CancellationToken cancellationToken)
    {
        if (_store.HasDisposed)
        {
            return Task.FromResult<WolverineNode?>(null);
        }

        return Db.RunAsync(async (connection, _, token) =>
            (await ReadNodesAsync(connection, null, token, nodeId).ConfigureAwait(false)).FirstOrDefault(), $"loading node {nodeId}", cancellationToken);
    }

    public Task<bool> MarkHealthCheckAsync(WolverineNode node, CancellationToken cancellationToken) =>
        Db.RunAsync(async (connection, _, token) =>
        {
            // A miss means a peer removed this live node's row; Wolverine then calls ReregisterNodeAsync. Never insert here.
            await using var command = EnvelopeRows.Command(connection, $"UPDATE {T.Nodes} SET health_check = now() WHERE id = @id;").With("id", node.NodeId);
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
        }, $"recording node {node.AssignedNodeNumber}'s heartbeat", cancellationToken);

    public async Task ReregisterNodeAsync(WolverineNode node, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            $"INSERT INTO {T.Nodes} (id, node_number, description, uri, version, capabilities) VALUES (@id, @number, @description, @uri, @version, @capabilities) " +
            "ON CONFLICT (id) DO UPDATE SET node_number = excluded.node_number, description = excluded.description, uri = excluded.uri, " +
            "version = excluded.version, capabilities = excluded.capabilities, health_check = now();",
            $"re-registering node {node.AssignedNodeNumber}", cancellationToken,
            ("id", node.NodeId), ("number", node.AssignedNodeNumber), ("description", node.Description ?? Environment.MachineName),
            ("uri", (node.ControlUri ?? TransportConstants.LocalUri).ToString()), ("version", node.Version?.ToString()),
            ("capabilities", node.Capabilities.Select(c => c.ToString()).ToArray())).ConfigureAwait(false);
        Volatile.Write(ref _registeredNumber, node.AssignedNodeNumber);
    }

    public Task OverwriteHealthCheckTimeAsync(Guid nodeId, DateTimeOffset lastHeartbeatTime) =>
        ExecuteAsync($"UPDATE {T.Nodes} SET health_check = @time WHERE id = @id;", $"overwriting node {nodeId}'s heartbeat", CancellationToken.None,
            ("id", nodeId), ("time", lastHeartbeatTime.ToUniversalTime()));

    public Task LogRecordsAsync(params NodeRecord[] records)
    {
        if (records.Length == 0 || _store.HasDisposed)
        {
            return Task.CompletedTask;
        }

        return Db.RunAsync(async (connection, token) =>
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var record in records)
            {
                var command = new NpgsqlBatchCommand($"INSERT INTO {T.NodeRecords} (node_number, event_name, description) VALUES ($1, $2, $3);");
                command.Parameters.Add(new NpgsqlParameter { Value = record.NodeNumber });
                command.Parameters.Add(new NpgsqlParameter { Value = record.RecordType.ToString() });
                command.Parameters.Add(new NpgsqlParameter { Value = record.Description ?? string.Empty });
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, $"logging {records.Length} node records");
    }

    public Task<IReadOnlyList<NodeRecord>> FetchRecentRecordsAsync(int count) =>
        Db.RunAsync<IReadOnlyList<NodeRecord>>(async (connection, _, token) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                $"SELECT node_number, event_name, \"timestamp\", description FROM {T.NodeRecords} ORDER BY id DESC LIMIT @limit;").With("limit", Math.Max(1, count));
            var records = new List<NodeRecord>();
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                records.Add(new NodeRecord
                {
                    NodeNumber = reader.GetInt32(0),
                    RecordType = Enum.TryParse<NodeRecordType>(reader.GetString(1), out var type) ? type : default,
                    Timestamp = reader.GetFieldValue<DateTimeOffset>(2),
                    Description = reader.GetString(3),
                });
            }

            return records;
        }, "loading recent node records");

    public Task DeleteOldNodeRecordsAsync(int retainCount) =>
        retainCount <= 0
            ? Task.CompletedTask
            : ExecuteAsync($"DELETE FROM {T.NodeRecords} WHERE id < (SELECT min(id) FROM (SELECT id FROM {T.NodeRecords} ORDER BY id DESC LIMIT @retain) recent);",
                "trimming node records", CancellationToken.None, ("retain", retainCount));

    /// <summary>True while this process holds the leadership lock on a live connection.</summary>
    public bool HasLeadershipLock() => _leaderLock?.IsHeld() ?? false;

    public async Task<bool> TryAttainLeadershipLockAsync(CancellationToken token)
    {
        await _leaderGate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            // Session advisory locks stack: never take it twice on the same session.
            if (HasLeadershipLock())
            {
                return true;
            }

            _leaderLock = await SessionAdvisoryLock.TryTakeAsync(Db, T.LockKey("leader"), "opening the leadership lock connection", token).ConfigureAwait(false);
            return _leaderLock is not null;
        }
        finally
        {
            _leaderGate.Release();
        }
    }

    public async Task ReleaseLeadershipLockAsync()
    {
        await _leaderGate.WaitAsync().ConfigureAwait(false);
        try
        {
            DropLeaderLock();
        }
        finally
        {
            _leaderGate.Release();
        }
    }

    private void DropLeaderLock() => Interlocked.Exchange(ref _leaderLock, null)?.Dispose();

    public ValueTask DisposeAsync()
    {
        DropLeaderLock();
        return ValueTask.CompletedTask;
    }

    private async Task<List<WolverineNode>> ReadNodesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken token, Guid? only = null)
    {
        var filter = only.HasValue ? " WHERE id = @id" : string.Empty;
        var nodes = new List<WolverineNode>();
        await using (var command = EnvelopeRows.Command(connection, $"SELECT {NodeColumns} FROM {T.Nodes}{filter};", transaction))
        {
            if (only.HasValue)
            {
                command.With("id", only.Value);
            }

            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var node = new WolverineNode
                {
                    NodeId = reader.GetGuid(0),
                    AssignedNodeNumber = reader.GetInt32(1),
                    Description = reader.GetString(2),
                    ControlUri = new Uri(reader.GetString(3)),
                    Started = reader.GetFieldValue<DateTimeOffset>(4),
                    LastHealthCheck = reader.GetFieldValue<DateTimeOffset>(5),
                };
                if (!reader.IsDBNull(6) && Version.TryParse(reader.GetString(6), out var version))
                {
                    node.Version = version;
                }

                node.Capabilities.AddRange(reader.GetFieldValue<string[]>(7).Select(c => new Uri(c)));
                nodes.Add(node);
            }
        }

        var byId = nodes.ToDictionary(n => n.NodeId);
        await using (var command = EnvelopeRows.Command(connection, $"SELECT id, node_id FROM {T.Assignments}{(only.HasValue ? " WHERE node_id = @id" : string.Empty)};", transaction))
        {
            if (only.HasValue)
            {
                command.With("id", only.Value);
            }

            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                if (byId.TryGetValue(reader.GetGuid(1), out var node))
                {
                    node.ActiveAgents.Add(new Uri(reader.GetString(0)));
                }
            }
        }

        return nodes;
    }
}
