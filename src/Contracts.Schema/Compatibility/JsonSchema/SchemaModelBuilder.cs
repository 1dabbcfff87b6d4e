using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary>
    /// Turns schema JSON into <see cref="SchemaModel"/>s the way Confluent's loaders shape them:
    /// draft 4/6/7 as the Everit loader does (a <c>$ref</c> hides its siblings; keywords grouped by
    /// instance type), 2019-09/2020-12 as Confluent's translator does (<c>$ref</c> is one part among
    /// others, <c>prefixItems</c>, <c>unevaluated*</c>, <c>dependent*</c>). One model per node, built once.
    /// </summary>
    internal sealed class SchemaModelBuilder
    {
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

        private static readonly string[] LegacyArrayKeywords = { "items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains" };
        private static readonly string[] LegacyObjectKeywords = { "properties", "required", "minProperties", "maxProperties", "dependencies", "patternProperties", "additionalProperties", "propertyNames" };
        private static readonly string[] ModernArrayKeywords = { "prefixItems", "items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "unevaluatedItems" };
        private static readonly string[] ModernObjectKeywords = { "required", "minProperties", "maxProperties", "dependencies", "dependentRequired", "dependentSchemas", "additionalProperties", "propertyNames", "unevaluatedProperties" };
        private static readonly string[] NumberKeywords = { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" };
        private static readonly string[] LegacyStringKeywords = { "minLength", "maxLength", "pattern", "format" };
        private static readonly string[] ModernStringKeywords = { "minLength", "maxLength", "pattern" };

        private readonly Dictionary<JsonNode, SchemaModel> _models = new Dictionary<JsonNode, SchemaModel>();
        private readonly Dictionary<ReferenceModel, SchemaModel> _cycles = new Dictionary<ReferenceModel, SchemaModel>();
        private readonly ReferenceResolver _resolver;

        public SchemaModelBuilder(ReferenceResolver resolver)
        {
            _resolver = resolver;
        }

        public SchemaModel Build(JsonNode node, SchemaDocument document)
        {
            if (_models.TryGetValue(node, out var existing)) return existing;
            SchemaModel model = node.Kind switch
            {
                JsonNodeKind.True => new LeafModel(SchemaKind.Empty, node, document, isTrue: true),
                JsonNodeKind.False => new LeafModel(SchemaKind.False, node, document),
                JsonNodeKind.Object => BuildObjectSchema(node, document),
                // Not a schema; Confluent would refuse it. Reading it as "anything" keeps the comparison going.
                _ => new LeafModel(SchemaKind.Empty, node, document),
            };
            _models[node] = model;
            return model;
        }

        /// <summary>Follows <c>$ref</c>s to the schema they name; a pure <c>$ref</c> cycle reads as the empty schema.</summary>
        public SchemaModel Normalize(SchemaModel model)
        {
            if (model is not ReferenceModel) return model;
            HashSet<ReferenceModel>? seen = null;
            var current = model;
            while (current is ReferenceModel reference)
            {
                if (!(seen ??= new HashSet<ReferenceModel>()).Add(reference)) return CycleModel(reference);
                Resolve(reference);
                if (reference.Target is null) return reference;
                current = reference.Target;
            }
            return current;
        }

        // One model per cycle entry point, so memoized pairs keep their identity.
        private SchemaModel CycleModel(ReferenceModel reference)
        {
            if (!_cycles.TryGetValue(reference, out var model))
            {
                model = new LeafModel(SchemaKind.Empty, reference.Node, reference.Document, isTrue: true);
                _cycles.Add(reference, model);
            }
            return model;
        }

        private void Resolve(ReferenceModel reference)
        {
            if (reference.IsResolved) return;
            reference.IsResolved = true;
            if (_resolver.TryResolve(reference, out var target, out var document, out var error))
            {
                reference.Target = Build(target, document);
            }
            else
            {
                reference.Error = error;
            }
        }

        private SchemaModel BuildObjectSchema(JsonNode o, SchemaDocument document)
        {
            var dialect = document.Dialect;
            var modern = dialect == SchemaDialect.Modern;
            var parts = new List<SchemaModel>(2);

            var refNode = o.Get("$ref");
            var hasRef = refNode is { IsString: true };
            if (hasRef) parts.Add(new ReferenceModel(o, document, refNode!));

            // Draft 4-7: a $ref replaces the whole schema (its siblings are not evaluated).
            if (!hasRef || modern)
            {
                AddKeywordParts(o, document, parts);
            }

            SchemaModel effective;
            if (parts.Count == 0)
            {
                effective = new LeafModel(SchemaKind.Empty, o, document);
            }
            else if (parts.Count == 1)
            {
                effective = parts[0];
            }
            else
            {
                effective = new CombinedModel(o, document, CombinedCriterion.AllOf, parts, "implicit-allOf") { IsImplicit = true };
            }

            if (!modern) effective.Id = o.GetString(document.IdKeyword);
            effective.Title = o.GetString("title");
            effective.Description = o.GetString("description");
            effective.Default = o.Get("default");
            effective.ConnectType = o.GetString("connect.type");
            return effective;
        }

        private void AddKeywordParts(JsonNode o, SchemaDocument document, List<SchemaModel> parts)
        {
            var dialect = document.Dialect;
            var modern = dialect == SchemaDialect.Modern;

            var enumNode = o.Get("enum");
            if (enumNode is { IsArray: true }) parts.Add(new EnumModel(o, document, enumNode));

            AddCombined(o, document, "allOf", CombinedCriterion.AllOf, parts);
            AddCombined(o, document, "anyOf", CombinedCriterion.AnyOf, parts);
            AddCombined(o, document, "oneOf", CombinedCriterion.OneOf, parts);

            var notNode = o.Get("not");
            if (notNode is { IsObject: true } or { IsBoolean: true }) parts.Add(new NotModel(o, document, Build(notNode, document)));

            var constNode = o.Get("const");
            if (constNode is not null && dialect != SchemaDialect.Draft4) parts.Add(new ConstModel(o, document, constNode));

            bool hasString = false, hasNumber = false, hasObject = false, hasArray = false;
            var typeNode = o.Get("type");
            if (typeNode is { IsString: true })
            {
                var part = BuildTyped(typeNode.Text!, o, document, ref hasString, ref hasNumber, ref hasObject, ref hasArray);
                if (part is not null) parts.Add(part);
            }
            else if (typeNode is { IsArray: true })
            {
                var alternatives = new List<SchemaModel>(typeNode.Items.Count);
                foreach (var item in typeNode.Items)
                {
                    if (!item.IsString) continue;
                    var part = BuildTyped(item.Text!, o, document, ref hasString, ref hasNumber, ref hasObject, ref hasArray);
                    if (part is not null) alternatives.Add(part);
                }
                parts.Add(new CombinedModel(o, document, CombinedCriterion.AnyOf, alternatives, "type-anyOf") { KeywordNode = typeNode });
            }

            // Keywords of a type the `type` keyword did not name still constrain that type.
            if (!hasArray && HasAny(o, modern ? ModernArrayKeywords : LegacyArrayKeywords)) parts.Add(BuildArray(o, document));
            if (!hasObject && HasObjectKeywords(o, modern)) parts.Add(BuildObject(o, document));
            if (!hasNumber && HasAny(o, NumberKeywords)) parts.Add(BuildNumber(o, document, requiresInteger: false));
            if (!hasString && HasAny(o, modern ? ModernStringKeywords : LegacyStringKeywords)) parts.Add(BuildString(o, document));
            if (dialect != SchemaDialect.Draft4 && (o.Get("if") is not null || o.Get("then") is not null || o.Get("else") is not null))
            {
                parts.Add(new LeafModel(SchemaKind.Conditional, o, document));
            }
        }

        private SchemaModel? BuildTyped(string type, JsonNode o, SchemaDocument document, ref bool hasString, ref bool hasNumber, ref bool hasObject, ref bool hasArray)
        {
            switch (type)
            {
                case "string":
                    hasString = true;
                    return BuildString(o, document);
                case "integer":
                    hasNumber = true;
                    return BuildNumber(o, document, requiresInteger: true);
                case "number":
                    hasNumber = true;
                    return BuildNumber(o, document, requiresInteger: false);
                case "boolean":
                    return new LeafModel(SchemaKind.Boolean, o, document);
                case "null":
                    return new LeafModel(SchemaKind.Null, o, document);
                case "array":
                    hasArray = true;
                    return BuildArray(o, document);
                case "object":
                    hasObject = true;
                    return BuildObject(o, document);
                default:
                    return null;
            }
        }

        private void AddCombined(JsonNode o, SchemaDocument document, string keyword, CombinedCriterion criterion, List<SchemaModel> parts)
        {
            var node = o.Get(keyword);
            if (node is not { IsArray: true }) return;
            var subschemas = new List<SchemaModel>(node.Items.Count);
            foreach (var item in node.Items)
            {
                var sub = Build(item, document);
                // Confluent's 2020-12 translator splices an implicit allOf into an enclosing allOf.
                if (criterion == CombinedCriterion.AllOf && document.Dialect == SchemaDialect.Modern && sub is CombinedModel { IsImplicit: true } implicitAll)
                {
                    subschemas.AddRange(implicitAll.Subschemas);
                }
                else
                {
                    subschemas.Add(sub);
                }
            }
            parts.Add(new CombinedModel(o, document, criterion, subschemas, keyword) { KeywordNode = node });
        }

        private static bool HasAny(JsonNode o, string[] keywords)
        {
            foreach (var keyword in keywords)
            {
                if (o.Get(keyword) is not null) return true;
            }
            return false;
        }

        private static bool HasObjectKeywords(JsonNode o, bool modern)
        {
            if (!modern) return HasAny(o, LegacyObjectKeywords);
            // The 2020-12 translator makes an object part per declared property, so an empty
            // `properties` (or `patternProperties`) object contributes nothing.
            if (o.Get("properties") is { Members.Count: > 0 }) return true;
            if (o.Get("patternProperties") is { Members.Count: > 0 }) return true;
            return HasAny(o, ModernObjectKeywords);
        }

        private static StringModel BuildString(JsonNode o, SchemaDocument document)
        {
            return new StringModel(o, document)
            {
                MinLength = NumberOrNull(o.Get("minLength")),
                MaxLength = NumberOrNull(o.Get("maxLength")),
                Pattern = o.Get("pattern") is { IsString: true } pattern ? pattern : null,
            };
        }

        private static NumberModel BuildNumber(JsonNode o, SchemaDocument document, bool requiresInteger)
        {
            var model = new NumberModel(o, document, requiresInteger)
            {
                Minimum = NumberOrNull(o.Get("minimum")),
                Maximum = NumberOrNull(o.Get("maximum")),
                MultipleOf = NumberOrNull(o.Get("multipleOf")),
            };
            // Draft 4's boolean exclusiveMinimum/Maximum only modify minimum/maximum; Confluent does not compare them.
            if (document.Dialect != SchemaDialect.Draft4)
            {
                model.ExclusiveMinimum = NumberOrNull(o.Get("exclusiveMinimum"));
                model.ExclusiveMaximum = NumberOrNull(o.Get("exclusiveMaximum"));
            }
            return model;
        }

        private ArrayModel BuildArray(JsonNode o, SchemaDocument document)
        {
            var modern = document.Dialect == SchemaDialect.Modern;
            var model = new ArrayModel(o, document)
            {
                MinItems = NumberOrNull(o.Get("minItems")),
                MaxItems = NumberOrNull(o.Get("maxItems")),
                UniqueItems = o.Get("uniqueItems") is { Kind: JsonNodeKind.True },
                MaxContains = NumberOrNull(o.Get("maxContains")),
                MinContains = NumberOrNull(o.Get("minContains")),
            };

            var items = o.Get("items");
            var prefixItems = modern ? o.Get("prefixItems") : null;
            if (prefixItems is { IsArray: true })
            {
                model.ItemSchemasNode = prefixItems;
                foreach (var item in prefixItems.Items) model.ItemSchemas.Add(Build(item, document));
            }

            if (items is { IsArray: true })
            {
                model.ItemSchemasNode = items;
                foreach (var item in items.Items) model.ItemSchemas.Add(Build(item, document));
            }
            else if (items is not null && (items.IsObject || items.IsBoolean))
            {
                if (!modern)
                {
                    model.AllItems = Build(items, document);
                }
                else if (items.Kind == JsonNodeKind.False)
                {
                    model.PermitsAdditionalItems = false;
                    model.AdditionalItemsNode = items;
                }
                else if (items.Kind != JsonNodeKind.True)
                {
                    // 2020-12: `items` after `prefixItems` is the schema of the remaining items.
                    if (model.ItemSchemas.Count == 0)
                    {
                        model.AllItems = Build(items, document);
                    }
                    else
                    {
                        model.AdditionalItemsSchema = Build(items, document);
                        model.AdditionalItemsNode = items;
                    }
                }
                else
                {
                    model.AdditionalItemsNode = items;
                }
            }

            var additionalItems = o.Get("additionalItems");
            if (additionalItems is not null && (!modern || items is { IsArray: true }))
            {
                model.AdditionalItemsNode = additionalItems;
                if (additionalItems.IsBoolean) model.PermitsAdditionalItems = additionalItems.Kind == JsonNodeKind.True;
                else if (additionalItems.IsObject) model.AdditionalItemsSchema = Build(additionalItems, document);
            }

            if (modern)
            {
                var unevaluated = o.Get("unevaluatedItems");
                if (unevaluated is not null && (unevaluated.IsObject || unevaluated.IsBoolean)) model.UnevaluatedItems = Build(unevaluated, document);
                if (o.Get("contains") is not null)
                {
                    model.MinContainsDefaultsToOne = model.MinContains is null;
                }
                else
                {
                    model.MinContains = null;
                    model.MaxContains = null;
                }
            }
            return model;
        }

        private ObjectModel BuildObject(JsonNode o, SchemaDocument document)
        {
            var modern = document.Dialect == SchemaDialect.Modern;
            var model = new ObjectModel(o, document)
            {
                MinProperties = NumberOrNull(o.Get("minProperties")),
                MaxProperties = NumberOrNull(o.Get("maxProperties")),
            };

            var properties = o.Get("properties");
            if (properties is { IsObject: true })
            {
                model.PropertiesNode = properties;
                foreach (var member in properties.Members)
                {
                    if (model.PropertyIndex.ContainsKey(member.Name)) continue;
                    if (!modern && member.Name == document.IdKeyword && !member.Value.IsObject) continue;
                    var entry = new PropertyEntry(member, Build(member.Value, document));
                    model.Properties.Add(entry);
                    model.PropertyIndex.Add(member.Name, entry);
                }
            }

            var required = o.Get("required");
            if (required is { IsArray: true })
            {
                model.RequiredNode = required;
                foreach (var item in required.Items)
                {
                    if (item.IsString && !model.Required.ContainsKey(item.Text!)) model.Required.Add(item.Text!, item);
                }
            }

            var additional = o.Get("additionalProperties");
            if (additional is not null)
            {
                model.AdditionalPropertiesNode = additional;
                if (additional.IsBoolean) model.PermitsAdditionalProperties = additional.Kind == JsonNodeKind.True;
                else if (additional.IsObject) model.AdditionalPropertiesSchema = Build(additional, document);
            }

            var patterns = o.Get("patternProperties");
            if (patterns is { IsObject: true })
            {
                foreach (var member in patterns.Members)
                {
                    model.PatternProperties.Add(new PatternEntry(member.Name, CreateRegex(member.Name), Build(member.Value, document)));
                }
            }

            AddDependencies(model, o.Get("dependencies"), document);
            if (modern)
            {
                AddDependencies(model, o.Get("dependentRequired"), document);
                AddDependencies(model, o.Get("dependentSchemas"), document);
                var unevaluated = o.Get("unevaluatedProperties");
                if (unevaluated is not null && (unevaluated.IsObject || unevaluated.IsBoolean)) model.UnevaluatedProperties = Build(unevaluated, document);
            }
            return model;
        }

        private void AddDependencies(ObjectModel model, JsonNode? dependencies, SchemaDocument document)
        {
            if (dependencies is not { IsObject: true }) return;
            model.DependenciesNode ??= dependencies;
            foreach (var member in dependencies.Members)
            {
                if (member.Value.IsArray) model.PropertyDependencies.Add(new KeyValuePair<string, JsonNode>(member.Name, member.Value));
                else if (member.Value.IsObject || member.Value.IsBoolean) model.SchemaDependencies.Add(new KeyValuePair<string, SchemaModel>(member.Name, Build(member.Value, document)));
            }
        }

        private static Regex? CreateRegex(string pattern)
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static JsonNode? NumberOrNull(JsonNode? node) => node is { Kind: JsonNodeKind.Number } ? node : null;
    }
}
