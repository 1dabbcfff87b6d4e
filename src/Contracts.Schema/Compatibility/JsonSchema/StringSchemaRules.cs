using System;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary><c>minLength</c>, <c>maxLength</c>, <c>pattern</c> (<c>format</c> is an annotation and not compared).</summary>
    internal static class StringSchemaRules
    {
        public static void Compare(DiffContext ctx, StringModel o, StringModel u)
        {
            KeywordBound.Compare(ctx, "maxLength", o, u, o.MaxLength, u.MaxLength,
                JsonSchemaChangeKind.MaxLengthAdded, JsonSchemaChangeKind.MaxLengthRemoved, JsonSchemaChangeKind.MaxLengthIncreased, JsonSchemaChangeKind.MaxLengthDecreased);
            KeywordBound.Compare(ctx, "minLength", o, u, o.MinLength, u.MinLength,
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
    }
}
