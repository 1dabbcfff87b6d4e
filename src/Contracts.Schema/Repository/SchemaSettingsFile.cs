using System;
using System.Collections.Generic;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;

namespace Contracts.Schema.Repository
{
    /// <summary>
    /// One <c>contracts.settings.json</c> file. It applies to its folder and every folder below; a nearer file
    /// overrides a farther one setting by setting. Format (every member optional):
    /// <code>
    /// {
    ///   "compatibility": "BACKWARD",              // default mode for subjects here
    ///   "kind": "event",                          // default kind: event | command
    ///   "namespace": "shop",                      // schema namespace for JSON Schema titles without dots
    ///   "namespaces": { "com.acme.shop": "Acme.Shop.Contracts" },   // schema namespace prefix → C# namespace
    ///   "subjects": {
    ///     "com.acme.shop.OrderPlaced": { "compatibility": "FULL", "kind": "event", "partitionKey": "orderId", "idempotencyKey": "orderId" }
    ///   }
    /// }
    /// </code>
    /// </summary>
    public sealed class SchemaSettingsFile
    {
        /// <summary>The settings file name.</summary>
        public const string FileName = "contracts.settings.json";

        private SchemaSettingsFile(string folder)
        {
            Folder = folder;
        }

        /// <summary>The folder the file stands in (relative, <c>/</c>-separated, empty for the root).</summary>
        public string Folder { get; }

        /// <summary>Default compatibility mode, if set.</summary>
        public CompatibilityMode? Mode { get; private set; }

        /// <summary>Default kind, if set.</summary>
        public MessageKind? Kind { get; private set; }

        /// <summary>Schema namespace for JSON Schema titles without dots, if set.</summary>
        public string? Namespace { get; private set; }

        /// <summary>Schema namespace prefix → C# namespace.</summary>
        public IReadOnlyDictionary<string, string> Namespaces { get; private set; } = new Dictionary<string, string>();

        /// <summary>Lint settings: naming conventions and per-rule severities (null when the file sets none).</summary>
        public Lint.LintOptions? Lint { get; private set; }

        /// <summary>Per-subject overrides.</summary>
        public IReadOnlyDictionary<string, SubjectOverride> Subjects { get; private set; } = new Dictionary<string, SubjectOverride>();

        /// <summary>Per-subject settings in a settings file.</summary>
        public sealed record SubjectOverride(CompatibilityMode? Mode, MessageKind? Kind, string? PartitionKey, string? IdempotencyKey, Diagnostics.SourceSpan Location);

        /// <summary>Parses a settings file; problems are added to <paramref name="diagnostics"/>.</summary>
        public static SchemaSettingsFile Parse(string path, string text, List<SchemaDiagnostic> diagnostics)
        {
            var folder = FolderOf(path);
            var settings = new SchemaSettingsFile(folder);
            var json = JsonParser.Parse(text, path);
            if (json.Root is null)
            {
                diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidSettings, DiagnosticSeverity.Error, json.Error!.Message, json.Error.Location));
                return settings;
            }
            void Error(JsonNode node, string message)
                => diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidSettings, DiagnosticSeverity.Error, message, node.Span.WithPath(path)));

            if (json.Root.Kind != JsonNodeKind.Object)
            {
                Error(json.Root, $"{FileName} must hold a JSON object");
                return settings;
            }
            foreach (var member in json.Root.Members)
            {
                var value = member.Value;
                switch (member.Name)
                {
                    case "compatibility":
                        settings.Mode = ParseMode(value, Error);
                        break;
                    case "kind":
                        settings.Kind = ParseKind(value, Error);
                        break;
                    case "namespace":
                        if (value.Kind == JsonNodeKind.String) settings.Namespace = value.Text;
                        else Error(value, "\"namespace\" must be a string");
                        break;
                    case "namespaces":
                    {
                        var map = new Dictionary<string, string>(StringComparer.Ordinal);
                        if (value.Kind != JsonNodeKind.Object)
                        {
                            Error(value, "\"namespaces\" must map schema namespaces to C# namespaces, e.g. {\"com.acme.shop\": \"Acme.Shop\"}");
                        }
                        else
                        {
                            foreach (var entry in value.Members)
                            {
                                if (entry.Value.Kind == JsonNodeKind.String) map[entry.Name] = entry.Value.Text!;
                                else Error(entry.Value, $"the C# namespace for \"{entry.Name}\" must be a string");
                            }
                        }
                        settings.Namespaces = map;
                        break;
                    }
                    case "subjects":
                    {
                        var subjects = new Dictionary<string, SubjectOverride>(StringComparer.Ordinal);
                        if (value.Kind != JsonNodeKind.Object)
                        {
                            Error(value, "\"subjects\" must map subject names to their settings");
                        }
                        else
                        {
                            foreach (var entry in value.Members)
                            {
                                if (entry.Value.Kind != JsonNodeKind.Object)
                                {
                                    Error(entry.Value, $"the settings of subject \"{entry.Name}\" must be an object");
                                    continue;
                                }
                                CompatibilityMode? mode = null;
                                MessageKind? kind = null;
                                string? partitionKey = null, idempotencyKey = null;
                                foreach (var s in entry.Value.Members)
                                {
                                    switch (s.Name)
                                    {
                                        case "compatibility": mode = ParseMode(s.Value, Error); break;
                                        case "kind": kind = ParseKind(s.Value, Error); break;
                                        case "partitionKey":
                                            if (s.Value.Kind == JsonNodeKind.String) partitionKey = s.Value.Text;
                                            else Error(s.Value, "\"partitionKey\" must name a top-level field");
                                            break;
                                        case "idempotencyKey":
                                            if (s.Value.Kind == JsonNodeKind.String) idempotencyKey = s.Value.Text;
                                            else Error(s.Value, "\"idempotencyKey\" must name a top-level field");
                                            break;
                                        default:
                                            diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidSettings, DiagnosticSeverity.Error,
                                                $"unknown subject setting \"{s.Name}\"; expected compatibility, kind, partitionKey or idempotencyKey", s.NameSpan.WithPath(path)));
                                            break;
                                    }
                                }
                                subjects[entry.Name] = new SubjectOverride(mode, kind, partitionKey, idempotencyKey, entry.NameSpan.WithPath(path));
                            }
                        }
                        settings.Subjects = subjects;
                        break;
                    }
                    case "lint":
                        settings.Lint = Contracts.Schema.Lint.LintOptions.Parse(value, path, diagnostics);
                        break;
                    default:
                        diagnostics.Add(new SchemaDiagnostic(DiagnosticCatalog.InvalidSettings, DiagnosticSeverity.Error,
                            $"unknown setting \"{member.Name}\"; expected compatibility, kind, namespace, namespaces, subjects or lint", member.NameSpan.WithPath(path)));
                        break;
                }
            }
            return settings;
        }

        private static CompatibilityMode? ParseMode(JsonNode value, Action<JsonNode, string> error)
        {
            if (value.Kind == JsonNodeKind.String && CompatibilityModes.TryParse(value.Text, out var mode)) return mode;
            error(value, $"unknown compatibility mode {value.ToShortJson()}; use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE");
            return null;
        }

        private static MessageKind? ParseKind(JsonNode value, Action<JsonNode, string> error)
        {
            switch (value.Kind == JsonNodeKind.String ? value.Text!.ToLowerInvariant() : null)
            {
                case "event": return MessageKind.Event;
                case "command": return MessageKind.Command;
                default:
                    error(value, $"unknown kind {value.ToShortJson()}; use \"event\" or \"command\"");
                    return null;
            }
        }

        internal static string FolderOf(string path)
        {
            var slash = path.Replace('\\', '/').LastIndexOf('/');
            return slash < 0 ? "" : path.Substring(0, slash).Replace('\\', '/');
        }

        /// <summary>True when this file applies to a schema in <paramref name="folder"/>.</summary>
        public bool AppliesTo(string folder)
            => Folder.Length == 0 || folder == Folder || folder.StartsWith(Folder + "/", StringComparison.Ordinal);
    }
}
