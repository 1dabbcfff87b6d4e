using Contracts.Wolverine.Internal;

namespace Contracts.Wolverine.EventLog;

/// <summary>
/// The stream key of an event in the log: the value of the subject's partition key as the generated
/// <c>GetPartitionKey()</c> writes it (the same text the envelope header and partitioned processing use), or
/// <see langword="null"/> when the subject declares no partition key or the value is empty.
/// </summary>
internal static class PartitionKeys
{
    public static string? Read(ContractInfo info, object message)
    {
        var accessor = ContractKeys.PartitionKey(info);
        if (accessor is null)
        {
            return null;
        }

        var key = accessor(message);
        return key.Length == 0 ? null : key;
    }
}
