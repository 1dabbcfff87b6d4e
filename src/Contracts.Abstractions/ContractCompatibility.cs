namespace Contracts;

/// <summary>
/// A subject's compatibility mode as declared in <c>contracts.settings.json</c>, with Confluent Schema Registry's
/// meaning. The runtime needs it to decide whether a message written with a newer, unknown version may be read.
/// </summary>
public enum ContractCompatibility
{
    /// <summary>No check.</summary>
    None = 0,

    /// <summary>The new version reads data written with the previous version (the default).</summary>
    Backward = 1,

    /// <summary>The new version reads data written with every earlier version.</summary>
    BackwardTransitive = 2,

    /// <summary>The previous version reads data written with the new version.</summary>
    Forward = 3,

    /// <summary>Every earlier version reads data written with the new version.</summary>
    ForwardTransitive = 4,

    /// <summary>Backward and forward against the previous version.</summary>
    Full = 5,

    /// <summary>Backward and forward against every earlier version.</summary>
    FullTransitive = 6,
}

/// <summary>Helpers for <see cref="ContractCompatibility"/>.</summary>
public static class ContractCompatibilityExtensions
{
    /// <summary>
    /// Whether a service that knows an earlier version may read data written with a later one
    /// (FORWARD, FULL and their transitive variants).
    /// </summary>
    /// <param name="mode">The subject's mode.</param>
    public static bool AllowsForwardReads(this ContractCompatibility mode) => mode is
        ContractCompatibility.Forward or ContractCompatibility.ForwardTransitive or
        ContractCompatibility.Full or ContractCompatibility.FullTransitive;
}
