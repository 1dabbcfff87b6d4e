using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Contracts.Cli.Tests
{
    /// <summary>
    /// The README's two-minute walkthrough, run as written: the schema of step 1, the broken v2 of step 3 (a `currency`
    /// field without a default, inserted before `note`), and the `contracts compat` output the README prints. When the
    /// README or the CLI changes, this fails until the two agree again, so the README cannot rot.
    /// </summary>
    public class ReadmeWalkthroughTests : IDisposable
    {
        private readonly SchemaFolder _folder = new SchemaFolder();

        public void Dispose() => _folder.Dispose();

        [Fact]
        public void the_readme_compat_example_prints_what_the_readme_shows()
        {
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n");
            var schema = Block(readme, "1. Write a schema", "json");
            var transcript = Block(readme, "3. Break compatibility", "text").Split('\n');
            var command = transcript[0];
            Assert.StartsWith("$ contracts compat ", command);
            var args = command["$ contracts ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

            // Step 3's v2: the same record with `currency` (no default) as a new line before `note`.
            var lines = schema.Split('\n').ToList();
            var note = lines.FindIndex(l => l.Contains("\"name\": \"note\"", StringComparison.Ordinal));
            Assert.True(note > 0, "the README's schema has a `note` field line");
            lines.Insert(note, "    { \"name\": \"currency\", \"type\": \"string\" },");
            Directory.CreateDirectory(Path.Combine(_folder.Root, "schemas", "shop", "orders"));
            File.WriteAllText(Path.Combine(_folder.Root, args[1]), schema);
            File.WriteAllText(Path.Combine(_folder.Root, args[2]), string.Join("\n", lines));

            var result = _folder.Run(args);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(transcript.Skip(1).Where(l => l.Length > 0).ToArray(), result.OutputLines);
        }

        [Fact]
        public void the_readme_schema_parses_and_is_compatible_with_itself()
        {
            // The walkthrough's schema must itself be valid Avro: compat of it against itself passes.
            var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n");
            var schema = Block(readme, "1. Write a schema", "json");
            File.WriteAllText(Path.Combine(_folder.Root, "OrderPlaced.v1.avsc"), schema);
            File.WriteAllText(Path.Combine(_folder.Root, "OrderPlaced.v2.avsc"), schema);
            var result = _folder.Run("compat", "OrderPlaced.v1.avsc", "OrderPlaced.v2.avsc");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        /// <summary>The first fenced block of <paramref name="language"/> after <paramref name="marker"/>, unindented.</summary>
        private static string Block(string readme, string marker, string language)
        {
            var start = readme.IndexOf(marker, StringComparison.Ordinal);
            Assert.True(start >= 0, $"README.md has no '{marker}'");
            var match = new Regex(@"^(?<indent> *)```" + language + @"\n(?<body>.*?)\n\k<indent>```", RegexOptions.Multiline | RegexOptions.Singleline)
                .Match(readme, start);
            Assert.True(match.Success, $"README.md has no ```{language} block after '{marker}'");
            var indent = match.Groups["indent"].Value.Length;
            return string.Join("\n", match.Groups["body"].Value.Split('\n').Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Contracts.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Contracts.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
