using System;
using System.Collections.Generic;
using System.Linq;
using Contracts.Generators.Model;
using Contracts.Schema;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Parsing
{
    /// <summary>Reads the <c>build_property.Contracts*</c> values (made visible by the package's props) into <see cref="GeneratorOptions"/>.</summary>
    internal static class OptionsParser
    {
        public static GeneratorOptions Parse(AnalyzerConfigOptions global)
        {
            string? Get(string name) => global.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

            var map = new List<NamespaceMapping>();
            foreach (var pair in (Get("ContractsNamespaceMap") ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0 || eq == pair.Length - 1) continue;
                map.Add(new NamespaceMapping(pair.Substring(0, eq).Trim(), pair.Substring(eq + 1).Trim()));
            }
            var naming = string.Equals(Get("ContractsJsonNaming"), "camelCase", StringComparison.OrdinalIgnoreCase) ? JsonNaming.CamelCase : JsonNaming.Schema;
            var codecs = (Get("ContractsCodecs") ?? "avro;json").Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToLowerInvariant()).ToList();
            var registryNamespace = Get("ContractsRegistryNamespace") ?? Get("RootNamespace") ?? GeneratorOptions.Default.RegistryNamespace;
            return new GeneratorOptions(EquatableArray<NamespaceMapping>.From(map), naming, codecs.Contains("avro"), codecs.Contains("json"), registryNamespace);
        }
    }
}
