using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Analyzers
{
    /// <summary>What <c>[Contract(...)]</c> says about a generated contract type.</summary>
    /// <param name="Subject">The subject.</param>
    /// <param name="Version">The version.</param>
    /// <param name="IsCommand">True for a command, false for an event.</param>
    /// <param name="PartitionKeyProperty">The C# property holding the partition key, or null.</param>
    /// <param name="IdempotencyKeyProperty">The C# property holding the idempotency key, or null.</param>
    internal sealed record ContractMark(string Subject, int Version, bool IsCommand, string? PartitionKeyProperty, string? IdempotencyKeyProperty);

    /// <summary>Reads <c>Contracts.ContractAttribute</c> (emitted by the generator on every contract version) from types.</summary>
    internal sealed class ContractSymbols
    {
        /// <summary>The attribute's metadata name.</summary>
        public const string AttributeName = "Contracts.ContractAttribute";

        private readonly INamedTypeSymbol _attribute;

        private ContractSymbols(INamedTypeSymbol attribute) => _attribute = attribute;

        /// <summary>Null when the compilation does not reference Contracts.Abstractions (then no type is a contract).</summary>
        public static ContractSymbols? For(Compilation compilation)
            => compilation.GetTypeByMetadataName(AttributeName) is { } attribute ? new ContractSymbols(attribute) : null;

        /// <summary>The contract facts of <paramref name="type"/>, or null when it is not a generated contract.</summary>
        public ContractMark? Read(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named) return null;
            foreach (var attribute in named.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _attribute)) continue;
                var args = attribute.ConstructorArguments;
                if (args.Length != 3 || args[0].Value is not string subject || args[1].Value is not int version || args[2].Value is not int kind) return null;
                string? partition = null, idempotency = null;
                foreach (var named2 in attribute.NamedArguments)
                {
                    if (named2.Key == "PartitionKeyProperty") partition = named2.Value.Value as string;
                    else if (named2.Key == "IdempotencyKeyProperty") idempotency = named2.Value.Value as string;
                }
                // ContractKind: Event = 0, Command = 1.
                return new ContractMark(subject, version, kind == 1, partition, idempotency);
            }
            return null;
        }

        /// <summary>
        /// The newest version type of the same subject when it is newer than <paramref name="mark"/>'s version, else null.
        /// The generator puts every version of a subject in one namespace, so the siblings are the namespace's types.
        /// </summary>
        public INamedTypeSymbol? NewerVersion(INamedTypeSymbol type, ContractMark mark)
        {
            INamedTypeSymbol? latest = null;
            var latestVersion = mark.Version;
            foreach (var sibling in type.ContainingNamespace.GetTypeMembers())
            {
                if (Read(sibling) is not { } other || other.Subject != mark.Subject || other.Version <= latestVersion) continue;
                latest = sibling;
                latestVersion = other.Version;
            }
            return latest;
        }
    }
}
