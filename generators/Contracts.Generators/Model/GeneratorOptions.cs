using Contracts.Schema;

namespace Contracts.Generators.Model
{
    /// <summary>How JSON property names are derived from schema field names.</summary>
    internal enum JsonNaming
    {
        /// <summary>Field names exactly as written in the schema (the default).</summary>
        Schema,
        /// <summary>camelCase of the C# property name.</summary>
        CamelCase,
    }

    /// <summary>
    /// The generator's settings, reduced from <c>build_property.*</c> before any combine.
    /// </summary>
    /// <remarks>A value record (strings, enums, an equatable array): safe to cache; holds no Roslyn objects.</remarks>
    /// <param name="NamespaceMap">Schema namespace prefix → C# namespace pairs (from <c>ContractsNamespaceMap</c>).</param>
    /// <param name="JsonNaming">JSON property naming.</param>
    /// <param name="EmitAvro">Whether to emit Avro binary codecs (Avro subjects only).</param>
    /// <param name="EmitJson">Whether to emit JSON codecs.</param>
    /// <param name="RegistryNamespace">Namespace of the generated <c>ContractRegistry</c>.</param>
    internal sealed record GeneratorOptions(
        EquatableArray<NamespaceMapping> NamespaceMap,
        JsonNaming JsonNaming,
        bool EmitAvro,
        bool EmitJson,
        string RegistryNamespace)
    {
        public static GeneratorOptions Default { get; } = new GeneratorOptions(EquatableArray<NamespaceMapping>.Empty, JsonNaming.Schema, true, true, "Contracts.Generated");
    }

    /// <summary>One entry of <c>ContractsNamespaceMap</c>.</summary>
    /// <remarks>A value record: safe to cache.</remarks>
    internal sealed record NamespaceMapping(string SchemaNamespace, string ClrNamespace);
}
