using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Contracts.Generators.CodeFixes
{
    /// <summary>
    /// CTR3005 (a generated handler shell's business method is missing): writes the method's skeleton, a body that
    /// throws <see cref="System.NotImplementedException"/> under a TODO naming the subject, into the user's own partial
    /// declaration of the shell class when there is one, else into a new file <c>&lt;Class&gt;.cs</c> declaring
    /// <c>public partial class</c>. The diagnostic's properties say what to write: <c>ContainingType</c>,
    /// <c>Namespace</c>, <c>MethodSignature</c>, <c>Subject</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BusinessMethodCodeFix)), Shared]
    public sealed class BusinessMethodCodeFix : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.MissingBusinessMethod);

        /// <inheritdoc/>
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var containingType = PartialMemberWriter.Property(diagnostic, "ContainingType");
                var signature = PartialMemberWriter.Property(diagnostic, "MethodSignature");
                var subject = PartialMemberWriter.Property(diagnostic, "Subject");
                if (containingType is null || signature is null || subject is null) continue;
                var name = PartialMemberWriter.SimpleName(containingType);
                var request = new PartialMemberWriter.Request(
                    containingType,
                    PartialMemberWriter.Property(diagnostic, "Namespace") ?? "",
                    PartialMemberWriter.MethodThatThrows(signature.TrimEnd(';', ' '), $"handle {subject}.", $"the handler of {subject} is not written yet"),
                    name + ".cs",
                    "The business method of the generated handler of " + subject + ".",
                    "public partial class " + name);
                context.RegisterCodeFix(
                    CodeAction.Create($"Write the business method of {name}", ct => PartialMemberWriter.AddAsync(context.TextDocument.Project, request, ct), equivalenceKey: DiagnosticIds.MissingBusinessMethod + containingType),
                    diagnostic);
            }
            return Task.CompletedTask;
        }
    }
}
