using Wolverine;
using Wolverine.Runtime.Partitioning;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// Gives Wolverine's partitioned processing the contract's partition key as group id, for envelopes that did not get it
/// from the sender's header (local messages, peers without UseContracts).
/// </summary>
internal sealed class PartitionKeyGroupingRule : IGroupingRule
{
    private readonly ContractsRuntime _runtime;

    public PartitionKeyGroupingRule(ContractsRuntime runtime) => _runtime = runtime;

    public bool TryFindIdentity(Envelope envelope, out string groupId)
    {
        if (envelope.Message is { } message && _runtime.Find(message.GetType())?.PartitionKey is { } keyOf)
        {
            groupId = keyOf(message);
            return !string.IsNullOrEmpty(groupId);
        }

        groupId = null!;
        return false;
    }
}
