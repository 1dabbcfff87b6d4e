using System.Globalization;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// Array keywords. Tuple items (<c>items</c> arrays, <c>prefixItems</c>) follow the same content-model
    /// logic as properties: the array is open when any further item is accepted, closed when none is,
    /// partially open when further items must match <c>additionalItems</c> (2020-12: <c>items</c>).
    /// </summary>
    internal static class ArraySchemaRules
    {
        public static void Compare(DiffContext ctx, ArrayModel o, ArrayModel u)
        {
            ctx.Push("items");
            SchemaDiffer.Compare(ctx, o.AllItems, u.AllItems, Keyword(o, "items"), Keyword(u, "items"));
            ctx.Pop();
            CompareTupleItems(ctx, o, u);
            CompareAdditionalItems(ctx, o, u);
            CompareUnevaluatedItems(ctx, o, u);

            KeywordBound.Compare(ctx, "maxItems", o, u, o.MaxItems, u.MaxItems,
                JsonSchemaChangeKind.MaxItemsAdded, JsonSchemaChangeKind.MaxItemsRemoved, JsonSchemaChangeKind.MaxItemsIncreased, JsonSchemaChangeKind.MaxItemsDecreased);
            KeywordBound.Compare(ctx, "minItems", o, u, o.MinItems, u.MinItems,
                JsonSchemaChangeKind.MinItemsAdded, JsonSchemaChangeKind.MinItemsRemoved, JsonSchemaChangeKind.MinItemsIncreased, JsonSchemaChangeKind.MinItemsDecreased);
            if (o.UniqueItems != u.UniqueItems)
            {
                ctx.Add("uniqueItems", o.UniqueItems ? JsonSchemaChangeKind.UniqueItemsRemoved : JsonSchemaChangeKind.UniqueItemsAdded, Keyword(o, "uniqueItems"), Keyword(u, "uniqueItems"));
            }
            KeywordBound.Compare(ctx, "maxContains", o, u, o.MaxContains, u.MaxContains,
                JsonSchemaChangeKind.MaxContainsAdded, JsonSchemaChangeKind.MaxContainsRemoved, JsonSchemaChangeKind.MaxContainsIncreased, JsonSchemaChangeKind.MaxContainsDecreased);
            CompareMinContains(ctx, o, u);
        }

        private static void CompareMinContains(DiffContext ctx, ArrayModel o, ArrayModel u)
        {
            // 2020-12 reads an absent minContains next to `contains` as 1.
            if (o.MinContainsDefaultsToOne && u.MinContainsDefaultsToOne) return;
            var before = o.MinContains;
            var after = u.MinContains;
            if (o.MinContainsDefaultsToOne && after is not null)
            {
                var order = JsonNumbers.Compare(after, One);
                if (order != 0) ctx.Add("minContains", order > 0 ? JsonSchemaChangeKind.MinContainsIncreased : JsonSchemaChangeKind.MinContainsDecreased, o.Node, after, after.Text);
                return;
            }
            if (u.MinContainsDefaultsToOne && before is not null)
            {
                var order = JsonNumbers.Compare(One, before);
                if (order != 0) ctx.Add("minContains", order > 0 ? JsonSchemaChangeKind.MinContainsIncreased : JsonSchemaChangeKind.MinContainsDecreased, before, u.Node, "1");
                return;
            }
            KeywordBound.Compare(ctx, "minContains", o, u, before, after,
                JsonSchemaChangeKind.MinContainsAdded, JsonSchemaChangeKind.MinContainsRemoved, JsonSchemaChangeKind.MinContainsIncreased, JsonSchemaChangeKind.MinContainsDecreased);
        }

        private static readonly JsonNode One = JsonParser.Parse("1", "").Root!;

        private static void CompareTupleItems(DiffContext ctx, ArrayModel o, ArrayModel u)
        {
            var originalCount = o.ItemSchemas.Count;
            var updateCount = u.ItemSchemas.Count;
            var originalTuple = o.ItemSchemasNode ?? o.Node;
            var updateTuple = u.ItemSchemasNode ?? u.Node;
            var shared = originalCount < updateCount ? originalCount : updateCount;
            for (var index = 0; index < shared; index++)
            {
                ctx.Push(ItemsSegment(index));
                SchemaDiffer.Compare(ctx, o.ItemSchemas[index], u.ItemSchemas[index], originalTuple, updateTuple);
                ctx.Pop();
            }

            for (var index = shared; index < originalCount; index++)
            {
                ctx.Push(ItemsSegment(index));
                var removed = o.ItemSchemas[index];
                var originalNode = removed.Node;
                if (IsOpenContentModel(u))
                {
                    ctx.Add(JsonSchemaChangeKind.ItemRemovedFromOpenContentModel, originalNode, updateTuple);
                }
                else if (SchemaFromPartiallyOpenContentModel(u) is { } partial)
                {
                    var sub = ctx.Sub();
                    SchemaDiffer.Compare(sub, removed, partial, originalNode, partial.Node);
                    ctx.AddRange(sub.Changes);
                    ctx.Add(sub.IsCompatible ? JsonSchemaChangeKind.ItemRemovedIsCoveredByPartiallyOpenContentModel : JsonSchemaChangeKind.ItemRemovedNotCoveredByPartiallyOpenContentModel,
                        originalNode, partial.Node);
                }
                else
                {
                    ctx.Add(removed.Kind == SchemaKind.False ? JsonSchemaChangeKind.ItemWithFalseRemovedFromClosedContentModel : JsonSchemaChangeKind.ItemRemovedFromClosedContentModel,
                        originalNode, u.AdditionalItemsNode ?? updateTuple);
                }
                ctx.Pop();
            }

            for (var index = shared; index < updateCount; index++)
            {
                ctx.Push(ItemsSegment(index));
                var added = u.ItemSchemas[index];
                var updateNode = added.Node;
                if (IsOpenContentModel(o))
                {
                    ctx.Add(added.Kind == SchemaKind.Empty ? JsonSchemaChangeKind.ItemWithEmptySchemaAddedToOpenContentModel : JsonSchemaChangeKind.ItemAddedToOpenContentModel,
                        originalTuple, updateNode);
                }
                else if (SchemaFromPartiallyOpenContentModel(o) is { } partial)
                {
                    var sub = ctx.Sub();
                    SchemaDiffer.Compare(sub, partial, added, partial.Node, updateNode);
                    ctx.AddRange(sub.Changes);
                    ctx.Add(sub.IsCompatible ? JsonSchemaChangeKind.ItemAddedIsCoveredByPartiallyOpenContentModel : JsonSchemaChangeKind.ItemAddedNotCoveredByPartiallyOpenContentModel,
                        partial.Node, updateNode);
                }
                else
                {
                    ctx.Add(JsonSchemaChangeKind.ItemAddedToClosedContentModel, o.AdditionalItemsNode ?? originalTuple, updateNode);
                }
                ctx.Pop();
            }
        }

        private static void CompareAdditionalItems(DiffContext ctx, ArrayModel o, ArrayModel u)
        {
            ctx.Push("additionalItems");
            var originalNode = o.AdditionalItemsNode ?? o.Node;
            var updateNode = u.AdditionalItemsNode ?? u.Node;
            if (o.PermitsAdditionalItems != u.PermitsAdditionalItems)
            {
                ctx.Add(o.PermitsAdditionalItems ? JsonSchemaChangeKind.AdditionalItemsRemoved : JsonSchemaChangeKind.AdditionalItemsAdded, originalNode, updateNode);
            }
            else if (o.AdditionalItemsSchema is null && u.AdditionalItemsSchema is not null)
            {
                ctx.Add(JsonSchemaChangeKind.AdditionalItemsNarrowed, originalNode, updateNode);
            }
            else if (u.AdditionalItemsSchema is null && o.AdditionalItemsSchema is not null)
            {
                ctx.Add(JsonSchemaChangeKind.AdditionalItemsExtended, originalNode, updateNode);
            }
            else
            {
                SchemaDiffer.Compare(ctx, o.AdditionalItemsSchema, u.AdditionalItemsSchema, originalNode, updateNode);
            }
            ctx.Pop();
        }

        private static void CompareUnevaluatedItems(DiffContext ctx, ArrayModel o, ArrayModel u)
        {
            var before = o.UnevaluatedItems;
            var after = u.UnevaluatedItems;
            if (before is null && after is null) return;
            ctx.Push("unevaluatedItems");
            var originalNode = before?.Node ?? o.Node;
            var updateNode = after?.Node ?? u.Node;
            var kind = ObjectSchemaRules.UnevaluatedChange(before, after,
                JsonSchemaChangeKind.UnevaluatedItemsAdded, JsonSchemaChangeKind.UnevaluatedItemsRemoved,
                JsonSchemaChangeKind.UnevaluatedItemsExtended, JsonSchemaChangeKind.UnevaluatedItemsNarrowed);
            if (kind is { } k) ctx.Add(k, originalNode, updateNode);
            else SchemaDiffer.Compare(ctx, before, after, originalNode, updateNode);
            ctx.Pop();
        }

        internal static bool IsOpenContentModel(ArrayModel model)
        {
            if (!model.PermitsAdditionalItems || model.AdditionalItemsSchema is not null) return false;
            return model.UnevaluatedItems is null || model.UnevaluatedItems.Kind == SchemaKind.Empty;
        }

        private static SchemaModel? SchemaFromPartiallyOpenContentModel(ArrayModel model)
        {
            if (model.AdditionalItemsSchema is not null) return model.AdditionalItemsSchema;
            var unevaluated = model.UnevaluatedItems;
            if (model.PermitsAdditionalItems && unevaluated is not null && unevaluated.Kind != SchemaKind.False && unevaluated.Kind != SchemaKind.Empty) return unevaluated;
            return null;
        }

        private static string ItemsSegment(int index) => "items/" + index.ToString(CultureInfo.InvariantCulture);

        private static JsonNode Keyword(SchemaModel model, string keyword) => SchemaDiffer.Keyword(model, keyword);
    }
}
