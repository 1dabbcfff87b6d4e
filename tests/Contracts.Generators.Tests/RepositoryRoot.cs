using System;
using System.IO;

namespace Contracts.Generators.Tests;

/// <summary>The repository root: the folder above the test assembly that holds Contracts.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Contracts.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Contracts.sln) above " + AppContext.BaseDirectory);
    }
}
