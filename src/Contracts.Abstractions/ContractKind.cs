namespace Contracts;

/// <summary>How a contract is exchanged.</summary>
public enum ContractKind
{
    /// <summary>A fact that happened; published to any number of subscribers.</summary>
    Event = 0,

    /// <summary>A request to do something; sent to exactly one receiver.</summary>
    Command = 1,
}
