using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Avro;
using Contracts.Schema.Compatibility.Avro;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.Repository;

namespace Contracts.Schema.Compatibility
{
    /// <summary>
    /// One schema ready for a compatibility check, in either format: the parsed Avro schema, or the JSON
    /// Schema document with a way to resolve its references to sibling files. Build it with
    /// <see cref="SchemaCompatibility.Prepare(SchemaFormat, string, string, Func{string, string?})"/> or
    /// <see cref="SchemaCompatibility.Prepare(ContractSchema, Func{string, string?})"/>.
    /// </summary>
    public sealed class CheckableSchema
    {
        private readonly Func<string, JsonNode?>? _resolveExternal;

        internal CheckableSchema(SchemaFormat format, string path, AvroParseResult? avro, JsonNode? document, Func<string, JsonNode?>? resolveExternal)
        {
            Format = format;
            Path = path;
            Avro = avro;
            Document = document;
            _resolveExternal = resolveExternal;
        }

        /// <summary>Avro or JSON Schema.</summary>
        public SchemaFormat Format { get; }

        /// <summary>The file path as the caller named it.</summary>
        public string Path { get; }

        /// <summary>The parsed Avro schema (Avro only).</summary>
        public AvroParseResult? Avro { get; }

        /// <summary>The JSON document (JSON Schema only).</summary>
        public JsonNode? Document { get; }

        internal Func<string, JsonNode?>? ResolveExternal => _resolveExternal;
    }

    /// <summary>The outcome of <see cref="SchemaCompatibility.Prepare(SchemaFormat, string, string, Func{string, string?})"/>.</summary>
    /// <param name="Schema">The schema, or null when it has errors.</param>
    /// <param name="Diagnostics">Every problem found (errors and warnings).</param>
    public sealed record CheckableSchemaResult(CheckableSchema? Schema, IReadOnlyList<SchemaDiagnostic> Diagnostics);

    /// <summary>
    /// The one entry point to the compatibility engine for both formats: Avro pairs go to
    /// <see cref="AvroCompatibility"/>, JSON Schema pairs to <see cref="JsonSchemaCompatibility"/> under a
    /// <see cref="JsonSchemaPolicy"/>. <c>contracts compat</c>, <c>contracts check</c> and the build analyzer call this,
    /// so a verdict never depends on who asks. No I/O: callers hand in a reader for sibling files.
    /// </summary>
    public static class SchemaCompatibility
    {
        /// <summary>
        /// Parses a schema text for checking. <paramref name="readReference"/> returns the text of the file a JSON
        /// Schema <c>$ref</c> names (the reference as written, without its fragment), or null when there is none.
        /// </summary>
        public static CheckableSchemaResult Prepare(SchemaFormat format, string path, string text, Func<string, string?>? readReference = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (format == SchemaFormat.Avro)
            {
                var avro = AvroSchemaParser.Parse(text, path);
                return new CheckableSchemaResult(avro.Root is null ? null : new CheckableSchema(format, path, avro, avro.Document, null), avro.Diagnostics);
            }
            var json = JsonParser.Parse(text, path);
            if (json.Root is null)
            {
                var error = json.Error!;
                return new CheckableSchemaResult(null, new[] { new SchemaDiagnostic(DiagnosticCatalog.InvalidJson, DiagnosticSeverity.Error, error.Message, error.Location) });
            }
            return new CheckableSchemaResult(new CheckableSchema(format, path, null, json.Root, References(readReference)), Array.Empty<SchemaDiagnostic>());
        }

        /// <summary>
        /// A repository version ready for checking. <paramref name="readRepositoryFile"/> returns the text of another
        /// file of the repository by its <c>/</c>-separated path relative to the schemas folder (for JSON Schema
        /// <c>$ref</c>s, resolved against the schema's own folder), or null.
        /// </summary>
        public static CheckableSchema Prepare(ContractSchema schema, Func<string, string?>? readRepositoryFile = null)
        {
            if (schema is null) throw new ArgumentNullException(nameof(schema));
            var folder = SchemaSettingsFile.FolderOf(SchemaRepository.Normalize(schema.Path));
            Func<string, string?>? readReference = readRepositoryFile is null ? null : reference => readRepositoryFile(SchemaRepository.Combine(folder, reference));
            var prepared = Prepare(schema.Format, schema.Path, schema.Text, readReference);
            // A ContractSchema only exists for a file without errors, so this cannot fail.
            return prepared.Schema ?? throw new ArgumentException($"{schema.Path} has errors; a ContractSchema is built only from a valid file", nameof(schema));
        }

        /// <summary>
        /// Every reason why <paramref name="reader"/> cannot read data written with <paramref name="writer"/>; empty
        /// when it can. <paramref name="policy"/> applies to JSON Schema only.
        /// </summary>
        /// <exception cref="ArgumentException">The two schemas are not of the same format.</exception>
        public static IReadOnlyList<CompatibilityIssue> CheckCanRead(CheckableSchema reader, CheckableSchema writer, JsonSchemaPolicy policy = JsonSchemaPolicy.Strict)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            if (reader.Format != writer.Format)
            {
                throw new ArgumentException($"{reader.Path} and {writer.Path} are in different schema languages; one subject's history uses one format", nameof(writer));
            }
            if (reader.Format == SchemaFormat.Avro) return AvroCompatibility.CheckCanRead(reader.Avro!, writer.Avro!);
            // $refs of the reader resolve among the reader's siblings, and the writer's among its own.
            Func<string, JsonNode?> resolve = reference => reader.ResolveExternal?.Invoke(reference) ?? writer.ResolveExternal?.Invoke(reference);
            return JsonSchemaCompatibility.CheckCanRead(reader.Document!, writer.Document!, policy, resolve);
        }

        /// <summary>The pair check in the shape the history layer takes (<see cref="SubjectCompatibility"/>).</summary>
        public static CanReadCheck<CheckableSchema> Checker(JsonSchemaPolicy policy = JsonSchemaPolicy.Strict)
            => (reader, writer) => CheckCanRead(reader, writer, policy);

        /// <summary>
        /// Checks every version of a repository subject against its predecessors under the subject's mode
        /// (consecutive or transitive), applying <paramref name="acceptedBreaks"/>.
        /// </summary>
        public static SubjectHistoryResult CheckHistory(SchemaSubject subject, AcceptedBreaks? acceptedBreaks = null, JsonSchemaPolicy policy = JsonSchemaPolicy.Strict, Func<string, string?>? readRepositoryFile = null)
        {
            if (subject is null) throw new ArgumentNullException(nameof(subject));
            var versions = subject.Versions.Select(v => new SubjectVersion<CheckableSchema>(v.Version, Prepare(v, readRepositoryFile))).ToArray();
            return SubjectCompatibility.CheckHistory(subject.Name, versions, subject.Settings.Mode, Checker(policy), acceptedBreaks);
        }

        private static Func<string, JsonNode?>? References(Func<string, string?>? readReference)
        {
            if (readReference is null) return null;
            var cache = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            return reference =>
            {
                if (cache.TryGetValue(reference, out var known)) return known;
                var text = readReference(reference);
                var node = text is null ? null : JsonParser.Parse(text, reference).Root;
                cache[reference] = node;
                return node;
            };
        }
    }
}
