using System.Collections.Generic;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Json;
using Contracts.Schema.Model;

namespace Contracts.Schema
{
    /// <summary>The outcome of parsing one schema text, whatever its language.</summary>
    public abstract class SchemaParseResult
    {
        private static readonly IReadOnlyDictionary<string, NamedType> NoNamedTypes = new Dictionary<string, NamedType>();

        private protected SchemaParseResult(JsonNode? document, SchemaType? root, IReadOnlyDictionary<string, NamedType>? namedTypes, EquatableArray<SchemaDiagnostic> diagnostics)
        {
            Document = document;
            Root = root;
            NamedTypes = namedTypes ?? NoNamedTypes;
            Diagnostics = diagnostics;
        }

        /// <summary>The JSON document, or null when the text is not JSON.</summary>
        public JsonNode? Document { get; }

        /// <summary>The contract model of the schema, or null when it has errors.</summary>
        public SchemaType? Root { get; }

        /// <summary>Every named type the schema defines, by full name.</summary>
        public IReadOnlyDictionary<string, NamedType> NamedTypes { get; }

        /// <summary>Every problem found, errors and warnings, in document order.</summary>
        public EquatableArray<SchemaDiagnostic> Diagnostics { get; }

        /// <summary>True when any diagnostic is an error.</summary>
        public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        /// <summary>The one diagnostic of a text that is not JSON.</summary>
        private protected static EquatableArray<SchemaDiagnostic> InvalidJson(JsonSyntaxError error)
            => new EquatableArray<SchemaDiagnostic>(new[] { new SchemaDiagnostic(DiagnosticCatalog.InvalidJson, DiagnosticSeverity.Error, error.Message, error.Location) });
    }
}
