using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Contracts.Schema.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Upcasting
{
    /// <summary>
    /// Reports <c>CTR5001</c> for each generated hand-written upcast step (a <c>static partial void</c> method marked
    /// <c>[UpcastStep]</c>) that has no implementation, naming the subject, the versions and the declaration to write.
    /// </summary>
    /// <remarks>
    /// The generated declaration has no accessibility modifier and returns <c>void</c> on purpose: such a partial
    /// method may lack an implementation without a compiler error, so the compilation has no errors of its own and
    /// this analyzer runs (the compiler skips analyzers when it already has errors). Its location is mapped with
    /// <c>#line</c> onto the newer schema's file, so the error points at the change that needs the step.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MissingUpcastStepAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The attribute the generator puts on each hand-written step declaration.</summary>
        public const string StepAttribute = "Contracts.Upcasting.UpcastStepAttribute";

        private static readonly DiagnosticDescriptor Rule = Diagnostics.Descriptor(DiagnosticCatalog.UpcastStepMissing);

        private static readonly SymbolDisplayFormat QualifiedName = SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            // The declarations are generated code: analyze it and report there.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var attribute = start.Compilation.GetTypeByMetadataName(StepAttribute);
                if (attribute is null) return;
                start.RegisterSymbolAction(symbol => Analyze(symbol, attribute), SymbolKind.Method);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.IsPartialDefinition || method.PartialImplementationPart is not null) return;
            var step = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
            if (step is null || step.ConstructorArguments.Length < 4) return;
            var subject = step.ConstructorArguments[0].Value as string ?? "";
            var from = step.ConstructorArguments[1].Value is int f ? f : 0;
            var to = step.ConstructorArguments[2].Value is int t ? t : 0;
            var reason = step.ConstructorArguments[3].Value as string ?? "";

            var type = method.ContainingType;
            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            var containing = type.ToDisplayString(QualifiedName);
            var signature = Signature(method, ns);
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(UpcastDiagnosticProperties.ContainingType, containing);
            properties.Add(UpcastDiagnosticProperties.Namespace, ns);
            properties.Add(UpcastDiagnosticProperties.MethodSignature, signature);
            properties.Add(UpcastDiagnosticProperties.Subject, subject);
            properties.Add(UpcastDiagnosticProperties.FromVersion, from.ToString(CultureInfo.InvariantCulture));
            properties.Add(UpcastDiagnosticProperties.ToVersion, to.ToString(CultureInfo.InvariantCulture));

            var message = $"{subject} v{from.ToString(CultureInfo.InvariantCulture)} → v{to.ToString(CultureInfo.InvariantCulture)} needs a hand-written upcaster ({reason}): "
                + $"implement `{signature}` in `static partial class {containing}` and set `result`";
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations.FirstOrDefault(), properties.ToImmutable(), message));
        }

        /// <summary>The declaration as the user writes it, with type names relative to the class's namespace.</summary>
        private static string Signature(IMethodSymbol method, string ns)
        {
            var parameters = method.Parameters.Select(p =>
                (p.RefKind == RefKind.Ref ? "ref " : "") + TypeName(p.Type, ns) + (p.NullableAnnotation == NullableAnnotation.Annotated && !p.Type.IsValueType ? "?" : "") + " " + p.Name);
            return "static partial void " + method.Name + "(" + string.Join(", ", parameters) + ")";
        }

        private static string TypeName(ITypeSymbol type, string ns)
        {
            var qualified = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(QualifiedName);
            return ns.Length > 0 && qualified.StartsWith(ns + ".", System.StringComparison.Ordinal) && qualified.IndexOf('.', ns.Length + 1) < 0
                ? qualified.Substring(ns.Length + 1)
                : qualified;
        }
    }
}
