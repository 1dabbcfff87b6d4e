using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Contracts.Generators.CodeFixes
{
    /// <summary>
    /// CTR5001 (a hand-written upcaster step is missing): writes the method's skeleton, a body that throws
    /// <see cref="NotImplementedException"/> under a TODO naming the subject and versions. It goes into the user's own
    /// partial declaration of the containing type when there is one, else into a new file
    /// <c>&lt;Type&gt;.V&lt;from&gt;ToV&lt;to&gt;.cs</c>. The diagnostic's properties say what to write:
    /// <c>ContainingType</c> (fully qualified, no <c>global::</c>), <c>Namespace</c>, <c>MethodSignature</c> (the
    /// declaration without a body), <c>Subject</c>, <c>FromVersion</c>, <c>ToVersion</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpcasterSkeletonCodeFix)), Shared]
    public sealed class UpcasterSkeletonCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MissingUpcaster);

        /// <inheritdoc/>
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (Request.Read(diagnostic) is not { } request) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Write the upcaster {request.Subject} v{request.From} → v{request.To}", ct => Apply(context.TextDocument.Project, request, ct), equivalenceKey: DiagnosticIds.MissingUpcaster + request.Signature),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        private static async Task<Solution> Apply(Project project, Request request, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var type = compilation is null ? null : FindType(compilation, request.ContainingType);
            var method = request.Method();
            if (type is not null)
            {
                // The user's own partial declaration, not a generated one.
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var document = project.GetDocument(reference.SyntaxTree);
                    if (document is null || IsGenerated(reference.SyntaxTree)) continue;
                    if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not TypeDeclarationSyntax declaration) continue;
                    var root = await reference.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                    var updated = root.ReplaceNode(declaration, declaration.AddMembers(method.WithAdditionalAnnotations(Formatter.Annotation)));
                    return document.WithSyntaxRoot(updated).Project.Solution;
                }
            }
            var name = SimpleName(request.ContainingType) + ".V" + request.From + "ToV" + request.To + ".cs";
            var text = NewFile(request, type);
            var added = project.AddDocument(name, SyntaxFactory.ParseCompilationUnit(text).NormalizeWhitespace().ToFullString());
            return added.Project.Solution;
        }

        private static string NewFile(Request request, INamedTypeSymbol? type)
        {
            var text = new StringBuilder();
            text.Append("// Hand-written upcaster step for ").Append(request.Subject).Append(" v").Append(request.From).Append(" → v").Append(request.To).AppendLine(".");
            var containers = new List<string>();
            if (type is not null)
            {
                for (var t = type; t is not null; t = t.ContainingType) containers.Insert(0, PartialHeader(t));
            }
            else
            {
                // Not compiled yet (the generator's part is missing): a partial class is what the generator emits for upcasters.
                containers.Add("partial class " + SimpleName(request.ContainingType));
            }
            var ns = type is not null ? (type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString()) : request.Namespace;
            if (ns.Length > 0) text.Append("namespace ").Append(ns).AppendLine(" {");
            foreach (var container in containers) text.Append(container).AppendLine(" {");
            text.AppendLine(request.Method().ToFullString());
            foreach (var _ in containers) text.AppendLine("}");
            if (ns.Length > 0) text.AppendLine("}");
            return text.ToString();
        }

        private static string PartialHeader(INamedTypeSymbol type)
        {
            var keyword = type.IsRecord
                ? (type.IsValueType ? "record struct" : "record")
                : type.TypeKind switch { TypeKind.Struct => "struct", TypeKind.Interface => "interface", _ => "class" };
            var typeParameters = type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
            return (type.IsStatic ? "static " : "") + "partial " + keyword + " " + type.Name + typeParameters;
        }

        private static INamedTypeSymbol? FindType(Compilation compilation, string fullName)
        {
            var candidates = compilation.GetSymbolsWithName(SimpleName(fullName), SymbolFilter.Type).OfType<INamedTypeSymbol>();
            return candidates.FirstOrDefault(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted).WithGenericsOptions(SymbolDisplayGenericsOptions.None)) == fullName);
        }

        private static bool IsGenerated(SyntaxTree tree)
            => tree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || tree.FilePath.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase);

        private static string SimpleName(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? fullName : fullName.Substring(dot + 1);
        }

        /// <summary>What the diagnostic asks for.</summary>
        private sealed class Request
        {
            private Request(string containingType, string ns, string signature, string subject, string from, string to)
            {
                ContainingType = containingType;
                Namespace = ns;
                Signature = signature;
                Subject = subject;
                From = from;
                To = to;
            }

            public string ContainingType { get; }
            public string Namespace { get; }
            public string Signature { get; }
            public string Subject { get; }
            public string From { get; }
            public string To { get; }

            public static Request? Read(Diagnostic diagnostic)
            {
                string? Get(string key) => diagnostic.Properties.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value!.Trim() : null;
                var containingType = Get("ContainingType");
                var signature = Get("MethodSignature");
                var subject = Get("Subject");
                var from = Get("FromVersion");
                var to = Get("ToVersion");
                if (containingType is null || signature is null || subject is null || from is null || to is null) return null;
                if (containingType.StartsWith("global::", StringComparison.Ordinal)) containingType = containingType.Substring("global::".Length);
                return new Request(containingType, Get("Namespace") ?? "", signature.TrimEnd(';', ' '), subject, from, to);
            }

            /// <summary>The method: the signature as given, with a body that throws under a TODO.</summary>
            public MemberDeclarationSyntax Method()
            {
                var message = $"the upcaster {Subject} v{From} → v{To} is not written yet";
                var source = Signature + "\n{\n"
                    + $"    // TODO: upcast {Subject} v{From} to v{To}: map the fields the schema change does not determine.\n"
                    + "    throw new System.NotImplementedException(" + SymbolDisplay.FormatLiteral(message, quote: true) + ");\n"
                    + "}\n";
                return SyntaxFactory.ParseMemberDeclaration(source) ?? throw new InvalidOperationException("MethodSignature is not a C# method declaration: " + Signature);
            }
        }
    }
}
