using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// CTR3001: a message handler (a public <c>Handle</c>/<c>HandleAsync</c>/<c>Consume</c>/<c>ConsumeAsync</c> method on a
    /// class named <c>*Handler</c>/<c>*Consumer</c>, or on a Wolverine handler type) whose message parameter is a
    /// superseded version of a contract. Older versions are upcast to the latest before a handler sees them, so a
    /// handler of an old version never runs for them.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class HandlerVersionAnalyzer : ContractUsageAnalyzer
    {
        /// <summary>The diagnostic property naming the latest version's type (simple name), for the code fix.</summary>
        public const string LatestTypeProperty = "LatestType";

        private static readonly HashSet<string> HandlerMethodNames = new HashSet<string>(StringComparer.Ordinal) { "Handle", "HandleAsync", "Consume", "ConsumeAsync" };

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.HandlerTakesOldVersion);

        /// <inheritdoc/>
        private protected override void Register(CompilationStartAnalysisContext start, ContractSymbols contracts)
        {
            var wolverineHandler = start.Compilation.GetTypeByMetadataName("Wolverine.IWolverineHandler");
            var wolverineHandlerAttribute = start.Compilation.GetTypeByMetadataName("Wolverine.Attributes.WolverineHandlerAttribute");
            start.RegisterSymbolAction(c => Analyze(c, contracts, wolverineHandler, wolverineHandlerAttribute), SymbolKind.Method);
        }

        private static void Analyze(SymbolAnalysisContext context, ContractSymbols contracts, INamedTypeSymbol? wolverineHandler, INamedTypeSymbol? wolverineHandlerAttribute)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public || !HandlerMethodNames.Contains(method.Name)) return;
            if (method.Parameters.Length == 0 || !IsHandlerType(method.ContainingType, wolverineHandler, wolverineHandlerAttribute)) return;
            // Wolverine's convention: the first parameter is the message.
            var parameter = method.Parameters[0];
            if (parameter.Type is not INamedTypeSymbol type || contracts.Read(type) is not { } mark) return;
            if (contracts.NewerVersion(type, mark) is not { } latest) return;
            var location = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is ParameterSyntax { Type: { } typeSyntax }
                ? typeSyntax.GetLocation()
                : parameter.Locations.FirstOrDefault();
            var properties = ImmutableDictionary<string, string?>.Empty.Add(LatestTypeProperty, latest.Name);
            context.ReportDiagnostic(Diagnostic.Create(Rules.HandlerTakesOldVersion, location, properties, latest.Name, type.Name, mark.Version, mark.Subject));
        }

        private static bool IsHandlerType(INamedTypeSymbol type, INamedTypeSymbol? wolverineHandler, INamedTypeSymbol? wolverineHandlerAttribute)
        {
            if (type.Name.EndsWith("Handler", StringComparison.Ordinal) || type.Name.EndsWith("Consumer", StringComparison.Ordinal)) return true;
            if (wolverineHandler is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, wolverineHandler))) return true;
            return wolverineHandlerAttribute is not null && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, wolverineHandlerAttribute));
        }
    }
}
