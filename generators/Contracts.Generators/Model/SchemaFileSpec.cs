using Contracts.Schema;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Model
{
    /// <summary>One parsed schema file: the contract (null when the file has errors) and its diagnostics.</summary>
    /// <remarks>A value record: <see cref="ContractSchema"/> is itself value-equatable; no Roslyn objects.</remarks>
    internal sealed record SchemaFileSpec(string Path, ContractSchema? Schema, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A schema or settings file's path and text as handed to the parser.</summary>
    /// <remarks>A value record: safe to cache.</remarks>
    internal sealed record SchemaText(string Path, string Text);
}
