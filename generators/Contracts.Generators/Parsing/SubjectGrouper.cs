using System;
using System.Collections.Immutable;
using System.Linq;
using Contracts.Generators.Emit;
using Contracts.Generators.Model;
using Contracts.Schema;
using Contracts.Schema.Repository;

namespace Contracts.Generators.Parsing
{
    /// <summary>The subjects found among the parsed files, and the cross-file diagnostics (gaps, duplicates).</summary>
    /// <remarks>A value record: safe to cache.</remarks>
    internal sealed record SubjectGroups(EquatableArray<SubjectSpec> Subjects, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>Groups parsed schema files into subjects (the one cross-file view the generator needs).</summary>
    internal static class SubjectGrouper
    {
        public static SubjectGroups Group(ImmutableArray<SchemaFileSpec> files, GeneratorOptions options, WolverineFeatures wolverine)
        {
            var results = files
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => new SchemaFileResult(f.Path, f.Schema, EquatableArray<Schema.Diagnostics.SchemaDiagnostic>.Empty));
            var grouped = SchemaRepository.Group(results);
            return new SubjectGroups(
                EquatableArray<SubjectSpec>.From(grouped.Subjects.Select(s => new SubjectSpec(s.Name, s.Versions, options, wolverine))),
                EquatableArray<DiagnosticInfo>.From(grouped.Diagnostics.Select(DiagnosticInfo.From)));
        }

        /// <summary>The registry lines of one subject.</summary>
        public static EquatableArray<RegistryEntry> RegistryEntries(SubjectSpec subject)
        {
            var latestSchema = subject.Versions[subject.Versions.Count - 1];
            var latestClr = ClrType(latestSchema, subject.Options, isLatest: true);
            return EquatableArray<RegistryEntry>.From(subject.Versions.Select(v =>
            {
                var isLatest = v.Version == latestSchema.Version;
                var prefix = "global::" + ContractPlan.NamespaceOf(v, subject.Options) + "." + CSharpSyntax.Bare(ContractPlan.ContractTypeName(v, isLatest));
                return new RegistryEntry(v.Subject, v.Version, ClrType(v, subject.Options, isLatest),
                    EmitsAvro(v, subject.Options) ? prefix + "AvroCodec" : null,
                    subject.Options.EmitJson ? prefix + "JsonCodec" : null,
                    isLatest ? null : latestClr);
            }));
        }

        private static string ClrType(ContractSchema schema, GeneratorOptions options, bool isLatest)
            => "global::" + ContractPlan.NamespaceOf(schema, options) + "." + ContractPlan.ContractTypeName(schema, isLatest);

        public static bool EmitsAvro(ContractSchema schema, GeneratorOptions options) => options.EmitAvro && schema.Format == SchemaFormat.Avro;
    }
}
