using System.Collections.Generic;
using System.Collections.Immutable;
using Contracts.Schema.Repository;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// Build-time compatibility: reports each incompatibility of each subject's versions under its mode
    /// (<c>CTR20xx</c>/<c>CTR21xx</c>), accepted breaks (<c>CTR2901</c>, information), accepted-breaks problems
    /// (<c>CTR2902</c>, <c>CTR2903</c>) and edits to published versions recorded in <c>schemas.lock.json</c>
    /// (<c>CTR28xx</c>), each at its line and column in the schema file. The same engine and the same inputs as
    /// <c>contracts check</c>, so the build and CI agree.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SchemaCompatibilityAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Rules.Compatibility;

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(Analyze);
        }

        private static void Analyze(CompilationAnalysisContext context)
        {
            var files = new List<SchemaFileText>();
            foreach (var text in context.Options.AdditionalFiles)
            {
                if (!BuildCompatibilityCheck.IsInput(text.Path)) continue;
                var content = text.GetText(context.CancellationToken);
                if (content is null) continue;
                files.Add(new SchemaFileText(text.Path, content.ToString()));
            }
            if (files.Count == 0) return;
            foreach (var diagnostic in BuildCompatibilityCheck.Run(files))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                context.ReportDiagnostic(Diagnostic.Create(Rules.For(diagnostic.Id), Diagnostics.LocationOf(diagnostic.Location), diagnostic.Message));
            }
        }
    }
}
