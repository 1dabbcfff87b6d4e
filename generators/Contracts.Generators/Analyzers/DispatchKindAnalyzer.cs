using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// CTR3002: <c>PublishAsync</c> of a command, or <c>SendAsync</c> of an event, on Wolverine's message bus. The
    /// subject's kind (from <c>contracts.settings.json</c>, known at compile time through <c>[Contract]</c>) says how
    /// the message is exchanged: an event is published to any number of subscribers, a command is sent to one receiver.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DispatchKindAnalyzer : ContractUsageAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.DispatchAgainstKind);

        /// <inheritdoc/>
        private protected override void Register(CompilationStartAnalysisContext start, ContractSymbols contracts)
        {
            if (start.Compilation.GetTypeByMetadataName("Wolverine.IMessageBus") is not { } bus) return;
            start.RegisterOperationAction(c => Analyze(c, contracts, bus), OperationKind.Invocation);
        }

        private static void Analyze(OperationAnalysisContext context, ContractSymbols contracts, INamedTypeSymbol bus)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var publishes = method.Name == "PublishAsync";
            if (!publishes && method.Name != "SendAsync") return;
            if (!IsBus(method.ContainingType, bus) || invocation.Arguments.Length == 0) return;
            var message = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
            while (message is IConversionOperation conversion) message = conversion.Operand;
            if (message?.Type is not { } type || contracts.Read(type) is not { } mark) return;
            if (publishes == !mark.IsCommand) return;
            var advice = publishes
                ? "a command has one receiver: send it with SendAsync (or InvokeAsync), or make the subject an event in contracts.settings.json"
                : "an event goes to every subscriber: publish it with PublishAsync, or make the subject a command in contracts.settings.json";
            var what = (mark.IsCommand ? "a command" : "an event") + ", but " + method.Name + (publishes ? " publishes it" : " sends it");
            context.ReportDiagnostic(Diagnostic.Create(Rules.DispatchAgainstKind, invocation.Syntax.GetLocation(), type.Name, what, mark.Subject, advice));
        }

        private static bool IsBus(INamedTypeSymbol type, INamedTypeSymbol bus)
            => SymbolEqualityComparer.Default.Equals(type, bus) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, bus));
    }
}
