using System;
using System.Collections.Generic;

namespace Contracts.Schema.Avro
{
    /// <summary>Avro's naming rules and its reserved names.</summary>
    public static class AvroNames
    {
        private static readonly HashSet<string> Primitives = new HashSet<string>(StringComparer.Ordinal)
        {
            "null", "boolean", "int", "long", "float", "double", "bytes", "string",
        };

        /// <summary>True for the eight primitive type names.</summary>
        public static bool IsPrimitive(string name) => Primitives.Contains(name);

        /// <summary>True for a valid simple name: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
        public static bool IsValidName(string? name)
        {
            if (string.IsNullOrEmpty(name)) return false;
            var first = name![0];
            if (!(first == '_' || (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) return false;
            for (var i = 1; i < name.Length; i++)
            {
                var c = name[i];
                if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
            }
            return true;
        }

        /// <summary>True for a valid namespace: empty, or dot-separated valid names.</summary>
        public static bool IsValidNamespace(string? ns)
        {
            if (string.IsNullOrEmpty(ns)) return true;
            foreach (var part in ns!.Split('.'))
            {
                if (!IsValidName(part)) return false;
            }
            return true;
        }

        /// <summary>Splits a possibly qualified name into namespace and simple name.</summary>
        public static (string? Namespace, string Name) Split(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? (null, fullName) : (fullName.Substring(0, dot), fullName.Substring(dot + 1));
        }

        /// <summary>Qualifies <paramref name="name"/> with <paramref name="ns"/> unless it already holds a dot.</summary>
        public static string Qualify(string name, string? ns)
            => name.IndexOf('.') >= 0 || string.IsNullOrEmpty(ns) ? name : ns + "." + name;
    }
}
