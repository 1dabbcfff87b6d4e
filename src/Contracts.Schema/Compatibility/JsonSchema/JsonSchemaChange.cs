using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// One difference between an original JSON schema and its update, in Confluent's terms.
    /// </summary>
    /// <param name="Kind">What changed.</param>
    /// <param name="IsCompatible">Whether the update still accepts every instance the original accepted, under the policy used.</param>
    /// <param name="Path">Confluent's logical path of the change, e.g. <c>#/properties/bar</c> (it follows <c>$ref</c>s, so it may not exist in either file).</param>
    /// <param name="OriginalNode">The node in the original schema the change is about or, when it has no counterpart there, its closest existing parent.</param>
    /// <param name="UpdateNode">The node in the updated schema the change is about or, when it has no counterpart there, its closest existing parent.</param>
    /// <param name="Subject">The property name, keyword or value the change names, when there is one.</param>
    public sealed record JsonSchemaChange(
        JsonSchemaChangeKind Kind,
        bool IsCompatible,
        string Path,
        JsonNode OriginalNode,
        JsonNode UpdateNode,
        string? Subject)
    {
        /// <summary>The JSON pointer (RFC 6901) of <see cref="OriginalNode"/> in its document (empty for the root).</summary>
        public string OriginalPointer => OriginalNode.Pointer;

        /// <summary>The JSON pointer (RFC 6901) of <see cref="UpdateNode"/> in its document (empty for the root).</summary>
        public string UpdatePointer => UpdateNode.Pointer;

        /// <summary>Where <see cref="OriginalNode"/> stands in the original file.</summary>
        public SourceSpan OriginalLocation => OriginalNode.Span;

        /// <summary>Where <see cref="UpdateNode"/> stands in the updated file.</summary>
        public SourceSpan UpdateLocation => UpdateNode.Span;

        /// <summary><c>KIND path</c>, the form Confluent's tests and our conformance vectors use.</summary>
        public override string ToString() => Kind.ToConfluentName() + " " + Path;
    }
}
