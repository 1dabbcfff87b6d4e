using System.Collections.Generic;
using System.Text.RegularExpressions;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// Object keywords and content models. A content model is <em>open</em> when any undeclared
    /// property is accepted with any value (no <c>additionalProperties</c> schema or <c>false</c>, no
    /// <c>patternProperties</c>, no restrictive <c>unevaluatedProperties</c>), <em>closed</em> when no
    /// undeclared property is accepted, and <em>partially open</em> when undeclared properties must
    /// match a schema. Declared properties are looked up by name, so wide objects stay linear.
    /// </summary>
    internal static class ObjectSchemaRules
    {
        public static void Compare(DiffContext ctx, ObjectModel o, ObjectModel u)
        {
            CompareRequired(ctx, o, u);
            CompareProperties(ctx, o, u);
            CompareDependencies(ctx, o, u);
            CompareAdditionalProperties(ctx, o, u);
            CompareUnevaluatedProperties(ctx, o, u);
            KeywordBound.Compare(ctx, "maxProperties", o, u, o.MaxProperties, u.MaxProperties,
                JsonSchemaChangeKind.MaxPropertiesAdded, JsonSchemaChangeKind.MaxPropertiesRemoved, JsonSchemaChangeKind.MaxPropertiesIncreased, JsonSchemaChangeKind.MaxPropertiesDecreased);
            KeywordBound.Compare(ctx, "minProperties", o, u, o.MinProperties, u.MinProperties,
                JsonSchemaChangeKind.MinPropertiesAdded, JsonSchemaChangeKind.MinPropertiesRemoved, JsonSchemaChangeKind.MinPropertiesIncreased, JsonSchemaChangeKind.MinPropertiesDecreased);
        }

        private static void CompareRequired(DiffContext ctx, ObjectModel o, ObjectModel u)
        {
            ctx.Push("required");
            foreach (var property in o.Properties)
            {
                if (!u.PropertyIndex.TryGetValue(property.Name, out var updated)) continue;
                var wasRequired = o.Required.TryGetValue(property.Name, out var originalMention);
                var isRequired = u.Required.TryGetValue(property.Name, out var updateMention);
                if (wasRequired && !isRequired)
                {
                    ctx.Add(property.Name, JsonSchemaChangeKind.RequiredAttributeRemoved, originalMention!, u.RequiredNode ?? updated.Member.Value, property.Name);
                }
                else if (!wasRequired && isRequired)
                {
                    var kind = updated.Schema.HasDefault ? JsonSchemaChangeKind.RequiredAttributeWithDefaultAdded : JsonSchemaChangeKind.RequiredAttributeAdded;
                    ctx.Add(property.Name, kind, o.RequiredNode ?? property.Member.Value, updateMention!, property.Name);
                }
            }
            ctx.Pop();
        }

        private static void CompareProperties(DiffContext ctx, ObjectModel o, ObjectModel u)
        {
            ctx.Push("properties");
            foreach (var property in o.Properties)
            {
                ctx.Push(property.Name);
                if (u.PropertyIndex.TryGetValue(property.Name, out var updated))
                {
                    SchemaDiffer.Compare(ctx, property.Schema, updated.Schema, property.Member.Value, updated.Member.Value);
                }
                else
                {
                    PropertyRemoved(ctx, property, u);
                }
                ctx.Pop();
            }
            foreach (var property in u.Properties)
            {
                if (o.PropertyIndex.ContainsKey(property.Name)) continue;
                ctx.Push(property.Name);
                PropertyAdded(ctx, o, property, u);
                ctx.Pop();
            }
            ctx.Pop();
        }

        // Only the update's content model matters: a property may disappear if the update still accepts it.
        private static void PropertyRemoved(DiffContext ctx, PropertyEntry removed, ObjectModel u)
        {
            var originalNode = removed.Member.Value;
            var updateNode = u.PropertiesNode ?? u.Node;
            if (IsOpenContentModel(u))
            {
                ctx.Add(JsonSchemaChangeKind.PropertyRemovedFromOpenContentModel, originalNode, updateNode, removed.Name);
                return;
            }
            var partial = SchemaFromPartiallyOpenContentModel(u, removed.Name, out var partialNode);
            if (partial is not null)
            {
                var sub = ctx.Sub();
                SchemaDiffer.Compare(sub, removed.Schema, partial, originalNode, partialNode!);
                ctx.AddRange(sub.Changes);
                var kind = sub.IsCompatible
                    ? JsonSchemaChangeKind.PropertyRemovedIsCoveredByPartiallyOpenContentModel
                    : JsonSchemaChangeKind.PropertyRemovedNotCoveredByPartiallyOpenContentModel;
                ctx.Add(kind, originalNode, partialNode!, removed.Name);
                return;
            }
            var falseSchema = removed.Schema.Kind == SchemaKind.False;
            ctx.Add(
                falseSchema ? JsonSchemaChangeKind.PropertyWithFalseRemovedFromClosedContentModel : JsonSchemaChangeKind.PropertyRemovedFromClosedContentModel,
                originalNode, u.AdditionalPropertiesNode ?? updateNode, removed.Name);
        }

        // Only the original's content model matters: a property may appear if the original never let other values in under its name.
        private static void PropertyAdded(DiffContext ctx, ObjectModel o, PropertyEntry added, ObjectModel u)
        {
            var originalNode = o.PropertiesNode ?? o.Node;
            var updateNode = added.Member.Value;
            var required = u.Required.ContainsKey(added.Name);
            if (IsOpenContentModel(o))
            {
                JsonSchemaChangeKind openKind;
                if (added.Schema.Kind == SchemaKind.Empty) openKind = JsonSchemaChangeKind.PropertyWithEmptySchemaAddedToOpenContentModel;
                else if (!required) openKind = JsonSchemaChangeKind.OptionalPropertyAddedToOpenContentModel;
                else if (added.Schema.HasDefault) openKind = JsonSchemaChangeKind.RequiredPropertyWithDefaultAddedToOpenContentModel;
                else openKind = JsonSchemaChangeKind.RequiredPropertyAddedToOpenContentModel;
                ctx.Add(openKind, originalNode, updateNode, added.Name);
                return;
            }
            var partial = SchemaFromPartiallyOpenContentModel(o, added.Name, out var partialNode);
            if (partial is not null)
            {
                var sub = ctx.Sub();
                SchemaDiffer.Compare(sub, partial, added.Schema, partialNode!, updateNode);
                ctx.AddRange(sub.Changes);
                var kind = sub.IsCompatible
                    ? JsonSchemaChangeKind.PropertyAddedIsCoveredByPartiallyOpenContentModel
                    : JsonSchemaChangeKind.PropertyAddedNotCoveredByPartiallyOpenContentModel;
                ctx.Add(kind, partialNode!, updateNode, added.Name);
            }
            JsonSchemaChangeKind unopenKind;
            if (!required) unopenKind = JsonSchemaChangeKind.OptionalPropertyAddedToUnopenContentModel;
            else if (added.Schema.HasDefault) unopenKind = JsonSchemaChangeKind.RequiredPropertyWithDefaultAddedToUnopenContentModel;
            else unopenKind = JsonSchemaChangeKind.RequiredPropertyAddedToUnopenContentModel;
            ctx.Add(unopenKind, originalNode, required ? u.Required[added.Name] : updateNode, added.Name);
        }

        private static void CompareDependencies(DiffContext ctx, ObjectModel o, ObjectModel u)
        {
            ctx.Push("dependencies");
            var originalNode = o.DependenciesNode ?? o.Node;
            var updateNode = u.DependenciesNode ?? u.Node;

            var originalArrays = ToDictionary(o.PropertyDependencies);
            var updateArrays = ToDictionary(u.PropertyDependencies);
            foreach (var pair in originalArrays)
            {
                ctx.Push(pair.Key);
                if (!updateArrays.TryGetValue(pair.Key, out var updated))
                {
                    ctx.Add(JsonSchemaChangeKind.DependencyArrayRemoved, pair.Value, updateNode, pair.Key);
                }
                else
                {
                    var before = Names(pair.Value);
                    var after = Names(updated);
                    if (!before.SetEquals(after))
                    {
                        JsonSchemaChangeKind kind;
                        if (after.IsSupersetOf(before)) kind = JsonSchemaChangeKind.DependencyArrayExtended;
                        else if (before.IsSupersetOf(after)) kind = JsonSchemaChangeKind.DependencyArrayNarrowed;
                        else kind = JsonSchemaChangeKind.DependencyArrayChanged;
                        ctx.Add(kind, pair.Value, updated, pair.Key);
                    }
                }
                ctx.Pop();
            }
            foreach (var pair in updateArrays)
            {
                if (!originalArrays.ContainsKey(pair.Key)) ctx.Add(pair.Key, JsonSchemaChangeKind.DependencyArrayAdded, originalNode, pair.Value, pair.Key);
            }

            var originalSchemas = ToDictionary(o.SchemaDependencies);
            var updateSchemas = ToDictionary(u.SchemaDependencies);
            foreach (var pair in originalSchemas)
            {
                ctx.Push(pair.Key);
                if (!updateSchemas.TryGetValue(pair.Key, out var updated))
                {
                    ctx.Add(JsonSchemaChangeKind.DependencySchemaRemoved, pair.Value.Node, updateNode, pair.Key);
                }
                else
                {
                    SchemaDiffer.Compare(ctx, pair.Value, updated, originalNode, updateNode);
                }
                ctx.Pop();
            }
            foreach (var pair in updateSchemas)
            {
                if (!originalSchemas.ContainsKey(pair.Key)) ctx.Add(pair.Key, JsonSchemaChangeKind.DependencySchemaAdded, originalNode, pair.Value.Node, pair.Key);
            }
            ctx.Pop();
        }

        private static void CompareAdditionalProperties(DiffContext ctx, ObjectModel o, ObjectModel u)
        {
            ctx.Push("additionalProperties");
            var originalNode = o.AdditionalPropertiesNode ?? o.Node;
            var updateNode = u.AdditionalPropertiesNode ?? u.Node;
            if (o.PermitsAdditionalProperties != u.PermitsAdditionalProperties)
            {
                ctx.Add(u.PermitsAdditionalProperties ? JsonSchemaChangeKind.AdditionalPropertiesAdded : JsonSchemaChangeKind.AdditionalPropertiesRemoved, originalNode, updateNode);
            }
            else if (o.AdditionalPropertiesSchema is null && u.AdditionalPropertiesSchema is not null)
            {
                ctx.Add(JsonSchemaChangeKind.AdditionalPropertiesNarrowed, originalNode, updateNode);
            }
            else if (u.AdditionalPropertiesSchema is null && o.AdditionalPropertiesSchema is not null)
            {
                ctx.Add(JsonSchemaChangeKind.AdditionalPropertiesExtended, originalNode, updateNode);
            }
            else
            {
                SchemaDiffer.Compare(ctx, o.AdditionalPropertiesSchema, u.AdditionalPropertiesSchema, originalNode, updateNode);
            }
            ctx.Pop();
        }

        private static void CompareUnevaluatedProperties(DiffContext ctx, ObjectModel o, ObjectModel u)
        {
            var before = o.UnevaluatedProperties;
            var after = u.UnevaluatedProperties;
            if (before is null && after is null) return;
            ctx.Push("unevaluatedProperties");
            var originalNode = before?.Node ?? o.Node;
            var updateNode = after?.Node ?? u.Node;
            var kind = UnevaluatedChange(before, after,
                JsonSchemaChangeKind.UnevaluatedPropertiesAdded, JsonSchemaChangeKind.UnevaluatedPropertiesRemoved,
                JsonSchemaChangeKind.UnevaluatedPropertiesExtended, JsonSchemaChangeKind.UnevaluatedPropertiesNarrowed);
            if (kind is { } k) ctx.Add(k, originalNode, updateNode);
            else SchemaDiffer.Compare(ctx, before, after, originalNode, updateNode);
            ctx.Pop();
        }

        /// <summary>Shared with arrays: how an <c>unevaluated*</c> keyword moved between absent, false, true/{} and a schema.</summary>
        internal static JsonSchemaChangeKind? UnevaluatedChange(SchemaModel? before, SchemaModel? after,
            JsonSchemaChangeKind added, JsonSchemaChangeKind removed, JsonSchemaChangeKind extended, JsonSchemaChangeKind narrowed)
        {
            if (before is null) return after!.Kind == SchemaKind.False ? removed : narrowed;
            if (after is null) return before.Kind == SchemaKind.False ? added : extended;
            if (before.Kind == SchemaKind.False && after.Kind != SchemaKind.False) return added;
            if (before.Kind != SchemaKind.False && after.Kind == SchemaKind.False) return removed;
            if (before.Kind == SchemaKind.Empty && after.Kind != SchemaKind.Empty) return narrowed;
            if (before.Kind != SchemaKind.Empty && after.Kind == SchemaKind.Empty) return extended;
            return null;
        }

        internal static bool IsOpenContentModel(ObjectModel model)
        {
            if (!model.PermitsAdditionalProperties || model.AdditionalPropertiesSchema is not null) return false;
            if (model.PatternProperties.Count > 0) return false;
            return model.UnevaluatedProperties is null || model.UnevaluatedProperties.Kind == SchemaKind.Empty;
        }

        private static SchemaModel? SchemaFromPartiallyOpenContentModel(ObjectModel model, string name, out JsonNode? node)
        {
            foreach (var pattern in model.PatternProperties)
            {
                if (Matches(pattern.Regex, name))
                {
                    node = pattern.Schema.Node;
                    return pattern.Schema;
                }
            }
            if (model.AdditionalPropertiesSchema is not null)
            {
                node = model.AdditionalPropertiesSchema.Node;
                return model.AdditionalPropertiesSchema;
            }
            var unevaluated = model.UnevaluatedProperties;
            if (model.PermitsAdditionalProperties && unevaluated is not null && unevaluated.Kind != SchemaKind.False && unevaluated.Kind != SchemaKind.Empty)
            {
                node = unevaluated.Node;
                return unevaluated;
            }
            node = null;
            return null;
        }

        private static bool Matches(Regex? regex, string name)
        {
            if (regex is null) return false;
            try
            {
                return regex.IsMatch(name);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        // Dictionary enumerates in insertion order as long as nothing is removed, which keeps changes in document order.
        private static Dictionary<string, T> ToDictionary<T>(List<KeyValuePair<string, T>> pairs)
        {
            var result = new Dictionary<string, T>();
            foreach (var pair in pairs)
            {
                if (!result.ContainsKey(pair.Key)) result.Add(pair.Key, pair.Value);
            }
            return result;
        }

        private static HashSet<string> Names(JsonNode array)
        {
            var names = new HashSet<string>();
            foreach (var item in array.Items)
            {
                if (item.IsString) names.Add(item.Text!);
            }
            return names;
        }
    }
}
