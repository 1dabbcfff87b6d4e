namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary><c>not</c>: the update's excluded set must fit inside the original's, so the pair is compared reversed.</summary>
    internal static class NotSchemaRules
    {
        public static void Compare(DiffContext ctx, NotModel o, NotModel u)
        {
            ctx.Push("not");
            var reversed = ctx.Sub();
            SchemaDiffer.Compare(reversed, u.MustNotMatch, o.MustNotMatch, u.Node, o.Node);
            var kind = reversed.IsCompatible ? JsonSchemaChangeKind.NotTypeNarrowed : JsonSchemaChangeKind.NotTypeExtended;
            ctx.Add(kind, SchemaDiffer.Keyword(o, "not"), SchemaDiffer.Keyword(u, "not"));
            if (!reversed.IsCompatible) ctx.AddEngineLimits(reversed);
            ctx.Pop();
        }
    }
}
