using System;
using System.IO;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>Real database files in a fresh temporary folder per test.</summary>
public static class TestFiles
{
    public static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "contracts-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process that is going away; the temp folder is cleaned by the OS.
        }
    }
}
