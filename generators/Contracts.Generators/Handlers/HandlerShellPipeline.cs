using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Contracts.Generators.Emit;
using Contracts.Generators.Model;
using Contracts.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Contracts.Generators.Handlers
{
    /// <summary>
    /// Wires the handler-shell steps into the generator: the <c>[assembly: ConsumesContract]</c> declarations, the
    /// business methods the project already has (by syntax), and this project's subjects give the shells to emit.
    /// </summary>
    /// <remarks>
    /// A shell is emitted only once its business method exists. Emitting it earlier would declare a partial method
    /// with an access modifier and no implementation: compiler error CS8795 in generated code, and the compiler runs no
    /// analyzers once it has errors, so our explanation (CTR3005, <see cref="ConsumedContractAnalyzer"/>) would never
    /// show. Without the method the compilation stays clean and the analyzer names the method to write.
    /// </remarks>
    internal static class HandlerShellPipeline
    {
        public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<SubjectSpec> subjects, IncrementalValueProvider<GeneratorOptions> options)
        {
            var declarations = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    HandlerShellNames.ConsumesAttribute,
                    static (node, _) => node is CompilationUnitSyntax,
                    static (ctx, _) => Declarations(ctx))
                .SelectMany(static (d, _) => d)
                .Collect()
                .WithTrackingName(TrackingNames.ConsumeDeclarations);

            // Only partial methods with the business method's name and a body: cheap to find, and few.
            var implemented = context.SyntaxProvider
                .CreateSyntaxProvider(
                    static (node, _) => node is MethodDeclarationSyntax { Parent: ClassDeclarationSyntax } method
                        && method.Identifier.ValueText == HandlerShellNames.MethodName
                        && method.Modifiers.Any(SyntaxKind.PartialKeyword)
                        && (method.Body is not null || method.ExpressionBody is not null),
                    static (ctx, _) => ContainingTypeName((MethodDeclarationSyntax)ctx.Node))
                .Collect()
                .Select(static (names, _) => EquatableArray<string>.From(names.Distinct().OrderBy(n => n, System.StringComparer.Ordinal)))
                .WithTrackingName(TrackingNames.ImplementedHandlers);

            var consumable = subjects
                .Select(static (s, _) => Consumable(s))
                .Collect()
                .WithTrackingName(TrackingNames.ConsumableSubjects);

            var shells = declarations
                .Combine(consumable)
                .Combine(implemented)
                .Combine(options.Select(static (o, _) => o.RegistryNamespace))
                .Select(static (x, _) => Plan(x.Left.Left.Left, x.Left.Left.Right, x.Left.Right, x.Right))
                .WithTrackingName(TrackingNames.HandlerShells)
                .SelectMany(static (s, _) => s.Shells);

            context.RegisterSourceOutput(shells, static (spc, shell) =>
                spc.AddSource(shell.Subject + ".Handler.g.cs", SourceText.From(HandlerShellEmitter.Emit(shell), Encoding.UTF8)));
        }

        private static ImmutableArray<ConsumeDeclaration> Declarations(GeneratorAttributeSyntaxContext context)
        {
            var wolverine = context.SemanticModel.Compilation.GetTypeByMetadataName(HandlerShellNames.ContextType) is not null;
            var result = ImmutableArray.CreateBuilder<ConsumeDeclaration>();
            foreach (var attribute in context.Attributes)
            {
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string subject) continue;
                var handler = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Handler").Value.Value as string;
                result.Add(new ConsumeDeclaration(subject.Trim(), handler, wolverine));
            }
            return result.ToImmutable();
        }

        private static ConsumableSubject Consumable(SubjectSpec subject)
        {
            var latest = subject.Versions[subject.Versions.Count - 1];
            return new ConsumableSubject(subject.Subject, ContractPlan.NamespaceOf(latest, subject.Options) + "." + CSharpSyntax.Bare(ContractPlan.ContractTypeName(latest, isLatest: true)));
        }

        internal static HandlerShells Plan(ImmutableArray<ConsumeDeclaration> declarations, ImmutableArray<ConsumableSubject> subjects, EquatableArray<string> implemented, string registryNamespace)
        {
            var bySubject = subjects.ToDictionary(s => s.Subject, s => s.LatestType, System.StringComparer.Ordinal);
            var done = new HashSet<string>(System.StringComparer.Ordinal);
            var shells = new List<HandlerShellSpec>();
            foreach (var declaration in declarations.OrderBy(d => d.Subject, System.StringComparer.Ordinal))
            {
                // Unknown subjects and a missing Contracts.Wolverine are reported by ConsumedContractAnalyzer.
                if (!declaration.HasContractsWolverine || !bySubject.TryGetValue(declaration.Subject, out var latest) || !done.Add(declaration.Subject)) continue;
                var shell = HandlerShellNames.ShellFullName(declaration.Handler, registryNamespace, HandlerShellNames.SimpleNameOf(latest));
                if (implemented.Contains(shell)) shells.Add(new HandlerShellSpec(declaration.Subject, shell, latest));
            }
            return new HandlerShells(EquatableArray<HandlerShellSpec>.From(shells));
        }

        /// <summary>The full name of the class declaring <paramref name="method"/>, from syntax alone (namespaces and enclosing classes).</summary>
        private static string ContainingTypeName(MethodDeclarationSyntax method)
        {
            var parts = new List<string>();
            for (SyntaxNode? node = method.Parent; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case TypeDeclarationSyntax type: parts.Add(type.Identifier.ValueText); break;
                    case BaseNamespaceDeclarationSyntax ns: parts.Add(ns.Name.ToString().Replace(" ", "")); break;
                }
            }
            parts.Reverse();
            return string.Join(".", parts);
        }
    }
}
