using System;
using System.Diagnostics;
using System.Threading;
using System.Linq;
using System.Text;
using Contracts.Schema.Compatibility.JsonSchema;
using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Tests.Compatibility.JsonSchema
{
    /// <summary>Hostile or huge schemas must terminate quickly and never overflow the stack.</summary>
    public sealed class AdversarialInputTests
    {
        [Fact]
        public void ten_thousand_properties_compare_in_linear_time()
        {
            var original = WideObject(10_000, extra: null, lastType: "string");
            var update = WideObject(10_000, extra: "added", lastType: "number");

            var stopwatch = Stopwatch.StartNew();
            var changes = new SchemaPair(original, update).Diff();
            stopwatch.Stop();

            Assert.Equal(new[] { "TypeChanged", "OptionalPropertyAddedToOpenContentModel" }, changes.Select(c => c.Kind.ToString()).ToArray());
            Assert.Equal("#/properties/p9999", changes[0].Path);
            Assert.True(stopwatch.ElapsedMilliseconds < 5_000, $"took {stopwatch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void deeply_nested_schemas_compare_without_overflow()
        {
            var original = Nest(250, "{\"type\":\"integer\"}");
            var update = Nest(250, "{\"type\":\"number\"}");
            // 250 nested `not`s: an odd count flips the direction of the innermost comparison.
            var changes = new SchemaPair(original, update).Diff();
            Assert.Single(changes);
        }

        [Fact]
        public void a_long_chain_of_distinct_refs_stops_at_the_depth_limit()
        {
            var chain = RefChain(3_000);
            var issues = new SchemaPair(chain, chain).Issues();
            // The engine cannot vouch for what it did not compare, and says so instead of overflowing.
            Assert.Contains(issues, i => i.RuleId == DiagnosticCatalog.JsonSchemaComparisonTooDeep);
            Assert.True(issues.Count <= 2, string.Join(" | ", issues));
        }

        [Fact]
        public void mutually_recursive_definitions_are_compared_once_per_pair()
        {
            var schema = MutuallyRecursive(40, "string");
            var changed = MutuallyRecursive(40, "number");

            var stopwatch = Stopwatch.StartNew();
            Assert.Empty(new SchemaPair(schema, schema).Diff());
            Assert.False(new SchemaPair(schema, changed).IsCompatible());
            stopwatch.Stop();
            Assert.True(stopwatch.ElapsedMilliseconds < 10_000, $"took {stopwatch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void wide_unions_terminate()
        {
            var alternatives = string.Join(",", Enumerable.Range(0, 150).Select(i => "{\"const\":" + i + "}"));
            var schema = "{\"anyOf\":[" + alternatives + "]}";
            var stopwatch = Stopwatch.StartNew();
            Assert.Empty(new SchemaPair(schema, schema).Diff());
            Assert.True(stopwatch.ElapsedMilliseconds < 10_000, $"took {stopwatch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void a_catastrophic_pattern_property_regex_times_out_instead_of_hanging()
        {
            var name = new string('a', 40) + "!";
            var pair = new SchemaPair(
                "{\"properties\":{\"" + name + "\":{\"type\":\"string\"}},\"additionalProperties\":false}",
                "{\"patternProperties\":{\"^(a+)+$\":{\"type\":\"string\"}},\"additionalProperties\":false}");
            var stopwatch = Stopwatch.StartNew();
            Assert.False(pair.IsCompatible());
            Assert.True(stopwatch.ElapsedMilliseconds < 10_000, $"took {stopwatch.ElapsedMilliseconds} ms");
        }

        [Fact]
        public void hostile_input_is_safe_on_a_one_megabyte_stack_like_a_compiler_thread()
        {
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    var chain = RefChain(3_000);
                    Assert.Contains(new SchemaPair(chain, chain).Issues(), i => i.RuleId == DiagnosticCatalog.JsonSchemaComparisonTooDeep);
                    var nested = Nest(250, "{\"type\":\"string\",\"properties\":{}}");
                    new SchemaPair(nested, Nest(250, "{\"type\":\"number\"}")).Diff();
                    // 190 levels of two-part schemas (380 nested pairs) still compare fully on this stack.
                    var implicitParts = ImplicitNest(190);
                    Assert.All(new SchemaPair(implicitParts, implicitParts).Diff(), c => Assert.True(c.IsCompatible, c.ToString()));
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, 1024 * 1024);
            thread.Start();
            thread.Join();
            Assert.Null(failure);
        }

        // Each level is an implicit allOf (string and object keywords) holding the next level in `not`.
        private static string ImplicitNest(int depth)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < depth; i++) builder.Append("{\"maxLength\":3,\"minProperties\":1,\"not\":");
            builder.Append("{}");
            for (var i = 0; i < depth; i++) builder.Append('}');
            return builder.ToString();
        }

        private static string WideObject(int count, string? extra, string lastType)
        {
            var builder = new StringBuilder("{\"type\":\"object\",\"properties\":{");
            for (var i = 0; i < count; i++)
            {
                if (i > 0) builder.Append(',');
                builder.Append("\"p").Append(i).Append("\":{\"type\":\"").Append(i == count - 1 ? lastType : "string").Append("\"}");
            }
            if (extra is not null) builder.Append(",\"").Append(extra).Append("\":{\"type\":\"string\"}");
            return builder.Append("}}").ToString();
        }

        private static string Nest(int depth, string inner)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < depth; i++) builder.Append("{\"not\":");
            builder.Append(inner);
            for (var i = 0; i < depth; i++) builder.Append('}');
            return builder.ToString();
        }

        private static string RefChain(int length)
        {
            var builder = new StringBuilder("{\"$ref\":\"#/definitions/d0\",\"definitions\":{");
            for (var i = 0; i < length; i++)
            {
                if (i > 0) builder.Append(',');
                builder.Append("\"d").Append(i).Append("\":{\"anyOf\":[{\"type\":\"null\"},{\"properties\":{\"next\":");
                builder.Append(i == length - 1 ? "{\"type\":\"string\"}" : "{\"$ref\":\"#/definitions/d" + (i + 1) + "\"}");
                builder.Append("}}]}");
            }
            return builder.Append("}}").ToString();
        }

        private static string MutuallyRecursive(int count, string leafType)
        {
            var builder = new StringBuilder("{\"$ref\":\"#/definitions/d0\",\"definitions\":{");
            for (var i = 0; i < count; i++)
            {
                if (i > 0) builder.Append(',');
                builder.Append("\"d").Append(i).Append("\":{\"type\":\"object\",\"properties\":{\"leaf\":{\"type\":\"").Append(leafType).Append("\"}");
                for (var j = 0; j < count; j++) builder.Append(",\"r").Append(j).Append("\":{\"$ref\":\"#/definitions/d").Append(j).Append("\"}");
                builder.Append("}}");
            }
            return builder.Append("}}").ToString();
        }
    }
}
