using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Contracts.Generators.Model;
using Contracts.Schema;
using Contracts.Schema.Diagnostics;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Parsing
{
    /// <summary>Turns one schema file (plus the settings files) into a <see cref="SchemaFileSpec"/>, through the schema core.</summary>
    internal static class SchemaFileParser
    {
        /// <summary>Pairs a schema file with the files among <paramref name="jsonFiles"/> that its <c>$ref</c>s name.</summary>
        public static SchemaInput WithReferences(SchemaText file, ImmutableArray<SchemaText> jsonFiles)
        {
            var references = SchemaRepository.ReferencedFiles(new SchemaFileText(file.Path, file.Text), jsonFiles.Select(f => new SchemaFileText(f.Path, f.Text)));
            return new SchemaInput(file, EquatableArray<SchemaText>.From(references.Select(r => new SchemaText(r.Path, r.Text))));
        }

        public static SchemaFileSpec Parse(SchemaInput input, EquatableArray<SchemaText> settingsFiles)
        {
            // Settings diagnostics are reported once by the settings step, not per schema file.
            var settings = SchemaRepository.ParseSettings(settingsFiles.Select(s => new SchemaFileText(s.Path, s.Text)), new List<SchemaDiagnostic>());
            var file = input.File;
            var result = SchemaRepository.ParseFile(new SchemaFileText(file.Path, file.Text), settings, path => input.References.FirstOrDefault(r => r.Path == path)?.Text);
            return new SchemaFileSpec(file.Path, result.Schema, EquatableArray<DiagnosticInfo>.From(result.Diagnostics.Select(DiagnosticInfo.From)));
        }

        public static EquatableArray<DiagnosticInfo> SettingsDiagnostics(EquatableArray<SchemaText> settingsFiles)
        {
            var diagnostics = new List<SchemaDiagnostic>();
            SchemaRepository.ParseSettings(settingsFiles.Select(s => new SchemaFileText(s.Path, s.Text)), diagnostics);
            return EquatableArray<DiagnosticInfo>.From(diagnostics.Select(DiagnosticInfo.From));
        }
    }
}
