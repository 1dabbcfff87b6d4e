using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Contracts.Generators.CodeFixes
{
    /// <summary>
    /// Adds a method to the user's side of a partial class that generated code declares: into the user's own partial
    /// declaration of the type when there is one, else into a new file. Shared by the fixes that write a method the
    /// generator asks for (CTR5001 upcast steps, CTR3005 business methods).
    /// </summary>
    internal static class PartialMemberWriter
    {
        /// <summary>What to write and where.</summary>
        public sealed class Request
        {
            /// <param name="containingType">Full name of the partial class, without <c>global::</c>.</param>
            /// <param name="ns">Its namespace, used when the type does not exist yet.</param>
            /// <param name="method">The member to add.</param>
            /// <param name="fileName">The new file's name, when a new file is needed.</param>
            /// <param name="fileComment">The one-line comment at the top of a new file.</param>
            /// <param name="declarationWhenNew">The type's declaration header when the type does not exist yet (e.g. <c>partial class X</c>).</param>
            public Request(string containingType, string ns, MemberDeclarationSyntax method, string fileName, string fileComment, string declarationWhenNew)
            {
                ContainingType = containingType;
                Namespace = ns;
                Method = method;
                FileName = fileName;
                FileComment = fileComment;
                DeclarationWhenNew = declarationWhenNew;
            }

            public string ContainingType { get; }
            public string Namespace { get; }
            public MemberDeclarationSyntax Method { get; }
            public string FileName { get; }
            public string FileComment { get; }
            public string DeclarationWhenNew { get; }
        }

        public static async Task<Solution> AddAsync(Project project, Request request, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var type = compilation is null ? null : FindType(compilation, request.ContainingType);
            if (type is not null)
            {
                // The user's own partial declaration, not a generated one.
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var document = project.GetDocument(reference.SyntaxTree);
                    if (document is null || IsGenerated(reference.SyntaxTree)) continue;
                    if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not TypeDeclarationSyntax declaration) continue;
                    var root = await reference.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                    var updated = root.ReplaceNode(declaration, declaration.AddMembers(request.Method.WithAdditionalAnnotations(Formatter.Annotation)));
                    return document.WithSyntaxRoot(updated).Project.Solution;
                }
            }
            var added = project.AddDocument(request.FileName, SyntaxFactory.ParseCompilationUnit(NewFile(request, type)).NormalizeWhitespace().ToFullString());
            return added.Project.Solution;
        }

        private static string NewFile(Request request, INamedTypeSymbol? type)
        {
            var text = new StringBuilder();
            text.Append("// ").AppendLine(request.FileComment);
            var containers = new List<string>();
            if (type is not null)
            {
                for (var t = type; t is not null; t = t.ContainingType) containers.Insert(0, PartialHeader(t));
            }
            else
            {
                containers.Add(request.DeclarationWhenNew);
            }
            var ns = type is not null ? (type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString()) : request.Namespace;
            if (ns.Length > 0) text.Append("namespace ").Append(ns).AppendLine(" {");
            foreach (var container in containers) text.Append(container).AppendLine(" {");
            text.AppendLine(request.Method.ToFullString());
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

        public static string SimpleName(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? fullName : fullName.Substring(dot + 1);
        }

        /// <summary>A diagnostic property, trimmed; null when absent or blank.</summary>
        public static string? Property(Diagnostic diagnostic, string key)
            => diagnostic.Properties.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value!.Trim() : null;

        /// <summary>The signature with a body that throws under a TODO.</summary>
        public static MemberDeclarationSyntax MethodThatThrows(string signature, string todo, string message)
        {
            var source = signature + "\n{\n"
                + "    // TODO: " + todo + "\n"
                + "    throw new System.NotImplementedException(" + SymbolDisplay.FormatLiteral(message, quote: true) + ");\n"
                + "}\n";
            return SyntaxFactory.ParseMemberDeclaration(source) ?? throw new InvalidOperationException("not a C# method declaration: " + signature);
        }
    }
}
