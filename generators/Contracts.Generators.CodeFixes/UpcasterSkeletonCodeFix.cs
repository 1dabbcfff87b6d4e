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

        private static Task<Solution> Apply(Project project, Request request, CancellationToken cancellationToken)
            => PartialMemberWriter.AddAsync(project, new PartialMemberWriter.Request(
                request.ContainingType,
                request.Namespace,
                request.Method(),
                PartialMemberWriter.SimpleName(request.ContainingType) + ".V" + request.From + "ToV" + request.To + ".cs",
                "Hand-written upcaster step for " + request.Subject + " v" + request.From + " → v" + request.To + ".",
                // Not compiled yet (the generator's part is missing): a partial class is what the generator emits for upcasters.
                "partial class " + PartialMemberWriter.SimpleName(request.ContainingType)), cancellationToken);

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
                string? Get(string key) => PartialMemberWriter.Property(diagnostic, key);
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
                => PartialMemberWriter.MethodThatThrows(Signature,
                    $"upcast {Subject} v{From} to v{To}: map the fields the schema change does not determine.",
                    $"the upcaster {Subject} v{From} → v{To} is not written yet");
        }
    }
}
