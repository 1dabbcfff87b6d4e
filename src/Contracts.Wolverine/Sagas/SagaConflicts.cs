using Wolverine;

namespace Contracts.Wolverine.Sagas;

/// <summary>The optimistic-concurrency failures of saga storage, worded the same in every store.</summary>
internal static class SagaConflicts
{
    /// <summary>An insert found the saga already stored.</summary>
    public static SagaConcurrencyException AlreadyExists(string where) =>
        new($"Saga {where} already exists: another message started it first.");

    /// <summary>An update or delete at the loaded version matched no row.</summary>
    public static SagaConcurrencyException Changed(string where, int loadedVersion) =>
        new($"Saga {where} was changed or deleted by someone else since it was loaded at version {loadedVersion}.");
}
