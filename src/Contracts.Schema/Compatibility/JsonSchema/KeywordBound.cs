using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// The one comparison every bound keyword shares (<c>maxLength</c>, <c>minimum</c>, <c>maxItems</c>,
    /// <c>minProperties</c>, <c>minContains</c>...): values compare exactly as JSON numbers.
    /// </summary>
    internal static class KeywordBound
    {
        /// <summary>Compares one numeric keyword: added, removed, increased or decreased (which of those breaks depends on the keyword).</summary>
        public static void Compare(
            DiffContext ctx, string keyword, SchemaModel o, SchemaModel u, JsonNode? original, JsonNode? update,
            JsonSchemaChangeKind added, JsonSchemaChangeKind removed, JsonSchemaChangeKind increased, JsonSchemaChangeKind decreased)
        {
            if (original is null && update is null) return;
            if (original is null)
            {
                ctx.Add(keyword, added, o.Node, update!, update!.Text);
                return;
            }
            if (update is null)
            {
                ctx.Add(keyword, removed, original, u.Node, original.Text);
                return;
            }
            var order = JsonNumbers.Compare(original, update);
            if (order < 0) ctx.Add(keyword, increased, original, update, update.Text);
            else if (order > 0) ctx.Add(keyword, decreased, original, update, update.Text);
        }
    }
}
