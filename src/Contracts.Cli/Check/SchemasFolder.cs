using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Lock;
using Contracts.Schema.Repository;

namespace Contracts.Cli.Check
{
    /// <summary>
    /// The schemas folder on disk: the schema and settings files (paths relative to the folder, <c>/</c>-separated,
    /// as the engine and the lock file use them), the accepted-breaks files and the lock file.
    /// </summary>
    internal sealed class SchemasFolder
    {
        private SchemasFolder(string path, string fullPath, IReadOnlyList<SchemaFileText> files, IReadOnlyList<SchemaFileText> acceptedBreaksFiles)
        {
            Path = path;
            FullPath = fullPath;
            Files = files;
            AcceptedBreaksFiles = acceptedBreaksFiles;
        }

        /// <summary>The folder as the user named it.</summary>
        public string Path { get; }

        /// <summary>The folder's absolute path.</summary>
        public string FullPath { get; }

        /// <summary>Schema and settings files.</summary>
        public IReadOnlyList<SchemaFileText> Files { get; }

        /// <summary>Every <c>accepted-breaks.json</c> under the folder.</summary>
        public IReadOnlyList<SchemaFileText> AcceptedBreaksFiles { get; }

        /// <summary>The default lock file: <c>schemas.lock.json</c> at the folder's root.</summary>
        public string LockPath => System.IO.Path.Combine(FullPath, SchemaLockFile.FileName);

        /// <summary>Reads the folder; a missing or unreadable folder is an <see cref="InputError"/>.</summary>
        public static SchemasFolder Read(string path)
        {
            if (File.Exists(path)) throw new InputError($"'{path}' is a file; --schemas names the folder that holds the schema files");
            if (!Directory.Exists(path)) throw new InputError($"the schemas folder '{path}' does not exist (use --schemas <dir>)");
            var full = System.IO.Path.GetFullPath(path);
            var files = new List<SchemaFileText>();
            var accepted = new List<SchemaFileText>();
            try
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    var relative = System.IO.Path.GetRelativePath(full, file).Replace('\\', '/');
                    if (SchemaRepository.IsSchemaFile(relative) || SchemaRepository.IsSettingsFile(relative))
                    {
                        files.Add(new SchemaFileText(relative, File.ReadAllText(file)));
                    }
                    else if (AcceptedBreaks.IsAcceptedBreaksFile(relative))
                    {
                        accepted.Add(new SchemaFileText(relative, File.ReadAllText(file)));
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputError($"cannot read the schemas folder '{path}': {e.Message}");
            }
            return new SchemasFolder(path, full, files, accepted);
        }

        /// <summary>Every accepted break of every file (problems in a file go to <paramref name="diagnostics"/>).</summary>
        public AcceptedBreaks LoadAcceptedBreaks(List<SchemaDiagnostic> diagnostics)
        {
            var accepted = AcceptedBreaks.ParseAll(AcceptedBreaksFiles);
            diagnostics.AddRange(accepted.Diagnostics);
            return accepted;
        }

        /// <summary>Another file of the folder by its relative path (JSON Schema <c>$ref</c>s), or null.</summary>
        public Func<string, string?> FileReader()
        {
            var byPath = Files.ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
            return relative =>
            {
                if (byPath.TryGetValue(relative, out var text)) return text;
                try
                {
                    var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(FullPath, relative));
                    return File.Exists(full) ? File.ReadAllText(full) : null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    return null;
                }
            };
        }
    }
}
