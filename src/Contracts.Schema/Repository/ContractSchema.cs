using System.Linq;
using Contracts.Schema.Compatibility;
using Contracts.Schema.Model;

namespace Contracts.Schema.Repository
{
    /// <summary>The language a schema file is written in.</summary>
    public enum SchemaFormat
    {
        /// <summary>Apache Avro (<c>.avsc</c>).</summary>
        Avro,
        /// <summary>JSON Schema (<c>.schema.json</c>), drafts 7 and 2020-12.</summary>
        JsonSchema,
    }

    /// <summary>Whether a contract is an event (published, many subscribers) or a command (sent, one receiver).</summary>
    public enum MessageKind
    {
        /// <summary>Something that happened; published to any number of subscribers.</summary>
        Event,
        /// <summary>A request to do something; sent to exactly one receiver.</summary>
        Command,
    }

    /// <summary>A schema file's path (relative to the schemas folder, <c>/</c>-separated) and text, handed in by the caller.</summary>
    public sealed record SchemaFileText(string Path, string Text);

    /// <summary>Per-subject settings, resolved from the settings files that apply to the subject's folder.</summary>
    /// <param name="Kind">Event or command (default event).</param>
    /// <param name="Mode">Compatibility mode (default BACKWARD).</param>
    /// <param name="PartitionKey">Top-level field whose value orders messages per key, or null.</param>
    /// <param name="IdempotencyKey">Top-level field whose value identifies a duplicate, or null.</param>
    /// <param name="ClrNamespace">C# namespace of the generated types (from the namespace mapping), or null for the schema namespace.</param>
    public sealed record SubjectSettings(MessageKind Kind, CompatibilityMode Mode, string? PartitionKey, string? IdempotencyKey, string? ClrNamespace)
    {
        /// <summary>The defaults: event, BACKWARD, no keys, schema namespace, default lint options.</summary>
        public static SubjectSettings Default { get; } = new SubjectSettings(MessageKind.Event, CompatibilityMode.Backward, null, null, null);

        /// <summary>Lint conventions and severity overrides that apply to this subject.</summary>
        public Lint.LintOptions Lint { get; init; } = Contracts.Schema.Lint.LintOptions.Default;
    }

    /// <summary>
    /// One version of one subject: the parsed schema, its identity and its settings. Immutable and
    /// value-equatable (the source generator caches on it); holds no Roslyn or I/O objects.
    /// </summary>
    /// <param name="Path">The file path as the caller named it.</param>
    /// <param name="Format">Avro or JSON Schema.</param>
    /// <param name="Subject">The subject: the Avro full name, or the JSON Schema title (qualified with the configured namespace).</param>
    /// <param name="Version">The version from the file name (1, 2, 3, ...).</param>
    /// <param name="Root">The schema's root type (a record for every contract).</param>
    /// <param name="NamedTypes">Every named type the schema defines, in definition order.</param>
    /// <param name="Fingerprint">Canonical form and fingerprints.</param>
    /// <param name="Settings">Kind, mode, keys and namespace mapping.</param>
    /// <param name="Text">The schema file's text.</param>
    public sealed record ContractSchema(
        string Path,
        SchemaFormat Format,
        string Subject,
        int Version,
        SchemaType Root,
        EquatableArray<NamedType> NamedTypes,
        SchemaFingerprint Fingerprint,
        SubjectSettings Settings,
        string Text)
    {
        /// <summary>The root record.</summary>
        public RecordType? RootRecord => Root as RecordType;

        /// <summary>The named type with this full name, or null.</summary>
        public NamedType? FindNamedType(string fullName) => NamedTypes.FirstOrDefault(t => t.FullName == fullName);
    }

    /// <summary>All versions of one subject, oldest first.</summary>
    public sealed record SchemaSubject(string Name, SchemaFormat Format, SubjectSettings Settings, EquatableArray<ContractSchema> Versions)
    {
        /// <summary>The newest version.</summary>
        public ContractSchema Latest => Versions[Versions.Count - 1];
    }
}
