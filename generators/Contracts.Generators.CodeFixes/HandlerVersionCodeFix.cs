using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Contracts.Generators.CodeFixes
{
    /// <summary>
    /// CTR3001: changes the handler's message parameter to the latest version of the contract. Every version of a
    /// subject lives in one namespace, so the fix renames the type where it is written and keeps its qualification.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandlerVersionCodeFix)), Shared]
    public sealed class HandlerVersionCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.HandlerTakesOldVersion);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticIds.LatestType, out var latest) || string.IsNullOrEmpty(latest)) continue;
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not TypeSyntax type) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Handle the latest version ({latest})", ct => Replace(context.Document, root, type, latest!, ct), equivalenceKey: DiagnosticIds.HandlerTakesOldVersion),
                    diagnostic);
            }
        }

        private static Task<Document> Replace(Document document, SyntaxNode root, TypeSyntax type, string latest, CancellationToken cancellationToken)
        {
            var name = type.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().LastOrDefault();
            if (name is null) return Task.FromResult(document);
            var renamed = SyntaxFactory.IdentifierName(latest).WithTriviaFrom(name);
            return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(name, renamed)));
        }
    }
}
