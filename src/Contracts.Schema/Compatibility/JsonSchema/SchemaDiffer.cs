using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// The comparison hub: every keyword rule recurses through <see cref="Compare"/>, which follows
    /// <c>$ref</c>s, memoizes each (original, update) pair and cuts recursion cycles.
    /// </summary>
    internal static class SchemaDiffer
    {
        private static readonly List<JsonSchemaChange> NoChanges = new List<JsonSchemaChange>();

        public static void Compare(DiffContext ctx, SchemaModel? original, SchemaModel? update, JsonNode originalParent, JsonNode updateParent)
        {
            if (original is null && update is null) return;
            if (original is null)
            {
                ctx.Add(JsonSchemaChangeKind.SchemaAdded, originalParent, update!.Node);
                return;
            }
            if (update is null)
            {
                ctx.Add(JsonSchemaChangeKind.SchemaRemoved, original.Node, updateParent);
                return;
            }

            var builder = ctx.Session.Builder;
            var o = builder.Normalize(original);
            var u = builder.Normalize(update);
            if (o is ReferenceModel brokenOriginal)
            {
                ctx.Add(JsonSchemaChangeKind.ReferenceUnresolved, brokenOriginal.RefNode, u.Node, brokenOriginal.Error);
                return;
            }
            if (u is ReferenceModel brokenUpdate)
            {
                ctx.Add(JsonSchemaChangeKind.ReferenceUnresolved, o.Node, brokenUpdate.RefNode, brokenUpdate.Error);
                return;
            }

            ctx.AddRebased(CompareMemoized(ctx.Session, o, u));
        }

        private static List<JsonSchemaChange> CompareMemoized(DiffSession session, SchemaModel o, SchemaModel u)
        {
            var key = (o, u);
            if (session.Memo.TryGetValue(key, out var cached)) return cached;
            if (!session.InProgress.Add(key))
            {
                // A recursion cycle: assume compatible unless an earlier pass proved otherwise.
                if (session.IncompatibleSeed.TryGetValue(key, out var seeded)) return seeded;
                session.UsedOptimism = true;
                return NoChanges;
            }
            try
            {
                var pair = new DiffContext(session);
                if (session.Depth >= DiffSession.MaxDepth || !HasStackRoom())
                {
                    pair.Add(JsonSchemaChangeKind.ComparisonTooDeep, o.Node, u.Node);
                    return pair.Changes;
                }
                session.Depth++;
                try
                {
                    CompareTypes(pair, o, u);
                }
                finally
                {
                    session.Depth--;
                }
                session.Memo[key] = pair.Changes;
                return pair.Changes;
            }
            finally
            {
                session.InProgress.Remove(key);
            }
        }

        private static bool HasStackRoom()
        {
            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
                return true;
            }
            catch (InsufficientExecutionStackException)
            {
                return false;
            }
        }

        private static void CompareTypes(DiffContext ctx, SchemaModel o, SchemaModel u)
        {
            var tried = new List<DiffContext>();
            if (o is not CombinedModel && u is CombinedModel updateCombined)
            {
                if (updateCombined.Subschemas.Count == 1)
                {
                    // A one-element combination is its element.
                    var sub = ctx.Sub();
                    Compare(sub, o, updateCombined.Subschemas[0], o.Node, updateCombined.Node);
                    tried.Add(sub);
                    if (sub.IsCompatible)
                    {
                        ctx.AddRange(sub.Changes);
                        return;
                    }
                }
                else if (updateCombined.Criterion != CombinedCriterion.AllOf)
                {
                    // The update is a union: the original only needs to fit one alternative.
                    foreach (var alternative in updateCombined.Subschemas)
                    {
                        var sub = ctx.Sub();
                        Compare(sub, o, alternative, o.Node, updateCombined.Node);
                        tried.Add(sub);
                        if (sub.IsCompatible)
                        {
                            ctx.AddRange(sub.Changes);
                            ctx.Add(JsonSchemaChangeKind.SumTypeExtended, o.Node, KeywordOrNode(updateCombined));
                            return;
                        }
                    }
                }
            }
            else if (o is CombinedModel originalCombined && u is not CombinedModel)
            {
                if (originalCombined.Subschemas.Count == 1)
                {
                    var sub = ctx.Sub();
                    Compare(sub, originalCombined.Subschemas[0], u, originalCombined.Node, u.Node);
                    tried.Add(sub);
                    if (sub.IsCompatible)
                    {
                        ctx.AddRange(sub.Changes);
                        return;
                    }
                }
                else if (originalCombined.Criterion == CombinedCriterion.AllOf)
                {
                    // The original is an intersection: the update only needs to accept one of its members.
                    foreach (var member in originalCombined.Subschemas)
                    {
                        var sub = ctx.Sub();
                        Compare(sub, member, u, originalCombined.Node, u.Node);
                        tried.Add(sub);
                        if (sub.IsCompatible)
                        {
                            ctx.AddRange(sub.Changes);
                            ctx.Add(JsonSchemaChangeKind.ProductTypeNarrowed, KeywordOrNode(originalCombined), u.Node);
                            return;
                        }
                    }
                }
            }

            if (!SameShape(o, u))
            {
                // Nothing is lost when the original accepted nothing or the update accepts anything.
                if (o.Kind == SchemaKind.False || u.Kind == SchemaKind.Empty) return;
                if (o.ConnectType == "bytes" && u.ConnectType == "bytes") return;
                ctx.Add(JsonSchemaChangeKind.TypeChanged, TypeNode(o), TypeNode(u));
                foreach (var branch in tried) ctx.AddEngineLimits(branch);
                return;
            }

            CompareAnnotations(ctx, o, u);

            switch (o)
            {
                case StringModel s:
                    StringSchemaRules.Compare(ctx, s, (StringModel)u);
                    break;
                case NumberModel n:
                    NumberSchemaRules.Compare(ctx, n, (NumberModel)u);
                    break;
                case ConstModel c:
                    EnumSchemaRules.CompareConst(ctx, c, (ConstModel)u);
                    break;
                case EnumModel e:
                    EnumSchemaRules.CompareEnum(ctx, e, (EnumModel)u);
                    break;
                case CombinedModel combined:
                    CombinedSchemaRules.Compare(ctx, combined, (CombinedModel)u);
                    break;
                case NotModel not:
                    NotSchemaRules.Compare(ctx, not, (NotModel)u);
                    break;
                case ObjectModel obj:
                    ObjectSchemaRules.Compare(ctx, obj, (ObjectModel)u);
                    break;
                case ArrayModel array:
                    ArraySchemaRules.Compare(ctx, array, (ArrayModel)u);
                    break;
            }
        }

        private static void CompareAnnotations(DiffContext ctx, SchemaModel o, SchemaModel u)
        {
            if (!string.Equals(o.Id, u.Id, StringComparison.Ordinal))
            {
                ctx.Add(JsonSchemaChangeKind.IdChanged, Keyword(o, o.Document.IdKeyword), Keyword(u, u.Document.IdKeyword), u.Id ?? o.Id);
            }
            if (!string.Equals(o.Title, u.Title, StringComparison.Ordinal))
            {
                ctx.Add(JsonSchemaChangeKind.TitleChanged, Keyword(o, "title"), Keyword(u, "title"), u.Title ?? o.Title);
            }
            if (!string.Equals(o.Description, u.Description, StringComparison.Ordinal))
            {
                ctx.Add(JsonSchemaChangeKind.DescriptionChanged, Keyword(o, "description"), Keyword(u, "description"));
            }
            if (!JsonNode.DeepEquals(o.Default, u.Default))
            {
                ctx.Add(JsonSchemaChangeKind.DefaultChanged, Keyword(o, "default"), Keyword(u, "default"));
            }
        }

        /// <summary>Confluent compares schema classes: integer and number share one, combinations share one.</summary>
        private static bool SameShape(SchemaModel o, SchemaModel u)
        {
            if (o.Kind != u.Kind) return false;
            return o is not LeafModel leaf || leaf.IsTrue == ((LeafModel)u).IsTrue;
        }

        /// <summary>The keyword's value node, or the schema node when the keyword is absent.</summary>
        public static JsonNode Keyword(SchemaModel model, string keyword)
            => model.Node.IsObject ? model.Node.Get(keyword) ?? model.Node : model.Node;

        public static JsonNode TypeNode(SchemaModel model) => Keyword(model, "type");

        public static JsonNode KeywordOrNode(CombinedModel model) => model.KeywordNode ?? model.Node;
    }
}
