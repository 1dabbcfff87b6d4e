using System.Collections.Generic;
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
        public static SchemaFileSpec Parse(SchemaText file, EquatableArray<SchemaText> settingsFiles)
        {
            // Settings diagnostics are reported once by the settings step, not per schema file.
            var settings = SchemaRepository.ParseSettings(settingsFiles.Select(s => new SchemaFileText(s.Path, s.Text)), new List<SchemaDiagnostic>());
            var result = SchemaRepository.ParseFile(new SchemaFileText(file.Path, file.Text), settings);
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
