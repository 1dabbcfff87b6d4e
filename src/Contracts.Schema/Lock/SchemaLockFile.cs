using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Lock
{
    /// <summary>One published version as the lock file records it.</summary>
    /// <param name="Version">The version number.</param>
    /// <param name="Sha256">SHA-256 fingerprint of the canonical form.</param>
    /// <param name="Crc64">CRC-64-AVRO fingerprint, 16 hex digits.</param>
    /// <param name="Path">The schema file, relative to the schemas folder.</param>
    public sealed record LockedVersion(int Version, string Sha256, string Crc64, string Path);

    /// <summary>One subject as the lock file records it.</summary>
    public sealed record LockedSubject(string Subject, SchemaFormat Format, MessageKind Kind, CompatibilityMode Mode, EquatableArray<LockedVersion> Versions);

    /// <summary>
    /// <c>schemas.lock.json</c>: subject → version → fingerprint, kind and mode, for every published version.
    /// Written sorted and with stable formatting, so its diff reads well in review.
    /// </summary>
    public sealed record SchemaLockFile(EquatableArray<LockedSubject> Subjects)
    {
        /// <summary>The lock file name (beside the schemas folder's root settings).</summary>
        public const string FileName = "schemas.lock.json";

        /// <summary>The format version this code writes and reads.</summary>
        public const int FormatVersion = 1;

        /// <summary>The lock for the current state of a schemas folder.</summary>
        public static SchemaLockFile From(SchemaRepositoryResult repository)
            => new SchemaLockFile(new EquatableArray<LockedSubject>(repository.Subjects
                .OrderBy(s => s.Name, StringComparer.Ordinal)
                .Select(s => new LockedSubject(s.Name, s.Format, s.Settings.Kind, s.Settings.Mode, new EquatableArray<LockedVersion>(s.Versions
                    .Select(v => new LockedVersion(v.Version, v.Fingerprint.Sha256, v.Fingerprint.Crc64Hex, v.Path.Replace('\\', '/')))
                    .ToArray())))
                .ToArray()));

        /// <summary>The subject with this name, or null.</summary>
        public LockedSubject? Find(string subject) => Subjects.FirstOrDefault(s => s.Subject == subject);

        /// <summary>The file text: two-space indentation, <c>\n</c> line ends, a final newline.</summary>
        public string ToJson()
        {
            var b = new StringBuilder();
            b.Append("{\n  \"lockVersion\": ").Append(FormatVersion).Append(",\n  \"subjects\": {");
            for (var i = 0; i < Subjects.Count; i++)
            {
                var s = Subjects[i];
                b.Append(i == 0 ? "\n" : ",\n").Append("    ");
                JsonNode.WriteString(b, s.Subject);
                b.Append(": {\n");
                b.Append("      \"format\": \"").Append(s.Format == SchemaFormat.Avro ? "avro" : "json-schema").Append("\",\n");
                b.Append("      \"kind\": \"").Append(s.Kind == MessageKind.Event ? "event" : "command").Append("\",\n");
                b.Append("      \"compatibility\": \"").Append(s.Mode.ToConfluentName()).Append("\",\n");
                b.Append("      \"versions\": {");
                for (var j = 0; j < s.Versions.Count; j++)
                {
                    var v = s.Versions[j];
                    b.Append(j == 0 ? "\n" : ",\n").Append("        \"").Append(v.Version.ToString(CultureInfo.InvariantCulture)).Append("\": { \"sha256\": \"")
                        .Append(v.Sha256).Append("\", \"crc64\": \"").Append(v.Crc64).Append("\", \"path\": ");
                    JsonNode.WriteString(b, v.Path);
                    b.Append(" }");
                }
                b.Append(s.Versions.Count == 0 ? "}\n" : "\n      }\n").Append("    }");
            }
            b.Append(Subjects.Count == 0 ? "}\n}\n" : "\n  }\n}\n");
            return b.ToString();
        }

        /// <summary>Reads a lock file; problems (each CTR2807 with a position) go to <paramref name="diagnostics"/>, and the result is null when it cannot be used.</summary>
        public static SchemaLockFile? Parse(string text, string path, List<SchemaDiagnostic> diagnostics)
        {
            var before = diagnostics.Count;
            void Error(SourceSpan span, string message)
                => diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidLockFile, DiagnosticSeverity.Error, message + "; regenerate it with `contracts lock`", span.WithPath(path)));

            var json = JsonParser.Parse(text, path);
            if (json.Root is null)
            {
                Error(json.Error!.Location, "the lock file is not valid JSON: " + json.Error.Message);
                return null;
            }
            var root = json.Root;
            if (root.Kind != JsonNodeKind.Object)
            {
                Error(root.Span, "the lock file must hold a JSON object");
                return null;
            }
            var formatVersion = root.Get("lockVersion");
            if (formatVersion is null || !formatVersion.TryGetInt64(out var fv) || fv != FormatVersion)
            {
                Error(formatVersion?.Span ?? root.Span, $"unsupported lock file version {formatVersion?.ToShortJson() ?? "(missing)"}; this tool reads version {FormatVersion}");
                return null;
            }
            var subjectsNode = root.Get("subjects");
            if (subjectsNode is null || subjectsNode.Kind != JsonNodeKind.Object)
            {
                Error(subjectsNode?.Span ?? root.Span, "\"subjects\" must be an object");
                return null;
            }
            var subjects = new List<LockedSubject>();
            foreach (var member in subjectsNode.Members)
            {
                var s = member.Value;
                if (s.Kind != JsonNodeKind.Object)
                {
                    Error(s.Span, $"subject \"{member.Name}\" must be an object");
                    continue;
                }
                var format = s.GetString("format") switch { "avro" => SchemaFormat.Avro, "json-schema" => (SchemaFormat?)SchemaFormat.JsonSchema, _ => null };
                var kind = s.GetString("kind") switch { "event" => MessageKind.Event, "command" => (MessageKind?)MessageKind.Command, _ => null };
                var modeOk = CompatibilityModes.TryParse(s.GetString("compatibility"), out var mode);
                var versionsNode = s.Get("versions");
                if (format is null || kind is null || !modeOk || versionsNode is not { Kind: JsonNodeKind.Object })
                {
                    Error(s.Span, $"subject \"{member.Name}\" needs \"format\" (avro | json-schema), \"kind\" (event | command), \"compatibility\" and \"versions\"");
                    continue;
                }
                var versions = new List<LockedVersion>();
                foreach (var v in versionsNode.Members)
                {
                    var sha = v.Value.GetString("sha256");
                    var crc = v.Value.GetString("crc64");
                    var file = v.Value.GetString("path");
                    if (!int.TryParse(v.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || sha is null || sha.Length != 64 || crc is null || file is null)
                    {
                        Error(v.Value.Span, $"version \"{v.Name}\" of \"{member.Name}\" needs a positive number, a 64-digit \"sha256\", a \"crc64\" and a \"path\"");
                        continue;
                    }
                    versions.Add(new LockedVersion(number, sha, crc, file));
                }
                subjects.Add(new LockedSubject(member.Name, format.Value, kind.Value, mode, new EquatableArray<LockedVersion>(versions.OrderBy(v => v.Version).ToArray())));
            }
            return diagnostics.Count > before ? null : new SchemaLockFile(new EquatableArray<LockedSubject>(subjects.ToArray()));
        }
    }
}
