using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Contracts.Generators.Analyzers
{
    /// <summary>
    /// CTR3003: a contract whose subject declares a partition key or an idempotency key is created with that
    /// property left out, or set to <c>null</c>, <c>default</c>, <c>Guid.Empty</c> or <c>""</c>. Every such message
    /// would share one partition (no per-key ordering) or one idempotency key (all but the first dropped as duplicates).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class MessageKeyAnalyzer : ContractUsageAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rules.MessageKeyLeftDefault);

        /// <inheritdoc/>
        private protected override void Register(CompilationStartAnalysisContext start, ContractSymbols contracts)
        {
            start.RegisterOperationAction(c => Analyze(c, contracts), OperationKind.ObjectCreation);
        }

        private static void Analyze(OperationAnalysisContext context, ContractSymbols contracts)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (contracts.Read(creation.Type) is not { } mark) return;
            Check(context, creation, mark, mark.PartitionKeyProperty, "partition key", "messages with one key value are delivered in order; an empty key puts every message under one key");
            Check(context, creation, mark, mark.IdempotencyKeyProperty, "idempotency key", "the inbox de-duplicates by it; with an empty key every message after the first counts as a duplicate");
        }

        private static void Check(OperationAnalysisContext context, IObjectCreationOperation creation, ContractMark mark, string? property, string what, string why)
        {
            if (property is null) return;
            var assignment = creation.Initializer?.Initializers
                .OfType<ISimpleAssignmentOperation>()
                .FirstOrDefault(a => a.Target is IPropertyReferenceOperation p && p.Property.Name == property);
            if (assignment is null)
            {
                // A required property left out is already a compiler error (CS9035).
                if (creation.Type is INamedTypeSymbol type && type.GetMembers(property).OfType<IPropertySymbol>().Any(p => p.IsRequired)) return;
                Report(context, creation.Syntax.GetLocation(), creation, mark, property, what, "left out", why);
                return;
            }
            if (EmptyValue(assignment.Value) is { } empty) Report(context, assignment.Syntax.GetLocation(), creation, mark, property, what, empty, why);
        }

        private static void Report(OperationAnalysisContext context, Location location, IObjectCreationOperation creation, ContractMark mark, string property, string what, string state, string why)
            => context.ReportDiagnostic(Diagnostic.Create(Rules.MessageKeyLeftDefault, location, creation.Type!.Name, property, what, mark.Subject, state, why));

        /// <summary>How the value is empty (<c>null</c>, <c>default</c>, <c>Guid.Empty</c>, <c>""</c>), or null when it is not.</summary>
        private static string? EmptyValue(IOperation value)
        {
            while (value is IConversionOperation conversion) value = conversion.Operand;
            switch (value)
            {
                case IDefaultValueOperation:
                    return "default";
                case IObjectCreationOperation { Arguments.Length: 0, Initializer: null } creation when creation.Type?.IsValueType == true:
                    return "default";
                case IFieldReferenceOperation { Field: { Name: "Empty", ContainingType: { } owner } } when owner.SpecialType == SpecialType.System_String || owner.ToDisplayString() == "System.Guid":
                    return owner.SpecialType == SpecialType.System_String ? "\"\"" : "Guid.Empty";
            }
            if (!value.ConstantValue.HasValue) return null;
            return value.ConstantValue.Value switch
            {
                null => "null",
                string s when s.Length == 0 => "\"\"",
                _ => null,
            };
        }
    }
}
