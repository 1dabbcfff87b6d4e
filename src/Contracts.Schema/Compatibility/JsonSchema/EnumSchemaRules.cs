using System.Collections.Generic;
using Contracts.Schema.Json;

namespace Contracts.Schema.Compatibility.JsonSchema
{
    /// <summary><c>enum</c> (compared as sets of JSON values) and <c>const</c>.</summary>
    internal static class EnumSchemaRules
    {
        public static void CompareEnum(DiffContext ctx, EnumModel o, EnumModel u)
        {
            var originalValues = o.ValuesNode.Items;
            var updateValues = u.ValuesNode.Items;
            var updateHasAll = ContainsAll(updateValues, originalValues, out var firstMissing);
            var originalHasAll = ContainsAll(originalValues, updateValues, out _);
            if (updateHasAll && originalHasAll) return;
            if (updateHasAll)
            {
                ctx.Add("enum", JsonSchemaChangeKind.EnumArrayExtended, o.ValuesNode, u.ValuesNode);
            }
            else
            {
                var kind = originalHasAll ? JsonSchemaChangeKind.EnumArrayNarrowed : JsonSchemaChangeKind.EnumArrayChanged;
                ctx.Add("enum", kind, firstMissing ?? o.ValuesNode, u.ValuesNode, firstMissing is null ? null : ValueText(firstMissing));
            }
        }

        public static void CompareConst(DiffContext ctx, ConstModel o, ConstModel u)
        {
            if (!JsonNode.DeepEquals(o.Value, u.Value))
            {
                ctx.Add("const", JsonSchemaChangeKind.EnumArrayChanged, o.Value, u.Value, ValueText(o.Value));
            }
        }

        /// <summary>A string value without quotes, anything else as short JSON.</summary>
        private static string ValueText(JsonNode value) => value.IsString ? value.Text! : value.ToShortJson(60);

        private static bool ContainsAll(IReadOnlyList<JsonNode> container, IReadOnlyList<JsonNode> values, out JsonNode? firstMissing)
        {
            // Enums are short in practice; bucket by canonical text when they are not.
            if (container.Count * values.Count > 4096)
            {
                var keys = new HashSet<string>();
                foreach (var item in container) keys.Add(CanonicalJson.Write(item));
                foreach (var value in values)
                {
                    if (!keys.Contains(CanonicalJson.Write(value)))
                    {
                        firstMissing = value;
                        return false;
                    }
                }
                firstMissing = null;
                return true;
            }
            foreach (var value in values)
            {
                var found = false;
                foreach (var item in container)
                {
                    if (JsonNode.DeepEquals(item, value))
                    {
                        found = true;
                        break;
                    }
                }
                if (!found)
                {
                    firstMissing = value;
                    return false;
                }
            }
            firstMissing = null;
            return true;
        }
    }
}
