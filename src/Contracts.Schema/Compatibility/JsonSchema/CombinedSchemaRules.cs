using System;
using System.Collections.Generic;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> (and <c>type</c> arrays): the criterion may only become more
    /// permissive, and the subschemas of the smaller side must each pair off with a compatible,
    /// distinct subschema of the other side (a maximum bipartite matching).
    /// </summary>
    internal static class CombinedSchemaRules
    {
        public static void Compare(DiffContext ctx, CombinedModel o, CombinedModel u)
        {
            if (CompareCriteria(ctx, o, u) == JsonSchemaChangeKind.CombinedTypeChanged) return;

            var originalSubschemas = Distinct(o.Subschemas);
            var updateSubschemas = Distinct(u.Subschemas);
            var originalCount = originalSubschemas.Count;
            var updateCount = updateSubschemas.Count;
            var originalNode = SchemaDiffer.KeywordOrNode(o);
            var updateNode = SchemaDiffer.KeywordOrNode(u);
            if (originalCount < updateCount)
            {
                ctx.Add(u.Criterion == CombinedCriterion.AllOf ? JsonSchemaChangeKind.ProductTypeExtended : JsonSchemaChangeKind.SumTypeExtended, originalNode, updateNode);
            }
            else if (originalCount > updateCount)
            {
                ctx.Add(o.Criterion == CombinedCriterion.AllOf ? JsonSchemaChangeKind.ProductTypeNarrowed : JsonSchemaChangeKind.SumTypeNarrowed, originalNode, updateNode);
            }

            // Compatible edges: original subschema i can be read by update subschema j.
            // An implicit allOf (one schema constraining several instance types) has no `allOf` in the
            // file, so its parts add no path segment.
            var implicitParts = o.IsImplicit && u.IsImplicit;
            var edges = new List<int>[originalCount];
            var results = new Dictionary<(int, int), DiffContext>();
            for (var i = 0; i < originalCount; i++)
            {
                edges[i] = new List<int>();
                if (!implicitParts) ctx.Push(o.CriterionName + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                for (var j = 0; j < updateCount; j++)
                {
                    var sub = ctx.Sub();
                    SchemaDiffer.Compare(sub, originalSubschemas[i], updateSubschemas[j], o.Node, u.Node);
                    results[(i, j)] = sub;
                    if (sub.IsCompatible) edges[i].Add(j);
                }
                if (!implicitParts) ctx.Pop();
            }

            var matchOfUpdate = BipartiteMatching.Maximum(edges, updateCount, out var size);
            var matchedOriginal = new bool[originalCount];
            for (var j = 0; j < updateCount; j++)
            {
                if (matchOfUpdate[j] < 0) continue;
                matchedOriginal[matchOfUpdate[j]] = true;
                ctx.AddRange(results[(matchOfUpdate[j], j)].Changes);
            }
            if (size < Math.Min(originalCount, updateCount))
            {
                if (!implicitParts || !ExplainByPart(ctx, originalSubschemas, updateSubschemas, matchOfUpdate, matchedOriginal, results))
                {
                    ctx.Add(JsonSchemaChangeKind.CombinedTypeSubschemasChanged, originalNode, updateNode);
                    foreach (var result in results.Values)
                    {
                        if (!result.IsCompatible) ctx.AddEngineLimits(result);
                    }
                }
            }
        }

        /// <summary>
        /// For two implicit allOfs (e.g. <c>type</c> plus <c>enum</c>), reports why each unmatched part
        /// differs from the part of the same kind on the other side (e.g. the enum value removed),
        /// which says more than "subschemas changed". False when some part has no counterpart.
        /// </summary>
        private static bool ExplainByPart(DiffContext ctx, List<SchemaModel> original, List<SchemaModel> update, int[] matchOfUpdate, bool[] matchedOriginal, Dictionary<(int, int), DiffContext> results)
        {
            var explanations = new List<JsonSchemaChange>();
            for (var i = 0; i < original.Count; i++)
            {
                if (matchedOriginal[i]) continue;
                var counterpart = -1;
                for (var j = 0; j < update.Count; j++)
                {
                    if (matchOfUpdate[j] < 0 && string.Equals(update[j].PartTag, original[i].PartTag, StringComparison.Ordinal))
                    {
                        counterpart = j;
                        break;
                    }
                }
                if (counterpart < 0) return false;
                explanations.AddRange(results[(i, counterpart)].Changes);
            }
            if (explanations.Count == 0 || ctx.Session.IsCompatible(explanations)) return false;
            ctx.AddRange(explanations);
            return true;
        }

        private static JsonSchemaChangeKind? CompareCriteria(DiffContext ctx, CombinedModel o, CombinedModel u)
        {
            if (o.Criterion == u.Criterion) return null;
            var originalSingle = o.Subschemas.Count == 1;
            var updateSingle = u.Subschemas.Count == 1;
            var extended = u.Criterion == CombinedCriterion.AnyOf
                || (originalSingle && updateSingle)
                || (originalSingle && u.Criterion == CombinedCriterion.OneOf)
                || (updateSingle && o.Criterion == CombinedCriterion.AllOf);
            var kind = extended ? JsonSchemaChangeKind.CombinedTypeExtended : JsonSchemaChangeKind.CombinedTypeChanged;
            ctx.Add(kind, SchemaDiffer.KeywordOrNode(o), SchemaDiffer.KeywordOrNode(u), o.CriterionName + " -> " + u.CriterionName);
            return kind;
        }

        /// <summary>Structurally equal subschemas count once (first occurrence kept, order preserved).</summary>
        private static List<SchemaModel> Distinct(List<SchemaModel> subschemas)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<SchemaModel>(subschemas.Count);
            foreach (var subschema in subschemas)
            {
                if (seen.Add(subschema.StructuralKey)) result.Add(subschema);
            }
            return result;
        }
    }

    /// <summary>Maximum bipartite matching by augmenting paths (Kuhn); combinations are small.</summary>
    internal static class BipartiteMatching
    {
        /// <summary>For each right vertex, the left vertex matched to it or -1.</summary>
        public static int[] Maximum(List<int>[] edges, int rightCount, out int size)
        {
            var matchOfRight = new int[rightCount];
            for (var j = 0; j < rightCount; j++) matchOfRight[j] = -1;
            size = 0;
            for (var i = 0; i < edges.Length; i++)
            {
                var visited = new bool[rightCount];
                if (TryAugment(i, edges, matchOfRight, visited)) size++;
            }
            return matchOfRight;
        }

        private static bool TryAugment(int left, List<int>[] edges, int[] matchOfRight, bool[] visited)
        {
            foreach (var right in edges[left])
            {
                if (visited[right]) continue;
                visited[right] = true;
                if (matchOfRight[right] < 0 || TryAugment(matchOfRight[right], edges, matchOfRight, visited))
                {
                    matchOfRight[right] = left;
                    return true;
                }
            }
            return false;
        }
    }
}
