namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary><c>minimum</c>, <c>maximum</c>, <c>exclusive*</c>, <c>multipleOf</c>, and integer versus number.</summary>
    internal static class NumberSchemaRules
    {
        public static void Compare(DiffContext ctx, NumberModel o, NumberModel u)
        {
            KeywordBound.Compare(ctx, "maximum", o, u, o.Maximum, u.Maximum,
                JsonSchemaChangeKind.MaximumAdded, JsonSchemaChangeKind.MaximumRemoved, JsonSchemaChangeKind.MaximumIncreased, JsonSchemaChangeKind.MaximumDecreased);
            KeywordBound.Compare(ctx, "minimum", o, u, o.Minimum, u.Minimum,
                JsonSchemaChangeKind.MinimumAdded, JsonSchemaChangeKind.MinimumRemoved, JsonSchemaChangeKind.MinimumIncreased, JsonSchemaChangeKind.MinimumDecreased);
            KeywordBound.Compare(ctx, "exclusiveMaximum", o, u, o.ExclusiveMaximum, u.ExclusiveMaximum,
                JsonSchemaChangeKind.ExclusiveMaximumAdded, JsonSchemaChangeKind.ExclusiveMaximumRemoved, JsonSchemaChangeKind.ExclusiveMaximumIncreased, JsonSchemaChangeKind.ExclusiveMaximumDecreased);
            KeywordBound.Compare(ctx, "exclusiveMinimum", o, u, o.ExclusiveMinimum, u.ExclusiveMinimum,
                JsonSchemaChangeKind.ExclusiveMinimumAdded, JsonSchemaChangeKind.ExclusiveMinimumRemoved, JsonSchemaChangeKind.ExclusiveMinimumIncreased, JsonSchemaChangeKind.ExclusiveMinimumDecreased);
            CompareMultipleOf(ctx, o, u);

            if (o.RequiresInteger != u.RequiresInteger)
            {
                ctx.Add(o.RequiresInteger ? JsonSchemaChangeKind.TypeExtended : JsonSchemaChangeKind.TypeNarrowed, SchemaDiffer.TypeNode(o), SchemaDiffer.TypeNode(u));
            }
        }

        private static void CompareMultipleOf(DiffContext ctx, NumberModel o, NumberModel u)
        {
            var original = o.MultipleOf;
            var update = u.MultipleOf;
            if (original is null && update is null) return;
            if (original is null)
            {
                ctx.Add("multipleOf", JsonSchemaChangeKind.MultipleOfAdded, o.Node, update!, update!.Text);
                return;
            }
            if (update is null)
            {
                ctx.Add("multipleOf", JsonSchemaChangeKind.MultipleOfRemoved, original, u.Node, original.Text);
                return;
            }
            // Compared by value: 0.5 and 0.50 are the same constraint.
            if (JsonNumbers.Compare(original, update) == 0) return;
            JsonSchemaChangeKind kind;
            if (!JsonNumbers.IsZero(original) && JsonNumbers.IsMultipleOf(update, original)) kind = JsonSchemaChangeKind.MultipleOfExpanded;
            else if (!JsonNumbers.IsZero(update) && JsonNumbers.IsMultipleOf(original, update)) kind = JsonSchemaChangeKind.MultipleOfReduced;
            else kind = JsonSchemaChangeKind.MultipleOfChanged;
            ctx.Add("multipleOf", kind, original, update, update.Text);
        }
    }
}
