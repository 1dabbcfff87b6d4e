using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// The base of the <c>CTR3xxx</c> analyzers on user code: they run only when the compilation references
    /// Contracts.Abstractions (so that <c>[Contract]</c> can mark a type), and never on generated code.
    /// </summary>
    public abstract class ContractUsageAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public sealed override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (ContractSymbols.For(start.Compilation) is { } contracts) Register(start, contracts);
            });
        }

        /// <summary>Registers the rule's actions for a compilation that has contracts.</summary>
        private protected abstract void Register(CompilationStartAnalysisContext start, ContractSymbols contracts);
    }
}
