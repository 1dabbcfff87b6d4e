using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Contracts.Schema.Tests
{
    /// <summary>
    /// Locates the reference vectors in ../shared/conformance (beside the repository). They are read, never
    /// copied; a fresh clone without them still passes on the project's own cases. The environment variable
    /// <c>CONTRACTS_CONFORMANCE_DIR</c> names another directory (a worktree has no ../shared beside it).
    /// </summary>
    internal static class SharedConformance
    {
        public static string RepositoryRoot { get; } = FindRoot();

        public static string? Directory
        {
            get
            {
                // A git worktree outside the main checkout has no ../shared beside it: let the caller point at it.
                var overridden = Environment.GetEnvironmentVariable("CONTRACTS_CONFORMANCE_DIR");
                if (!string.IsNullOrEmpty(overridden)) return System.IO.Directory.Exists(overridden) ? Path.GetFullPath(overridden) : null;
                var dir = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance"));
                return System.IO.Directory.Exists(dir) ? dir : null;
            }
        }

        public static IEnumerable<JsonElement> ReadLines(string fileName)
        {
            var dir = Directory ?? throw new InvalidOperationException("../shared/conformance is not present");
            foreach (var line in File.ReadLines(Path.Combine(dir, fileName)))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                yield return JsonDocument.Parse(line).RootElement.Clone();
            }
        }

        /// <summary>A schema member that may be JSON text in a string or inline JSON.</summary>
        public static string SchemaText(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                var s = element.GetString()!;
                var t = s.TrimStart();
                if (t.StartsWith("{") || t.StartsWith("[") || t.StartsWith("\"")) return s;
            }
            return element.GetRawText();
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contracts.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Contracts.sln) above " + AppContext.BaseDirectory);
        }
    }
}
