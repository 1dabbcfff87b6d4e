using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Contracts.Schema.Avro;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.JsonSchema;
using Contracts.Schema.Model;

namespace Contracts.Schema.Repository
{
    /// <summary>The outcome of reading one schema file.</summary>
    /// <param name="Path">The file path.</param>
    /// <param name="Schema">The schema, or null when the file has errors.</param>
    /// <param name="Diagnostics">Every problem found in the file.</param>
    public sealed record SchemaFileResult(string Path, ContractSchema? Schema, EquatableArray<SchemaDiagnostic> Diagnostics);

    /// <summary>The outcome of reading a schemas folder.</summary>
    /// <param name="Subjects">Every subject with at least one valid version, by name.</param>
    /// <param name="Diagnostics">Every problem found, in path then position order.</param>
    public sealed record SchemaRepositoryResult(EquatableArray<SchemaSubject> Subjects, EquatableArray<SchemaDiagnostic> Diagnostics)
    {
        /// <summary>True when any diagnostic is an error.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>The subject with this name, or null.</summary>
        public SchemaSubject? Find(string subject) => Subjects.FirstOrDefault(s => s.Name == subject);
    }

    /// <summary>
    /// Discovers subjects and versions from schema files named <c>&lt;Name&gt;.v&lt;N&gt;.avsc</c> or
    /// <c>&lt;Name&gt;.v&lt;N&gt;.schema.json</c> in any folder, applying <c>contracts.settings.json</c> files.
    /// The caller hands in the texts: this class does no I/O, so the compiler, the CLI and tests share it.
    /// </summary>
    public static class SchemaRepository
    {
        private static readonly Regex FileNamePattern = new Regex(@"^(?<name>[^/\\]+)\.v(?<version>[1-9][0-9]{0,8})\.(?<ext>avsc|schema\.json)$", RegexOptions.CultureInvariant);

        /// <summary>True for a path this repository reads as a schema (by extension).</summary>
        public static bool IsSchemaFile(string path)
            => path.EndsWith(".avsc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase);

        /// <summary>True for a settings file.</summary>
        public static bool IsSettingsFile(string path)
            => string.Equals(FileNameOf(path), SchemaSettingsFile.FileName, StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads every schema and settings file in <paramref name="files"/> (other files are ignored).</summary>
        public static SchemaRepositoryResult Load(IEnumerable<SchemaFileText> files)
        {
            var all = files.ToList();
            var diagnostics = new List<SchemaDiagnostic>();
            var settings = ParseSettings(all.Where(f => IsSettingsFile(f.Path)), diagnostics);
            var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in all) byPath[Normalize(file.Path)] = file.Text;
            var results = all.Where(f => IsSchemaFile(f.Path)).Select(f => ParseFile(f, settings, sibling => byPath.TryGetValue(sibling, out var t) ? t : null)).ToList();
            var grouped = Group(results);
            diagnostics.AddRange(grouped.Diagnostics);
            diagnostics.Sort(CompareDiagnostics);
            return grouped with { Diagnostics = new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()) };
        }

        /// <summary>Parses the settings files, nearest last (so later ones override earlier ones).</summary>
        public static IReadOnlyList<SchemaSettingsFile> ParseSettings(IEnumerable<SchemaFileText> settingsFiles, List<SchemaDiagnostic> diagnostics)
            => settingsFiles
                .Select(f => SchemaSettingsFile.Parse(Normalize(f.Path), f.Text, diagnostics))
                .OrderBy(s => s.Folder.Length == 0 ? 0 : s.Folder.Count(c => c == '/') + 1)
                .ToList();

        /// <summary>
        /// The files among <paramref name="candidates"/> that the JSON Schema file <paramref name="file"/> names in
        /// a <c>$ref</c> (the part before <c>#</c>, relative to the file's folder), and those they name in turn: what
        /// <see cref="ParseFile"/> will ask its resolver for. Empty for an Avro file or a file without such refs. Lets
        /// a caller that holds many files (the generator) hand each parse only the few it needs. Each result carries
        /// the normalized path the resolver is asked for; <paramref name="candidates"/> is enumerated only when needed.
        /// </summary>
        public static IReadOnlyList<SchemaFileText> ReferencedFiles(SchemaFileText file, IEnumerable<SchemaFileText> candidates)
        {
            if (!file.Path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase) || file.Text.IndexOf("$ref", StringComparison.Ordinal) < 0) return Array.Empty<SchemaFileText>();
            var folder = SchemaSettingsFile.FolderOf(Normalize(file.Path));
            Dictionary<string, SchemaFileText>? byPath = null;
            var found = new List<SchemaFileText>();
            var seen = new HashSet<string>(StringComparer.Ordinal) { Normalize(file.Path) };
            var pending = new Stack<string>();
            pending.Push(file.Text);
            while (pending.Count > 0)
            {
                var root = JsonParser.Parse(pending.Pop(), "").Root;
                if (root is null) continue;
                foreach (var reference in FileReferences(root))
                {
                    // Nested refs resolve against the referencing subject's folder, as ParseFile's resolver does.
                    var path = Combine(folder, reference);
                    if (!seen.Add(path)) continue;
                    byPath ??= candidates.GroupBy(c => Normalize(c.Path), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                    if (!byPath.TryGetValue(path, out var target)) continue;
                    found.Add(new SchemaFileText(path, target.Text));
                    pending.Push(target.Text);
                }
            }
            return found;
        }

        private static IEnumerable<string> FileReferences(JsonNode node)
        {
            var stack = new Stack<JsonNode>();
            stack.Push(node);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                foreach (var member in current.Members)
                {
                    if (member.Name == "$ref" && member.Value.Kind == JsonNodeKind.String)
                    {
                        var text = member.Value.Text!;
                        var hash = text.IndexOf('#');
                        var fileName = hash < 0 ? text : text.Substring(0, hash);
                        if (fileName.Length > 0) yield return fileName;
                    }
                    else stack.Push(member.Value);
                }
                foreach (var item in current.Items) stack.Push(item);
            }
        }

        /// <summary>
        /// Reads one schema file. <paramref name="resolveFile"/> returns the text of another file by its
        /// normalized path (for JSON Schema <c>$ref</c>s to sibling files), or null.
        /// </summary>
        public static SchemaFileResult ParseFile(SchemaFileText file, IReadOnlyList<SchemaSettingsFile> settings, Func<string, string?>? resolveFile = null)
        {
            var path = file.Path;
            var normalized = Normalize(path);
            var diagnostics = new List<SchemaDiagnostic>();
            var fileName = FileNameOf(normalized);
            var match = FileNamePattern.Match(fileName);
            if (!match.Success)
            {
                diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidFileName, DiagnosticSeverity.Error,
                    $"schema file \"{fileName}\" does not follow the convention <Name>.v<N>.avsc or <Name>.v<N>.schema.json (N = 1, 2, 3, ...); rename it",
                    SourceSpan.StartOf(path)));
                return new SchemaFileResult(path, null, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
            }
            var fileSubjectName = match.Groups["name"].Value;
            var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            var format = match.Groups["ext"].Value == "avsc" ? SchemaFormat.Avro : SchemaFormat.JsonSchema;
            var folder = SchemaSettingsFile.FolderOf(normalized);
            var applicable = settings.Where(s => s.AppliesTo(folder)).ToList();

            SchemaType? root;
            JsonNode? document;
            IReadOnlyDictionary<string, NamedType> named;
            if (format == SchemaFormat.Avro)
            {
                var parsed = AvroSchemaParser.Parse(file.Text, path);
                diagnostics.AddRange(parsed.Diagnostics);
                root = parsed.Root;
                document = parsed.Document;
                named = parsed.NamedTypes;
            }
            else
            {
                var ns = applicable.Select(s => s.Namespace).LastOrDefault(n => n is not null);
                var rootName = fileSubjectName.IndexOf('.') > 0 ? AvroNames.Split(fileSubjectName).Name : fileSubjectName;
                var parsed = JsonSchemaParser.Parse(file.Text, path, rootName, ns, reference => resolveFile?.Invoke(Combine(folder, reference)));
                diagnostics.AddRange(parsed.Diagnostics);
                root = parsed.Root;
                document = parsed.Document;
                named = parsed.NamedTypes;
            }
            if (root is null || document is null)
            {
                return new SchemaFileResult(path, null, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
            }
            if (root is not RecordType record)
            {
                diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidSchemaShape, DiagnosticSeverity.Error,
                    "a contract schema must be a record at the top level (events and commands are records)", document.Span.WithPath(path)));
                return new SchemaFileResult(path, null, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
            }
            var subject = record.FullName;
            if (fileSubjectName != record.Name && fileSubjectName != record.FullName)
            {
                var nameNode = document.Get(format == SchemaFormat.Avro ? "name" : "title") ?? document;
                diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.FileNameMismatch, DiagnosticSeverity.Error,
                    $"the file is named \"{fileSubjectName}\" but the schema defines \"{record.FullName}\"; rename the file to {record.Name}.v{version}{(format == SchemaFormat.Avro ? ".avsc" : ".schema.json")} or the type to {fileSubjectName}",
                    nameNode.Span.WithPath(path)));
            }
            var declared = document.Get("version");
            if (declared is not null && (!declared.TryGetInt64(out var declaredVersion) || declaredVersion != version))
            {
                diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.FileNameMismatch, DiagnosticSeverity.Error,
                    $"the schema declares version {declared.ToShortJson()} but the file name says v{version}; make them agree (published versions never change number)",
                    declared.Span.WithPath(path)));
            }
            var subjectSettings = ResolveSettings(subject, record.Namespace, applicable);
            foreach (var (key, what) in new[] { (subjectSettings.PartitionKey, "partitionKey"), (subjectSettings.IdempotencyKey, "idempotencyKey") })
            {
                if (key is null) continue;
                if (!record.Fields.Any(f => f.Name == key))
                {
                    var location = applicable.Select(s => s.Subjects.TryGetValue(subject, out var o) ? o.Location : null).LastOrDefault(l => l is not null) ?? SourceSpan.StartOf(path);
                    diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidKeyField, DiagnosticSeverity.Error,
                        $"{what} \"{key}\" of subject \"{subject}\" is not a top-level field of {Path(path)}; name one of: {string.Join(", ", record.Fields.Select(f => f.Name))}",
                        location));
                }
            }
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return new SchemaFileResult(path, null, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
            }
            var canonical = format == SchemaFormat.Avro ? AvroCanonicalForm.Of(root) : JsonSchemaCanonicalForm.Of(document);
            var namedTypes = new EquatableArray<NamedType>(named.Values.OrderBy(t => t.Span?.Offset ?? 0).ToArray());
            var schema = new ContractSchema(path, format, subject, version, root, namedTypes, SchemaFingerprint.Of(canonical), subjectSettings, file.Text);
            return new SchemaFileResult(path, schema, new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
        }

        private static string Path(string path) => FileNameOf(path);

        /// <summary>Groups parsed files into subjects, reporting duplicate versions and version gaps.</summary>
        public static SchemaRepositoryResult Group(IEnumerable<SchemaFileResult> files)
        {
            var diagnostics = new List<SchemaDiagnostic>();
            var fileList = files.ToList();
            foreach (var f in fileList) diagnostics.AddRange(f.Diagnostics);
            var subjects = new List<SchemaSubject>();
            foreach (var group in fileList.Where(f => f.Schema is not null).Select(f => f.Schema!).GroupBy(s => s.Subject).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var versions = new List<ContractSchema>();
                foreach (var byVersion in group.GroupBy(s => s.Version).OrderBy(g => g.Key))
                {
                    var ordered = byVersion.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
                    versions.Add(ordered[0]);
                    foreach (var duplicate in ordered.Skip(1))
                    {
                        diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.DuplicateVersion, DiagnosticSeverity.Error,
                            $"subject \"{group.Key}\" version {byVersion.Key} is defined twice: here and in {ordered[0].Path}; delete one or give it the next version number",
                            SourceSpan.StartOf(duplicate.Path)));
                    }
                }
                if (versions.Select(v => v.Format).Distinct().Count() > 1)
                {
                    var odd = versions.First(v => v.Format != versions[0].Format);
                    diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.FileNameMismatch, DiagnosticSeverity.Error,
                        $"subject \"{group.Key}\" mixes Avro and JSON Schema versions; a subject keeps one schema language",
                        SourceSpan.StartOf(odd.Path)));
                }
                // Versions whose file failed to parse still exist: they are not gaps.
                var present = new HashSet<int>(versions.Select(v => v.Version));
                foreach (var failed in fileList.Where(f => f.Schema is null))
                {
                    var m = FileNamePattern.Match(FileNameOf(Normalize(failed.Path)));
                    if (m.Success && (m.Groups["name"].Value == versions[0].RootRecord?.Name || m.Groups["name"].Value == group.Key))
                    {
                        present.Add(int.Parse(m.Groups["version"].Value, CultureInfo.InvariantCulture));
                    }
                }
                var expected = 1;
                foreach (var v in present.OrderBy(v => v))
                {
                    if (v != expected)
                    {
                        var at = versions.FirstOrDefault(s => s.Version == v);
                        var missing = expected == v - 1 ? $"v{expected}" : $"v{expected} to v{v - 1}";
                        diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.VersionGap, DiagnosticSeverity.Error,
                            $"subject \"{group.Key}\" jumps to v{v} but {missing} is missing; versions are numbered 1, 2, 3, ... without gaps",
                            SourceSpan.StartOf(at?.Path ?? group.First().Path)));
                    }
                    expected = v + 1;
                }
                subjects.Add(new SchemaSubject(group.Key, versions[0].Format, versions[versions.Count - 1].Settings, new EquatableArray<ContractSchema>(versions.ToArray())));
            }
            diagnostics.Sort(CompareDiagnostics);
            return new SchemaRepositoryResult(new EquatableArray<SchemaSubject>(subjects.ToArray()), new EquatableArray<SchemaDiagnostic>(diagnostics.ToArray()));
        }

        /// <summary>The settings for a subject: the defaults, overridden by each applicable file from the root down.</summary>
        public static SubjectSettings ResolveSettings(string subject, string? schemaNamespace, IEnumerable<SchemaSettingsFile> applicable)
        {
            var result = SubjectSettings.Default;
            var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in applicable)
            {
                if (file.Mode is { } mode) result = result with { Mode = mode };
                if (file.Kind is { } kind) result = result with { Kind = kind };
                if (file.Lint is { } lint) result = result with { Lint = result.Lint.Merge(lint) };
                foreach (var entry in file.Namespaces) namespaces[entry.Key] = entry.Value;
                if (file.Subjects.TryGetValue(subject, out var o))
                {
                    result = result with
                    {
                        Mode = o.Mode ?? result.Mode,
                        Kind = o.Kind ?? result.Kind,
                        PartitionKey = o.PartitionKey ?? result.PartitionKey,
                        IdempotencyKey = o.IdempotencyKey ?? result.IdempotencyKey,
                    };
                }
            }
            if (schemaNamespace is not null)
            {
                // The longest mapped prefix wins; the rest of the namespace is appended in PascalCase.
                foreach (var entry in namespaces.OrderByDescending(e => e.Key.Length))
                {
                    if (schemaNamespace == entry.Key)
                    {
                        return result with { ClrNamespace = entry.Value };
                    }
                    if (schemaNamespace.StartsWith(entry.Key + ".", StringComparison.Ordinal))
                    {
                        var rest = schemaNamespace.Substring(entry.Key.Length + 1).Split('.').Select(CSharpNames.ToPascalCase);
                        return result with { ClrNamespace = entry.Value + "." + string.Join(".", rest) };
                    }
                }
            }
            return result;
        }

        private static int CompareDiagnostics(SchemaDiagnostic a, SchemaDiagnostic b)
        {
            var byPath = string.CompareOrdinal(a.Location.Path, b.Location.Path);
            return byPath != 0 ? byPath : a.Location.Offset.CompareTo(b.Location.Offset);
        }

        internal static string Normalize(string path) => path.Replace('\\', '/');

        private static string FileNameOf(string path)
        {
            var p = Normalize(path);
            var slash = p.LastIndexOf('/');
            return slash < 0 ? p : p.Substring(slash + 1);
        }

        /// <summary>Joins a folder and a relative reference (<c>.</c> and <c>..</c> resolved), <c>/</c>-separated.</summary>
        internal static string Combine(string folder, string relative)
        {
            var parts = new List<string>(folder.Length == 0 ? Array.Empty<string>() : folder.Split('/'));
            foreach (var part in Normalize(relative).Split('/'))
            {
                if (part == "." || part.Length == 0) continue;
                if (part == "..")
                {
                    if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                    continue;
                }
                parts.Add(part);
            }
            return string.Join("/", parts);
        }
    }
}
