namespace Contracts.Storage.Sqlite.Tests;

/// <summary>The crash-test child (tests/Contracts.Storage.Sqlite.CrashChild), run as `dotnet &lt;dll&gt; args`.</summary>
public static class ChildProcess
{
    public static Contracts.Testing.ChildProcess Start(params string[] arguments) =>
        Contracts.Testing.ChildProcess.Start("Contracts.Storage.Sqlite.CrashChild", arguments);
}
