using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Contracts.Schema.Json;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>Finds and reads the shared reference vectors (never copied into the repository).</summary>
    internal static class ConformanceVectors
    {
        /// <summary>
        /// <c>../shared/conformance</c> next to the repository root (the folder holding Contracts.sln), or
        /// null. In a git worktree the root is the main working tree, found through the <c>.git</c> file.
        /// </summary>
        public static string? FindDirectory()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Contracts.sln")))
            {
                directory = directory.Parent;
            }
            if (directory is null) return null;
            foreach (var root in RepositoryRoots(directory))
            {
                if (root.Parent is null) continue;
                var conformance = Path.Combine(root.Parent.FullName, "shared", "conformance");
                if (Directory.Exists(conformance)) return conformance;
            }
            return null;
        }

        private static IEnumerable<DirectoryInfo> RepositoryRoots(DirectoryInfo root)
        {
            yield return root;
            // A worktree's .git is a file "gitdir: <main>/.git/worktrees/<name>".
            var gitFile = Path.Combine(root.FullName, ".git");
            if (!File.Exists(gitFile)) yield break;
            var line = File.ReadAllText(gitFile).Trim();
            if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) yield break;
            var gitDir = new DirectoryInfo(Path.GetFullPath(Path.Combine(root.FullName, line.Substring(7).Trim())));
            var mainGitDir = gitDir.Parent?.Parent;
            if (mainGitDir?.Parent is not null) yield return mainGitDir.Parent;
        }

        public static IEnumerable<JsonElement> ReadLines(string path)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var document = JsonDocument.Parse(line);
                yield return document.RootElement.Clone();
            }
        }

        public static JsonNode Parse(string json, string name)
        {
            var result = JsonParser.Parse(json, name);
            if (result.Root is null) throw new InvalidOperationException($"{name}: {result.Error}");
            return result.Root;
        }
    }
}
