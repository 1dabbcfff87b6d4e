using System;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary><c>minLength</c>, <c>maxLength</c>, <c>pattern</c> (<c>format</c> is an annotation and not compared).</summary>
    internal static class StringSchemaRules
    {
        public static void Compare(DiffContext ctx, StringModel o, StringModel u)
        {
            Bound(ctx, "maxLength", o, u, o.MaxLength, u.MaxLength,
                JsonSchemaChangeKind.MaxLengthAdded, JsonSchemaChangeKind.MaxLengthRemoved, JsonSchemaChangeKind.MaxLengthIncreased, JsonSchemaChangeKind.MaxLengthDecreased);
            Bound(ctx, "minLength", o, u, o.MinLength, u.MinLength,
                JsonSchemaChangeKind.MinLengthAdded, JsonSchemaChangeKind.MinLengthRemoved, JsonSchemaChangeKind.MinLengthIncreased, JsonSchemaChangeKind.MinLengthDecreased);

            if (o.Pattern is null && u.Pattern is not null)
            {
                ctx.Add("pattern", JsonSchemaChangeKind.PatternAdded, o.Node, u.Pattern, u.Pattern.Text);
            }
            else if (o.Pattern is not null && u.Pattern is null)
            {
                ctx.Add("pattern", JsonSchemaChangeKind.PatternRemoved, o.Pattern, u.Node, o.Pattern.Text);
            }
            else if (o.Pattern is not null && u.Pattern is not null && !string.Equals(o.Pattern.Text, u.Pattern.Text, StringComparison.Ordinal))
            {
                ctx.Add("pattern", JsonSchemaChangeKind.PatternChanged, o.Pattern, u.Pattern, u.Pattern.Text);
            }
        }

        /// <summary>Shared by every numeric bound: added, removed, increased or decreased.</summary>
        internal static void Bound(
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
