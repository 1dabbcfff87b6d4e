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

    /// <summary>
    /// One schema file and the files its JSON Schema <c>$ref</c>s name (paths as the parser asks for them), so the
    /// parse needs nothing else; an edit of an unrelated file leaves this value equal and the parse cached.
    /// </summary>
    /// <remarks>A value record: safe to cache.</remarks>
    internal sealed record SchemaInput(SchemaText File, EquatableArray<SchemaText> References);
}
