using Contracts.Schema;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Model
{
    /// <summary>
    /// Everything needed to emit one subject's types and codecs: its versions (oldest first), the options, and
    /// which Wolverine features the compilation references.
    /// </summary>
    /// <remarks>A value record of value-equatable parts: two equal specs emit the same text, so the output is cached.</remarks>
    internal sealed record SubjectSpec(string Subject, EquatableArray<ContractSchema> Versions, GeneratorOptions Options, WolverineFeatures Wolverine);

    /// <summary>One line of the generated registry; <paramref name="LatestClrType"/> is the subject's latest type for an older version, else null.</summary>
    /// <remarks>A value record: safe to cache.</remarks>
    internal sealed record RegistryEntry(string Subject, int Version, string ClrType, string? AvroCodec, string? JsonCodec, string? LatestClrType);
}
