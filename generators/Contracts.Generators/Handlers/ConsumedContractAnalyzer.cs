using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Contracts.Generators.Analyzers;
using Contracts.Generators.Parsing;
using Contracts.Schema.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Contracts.Generators.Handlers
{
    /// <summary>
    /// Checks each <c>[assembly: ConsumesContract]</c>: the subject must be one of this project's schemas (CTR3004,
    /// naming the closest known subjects), the project must reference Contracts.Wolverine (CTR3006), and the generated
    /// shell's business method must be written (CTR3005, naming the class and the exact declaration).
    /// </summary>
    /// <remarks>
    /// The generator emits a shell only once its business method exists (see <see cref="HandlerShellPipeline"/>), so a
    /// missing method leaves the compilation free of compiler errors and this analyzer runs.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConsumedContractAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unknown = Rules.For(DiagnosticCatalog.ConsumedSubjectUnknown);
        private static readonly DiagnosticDescriptor Missing = Rules.For(DiagnosticCatalog.HandlerMethodMissing);
        private static readonly DiagnosticDescriptor NeedsWolverine = Rules.For(DiagnosticCatalog.HandlerShellNeedsWolverine);

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Unknown, Missing, NeedsWolverine);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationAction(Analyze);
        }

        private static void Analyze(CompilationAnalysisContext context)
        {
            var compilation = context.Compilation;
            var consumes = compilation.GetTypeByMetadataName(HandlerShellNames.ConsumesAttribute);
            if (consumes is null) return;
            var declarations = compilation.Assembly.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, consumes)).ToList();
            if (declarations.Count == 0) return;

            var latest = LatestContracts(compilation);
            var hasWolverine = compilation.GetTypeByMetadataName(HandlerShellNames.ContextType) is not null;
            var registryNamespace = OptionsParser.Parse(context.Options.AnalyzerConfigOptionsProvider.GlobalOptions).RegistryNamespace;

            foreach (var declaration in declarations)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var location = declaration.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Location.None;
                var subject = (declaration.ConstructorArguments.Length == 1 ? declaration.ConstructorArguments[0].Value as string : null)?.Trim() ?? "";
                if (!latest.TryGetValue(subject, out var type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Unknown, location, UnknownMessage(subject, latest.Keys)));
                    continue;
                }
                if (!hasWolverine)
                {
                    context.ReportDiagnostic(Diagnostic.Create(NeedsWolverine, location,
                        $"{subject} is consumed here, but the project does not reference Contracts.Wolverine, whose ContractMessageContext the generated handler passes: reference it (the shell is a Wolverine handler run by UseContracts)"));
                    continue;
                }
                var handler = declaration.NamedArguments.FirstOrDefault(a => a.Key == "Handler").Value.Value as string;
                var shell = HandlerShellNames.ShellFullName(handler, registryNamespace, type.Name);
                if (HasBusinessMethod(compilation.GetTypeByMetadataName(shell))) continue;
                var messageType = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted));
                var signature = HandlerShellNames.MethodSignature(messageType, "");
                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties.Add(HandlerDiagnosticProperties.ContainingType, shell);
                properties.Add(HandlerDiagnosticProperties.Namespace, HandlerShellNames.NamespaceOf(shell));
                properties.Add(HandlerDiagnosticProperties.MethodSignature, HandlerShellNames.MethodSignature(messageType, "global::"));
                properties.Add(HandlerDiagnosticProperties.Subject, subject);
                context.ReportDiagnostic(Diagnostic.Create(Missing, location, properties.ToImmutable(),
                    $"{subject} is consumed here, but its generated handler has no business method: write `{signature}` in `public partial class {shell}` "
                    + "(the generator then emits the class's Wolverine Handle method, which calls it with the message as the latest version)"));
            }
        }

        /// <summary>The partial business method is declared (by the shell) and implemented (by the service).</summary>
        private static bool HasBusinessMethod(INamedTypeSymbol? shell)
            => shell is not null && shell.GetMembers(HandlerShellNames.MethodName).OfType<IMethodSymbol>().Any(m => m.IsPartialDefinition && m.PartialImplementationPart is not null);

        /// <summary>The latest version's type of every subject generated in this compilation.</summary>
        private static Dictionary<string, INamedTypeSymbol> LatestContracts(Compilation compilation)
        {
            var result = new Dictionary<string, (int Version, INamedTypeSymbol Type)>(StringComparer.Ordinal);
            var contract = compilation.GetTypeByMetadataName("Contracts.ContractAttribute");
            if (contract is not null)
            {
                var namespaces = new Stack<INamespaceSymbol>();
                namespaces.Push(compilation.Assembly.GlobalNamespace);
                while (namespaces.Count > 0)
                {
                    var ns = namespaces.Pop();
                    foreach (var child in ns.GetNamespaceMembers()) namespaces.Push(child);
                    foreach (var type in ns.GetTypeMembers())
                    {
                        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, contract));
                        if (attribute is null || attribute.ConstructorArguments.Length < 2 || attribute.ConstructorArguments[0].Value is not string subject || attribute.ConstructorArguments[1].Value is not int version) continue;
                        if (!result.TryGetValue(subject, out var seen) || seen.Version < version) result[subject] = (version, type);
                    }
                }
            }
            return result.ToDictionary(p => p.Key, p => p.Value.Type, StringComparer.Ordinal);
        }

        private static string UnknownMessage(string subject, IEnumerable<string> known)
        {
            var all = known.OrderBy(s => s, StringComparer.Ordinal).ToList();
            var head = subject.Length == 0
                ? "[assembly: ConsumesContract] names no subject"
                : $"`{subject}` is not a subject of this project's schemas";
            if (all.Count == 0) return head + "; the project has no schemas (add the subject's schema files under schemas/)";
            var close = Closest(subject, all);
            return close.Count > 0
                ? head + "; did you mean " + string.Join(" or ", close.Select(s => "`" + s + "`")) + "?"
                : head + $"; none of its {all.Count} subjects is close: " + string.Join(", ", all.Take(5).Select(s => "`" + s + "`")) + (all.Count > 5 ? ", …" : "");
        }

        /// <summary>Up to three known subjects within a small edit distance, or with the same last name segment.</summary>
        internal static List<string> Closest(string subject, IReadOnlyList<string> known)
        {
            var name = subject.Substring(subject.LastIndexOf('.') + 1);
            var limit = Math.Max(2, subject.Length / 4);
            return known
                .Select(k => (Subject: k, Distance: Distance(subject.ToLowerInvariant(), k.ToLowerInvariant())))
                .Where(k => k.Distance <= limit || (name.Length > 0 && string.Equals(k.Subject.Substring(k.Subject.LastIndexOf('.') + 1), name, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(k => k.Distance).ThenBy(k => k.Subject, StringComparer.Ordinal)
                .Take(3)
                .Select(k => k.Subject)
                .ToList();
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
