using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Wolverine.Runtime.Agents;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// Node records for <c>DurabilityMode.Solo</c>: one node owns the file, so there is nothing to record.
/// Balanced (multi-node) mode is not supported by this store.
/// </summary>
internal sealed class SoloNodeAgentPersistence : INodeAgentPersistence
{
    public Task ClearAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> PersistAsync(WolverineNode node, CancellationToken cancellationToken) => Task.FromResult(1);

    public Task DeleteAsync(Guid nodeId, int assignedNodeNumber) => Task.CompletedTask;

    public Task<IReadOnlyList<WolverineNode>> LoadAllNodesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WolverineNode>>(Array.Empty<WolverineNode>());

    public Task PersistAgentRestrictionsAsync(IReadOnlyList<AgentRestriction> restrictions, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<NodeAgentState> LoadNodeAgentStateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new NodeAgentState(Array.Empty<WolverineNode>(), new AgentRestrictions(Array.Empty<AgentRestriction>())));

    public Task AssignAgentsAsync(Guid nodeId, IReadOnlyList<Uri> agents, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAssignmentAsync(Guid nodeId, Uri agentUri, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AddAssignmentAsync(Guid nodeId, Uri agentUri, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TryClaimAssignmentAsync(Guid nodeId, Uri agentUri, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<WolverineNode?> LoadNodeAsync(Guid nodeId, CancellationToken cancellationToken) => Task.FromResult<WolverineNode?>(null);

    public Task<bool> MarkHealthCheckAsync(WolverineNode node, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReregisterNodeAsync(WolverineNode node, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OverwriteHealthCheckTimeAsync(Guid nodeId, DateTimeOffset lastHeartbeatTime) => Task.CompletedTask;

    public Task LogRecordsAsync(params NodeRecord[] records) => Task.CompletedTask;

    public Task<IReadOnlyList<NodeRecord>> FetchRecentRecordsAsync(int count) =>
        Task.FromResult<IReadOnlyList<NodeRecord>>(Array.Empty<NodeRecord>());

    public bool HasLeadershipLock() => false;

    public Task<bool> TryAttainLeadershipLockAsync(CancellationToken token) => Task.FromResult(false);

    public Task ReleaseLeadershipLockAsync() => Task.CompletedTask;
}
