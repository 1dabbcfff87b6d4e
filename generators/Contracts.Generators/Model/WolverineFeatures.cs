using System.Linq;
using Microsoft.CodeAnalysis;

namespace Contracts.Generators.Model
{
    /// <summary>
    /// What the compilation can use of Wolverine: <c>[MessageIdentity]</c> for wire names, and message forwarding
    /// (<c>IForwardsTo&lt;T&gt;</c> with <c>WolverineOptions.RegisterMessageForwarder</c>) for upcasting on receive.
    /// A project that only shares contract types references neither.
    /// </summary>
    /// <remarks>A value record of two flags: safe to cache; the compilation itself is not kept.</remarks>
    internal sealed record WolverineFeatures(bool MessageIdentity, bool Forwarding)
    {
        public static WolverineFeatures None { get; } = new WolverineFeatures(false, false);

        public static WolverineFeatures Of(Compilation compilation)
        {
            var identity = compilation.GetTypeByMetadataName("Wolverine.Attributes.MessageIdentityAttribute") is not null;
            var forwarding = compilation.GetTypeByMetadataName("Wolverine.IForwardsTo`1") is not null
                && compilation.GetTypeByMetadataName("Wolverine.WolverineOptions") is { } options
                && options.GetMembers("RegisterMessageForwarder").OfType<IMethodSymbol>().Any(m => m.TypeParameters.Length == 2);
            return identity || forwarding ? new WolverineFeatures(identity, forwarding) : None;
        }
    }
}
