using System;
using System.Collections.Generic;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// JSON Schema compatibility with Confluent Schema Registry's semantics: an update is compatible
    /// with an original when it accepts every instance the original accepted. BACKWARD checks
    /// <c>CheckCanRead(reader: new, writer: previous)</c>; FORWARD checks
    /// <c>CheckCanRead(reader: previous, writer: new)</c>; the caller maps modes to pairs.
    /// </summary>
    public static class JsonSchemaCompatibility
    {
        /// <summary>
        /// Every difference between <paramref name="original"/> and <paramref name="update"/>, each marked
        /// compatible or not under <paramref name="policy"/>.
        /// </summary>
        /// <param name="original">The schema data was written with (the writer).</param>
        /// <param name="update">The schema that must accept that data (the reader).</param>
        /// <param name="policy">STRICT (Confluent's default) or LENIENT.</param>
        /// <param name="resolveExternal">
        /// Returns the document a non-local <c>$ref</c> names, given the reference without its fragment
        /// (e.g. <c>Money.v1.schema.json</c>), or null when unknown. No I/O happens otherwise.
        /// </param>
        public static IReadOnlyList<JsonSchemaChange> Diff(JsonNode original, JsonNode update, JsonSchemaPolicy policy, Func<string, JsonNode?>? resolveExternal = null)
        {
            if (original is null) throw new ArgumentNullException(nameof(original));
            if (update is null) throw new ArgumentNullException(nameof(update));

            var builder = new SchemaModelBuilder(new ReferenceResolver(resolveExternal));
            var originalModel = builder.Build(original, new SchemaDocument(original, null));
            var updateModel = builder.Build(update, new SchemaDocument(update, null));

            // Recursive schemas: a pair met again while it is being compared is first assumed
            // compatible. Pairs found incompatible are fed back and the comparison repeated until that
            // set stops growing, so an optimistic assumption never hides a real break.
            var seed = new Dictionary<(SchemaModel, SchemaModel), List<JsonSchemaChange>>();
            while (true)
            {
                var session = new DiffSession(policy, builder, seed);
                var context = new DiffContext(session);
                SchemaDiffer.Compare(context, originalModel, updateModel, original, update);
                if (!session.UsedOptimism) return context.Changes;
                var incompatible = new Dictionary<(SchemaModel, SchemaModel), List<JsonSchemaChange>>();
                foreach (var entry in session.Memo)
                {
                    if (!session.IsCompatible(entry.Value)) incompatible[entry.Key] = entry.Value;
                }
                if (SameKeys(incompatible, seed)) return context.Changes;
                seed = incompatible;
            }
        }

        /// <summary>
        /// Why <paramref name="reader"/> cannot read data written with <paramref name="writer"/>: the
        /// incompatible differences as issues with rule ids (<c>CTR21xx</c>), messages, fixes and locations.
        /// Empty when compatible.
        /// </summary>
        public static IReadOnlyList<CompatibilityIssue> CheckCanRead(JsonNode reader, JsonNode writer, JsonSchemaPolicy policy, Func<string, JsonNode?>? resolveExternal = null)
        {
            var changes = Diff(original: writer, update: reader, policy, resolveExternal);
            var issues = new List<CompatibilityIssue>();
            // A change inside a shared or recursive definition is reached along several paths; it is one problem.
            var seen = new HashSet<(JsonSchemaChangeKind, JsonNode, JsonNode)>();
            foreach (var change in changes)
            {
                if (!change.IsCompatible && seen.Add((change.Kind, change.OriginalNode, change.UpdateNode))) issues.Add(JsonSchemaRules.ToIssue(change));
            }
            return issues;
        }

        private static bool SameKeys<TKey, TValue>(Dictionary<TKey, TValue> a, Dictionary<TKey, TValue> b)
            where TKey : notnull
        {
            if (a.Count != b.Count) return false;
            foreach (var key in a.Keys)
            {
                if (!b.ContainsKey(key)) return false;
            }
            return true;
        }
    }
}
