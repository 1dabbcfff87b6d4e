using System;

namespace Contracts;

/// <summary>
/// Declares that this assembly (a service) consumes a subject. The generator then emits a Wolverine handler shell
/// for the subject's latest version, a <c>partial</c> class whose business method the service writes; a declared
/// subject without that method is build error <c>CTR3005</c>, an unknown subject <c>CTR3004</c>. See docs/wolverine.md.
/// </summary>
/// <example><code>[assembly: Contracts.ConsumesContract("com.acme.shop.OrderPlaced")]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class ConsumesContractAttribute : Attribute
{
    /// <summary>Declares a consumed subject.</summary>
    /// <param name="subject">The subject as the schemas name it (<c>com.acme.shop.OrderPlaced</c>).</param>
    public ConsumesContractAttribute(string subject) => Subject = subject;

    /// <summary>The consumed subject.</summary>
    public string Subject { get; }

    /// <summary>
    /// The full C# name of the handler class to generate, when the default
    /// (<c>&lt;ContractsRegistryNamespace&gt;.ContractHandlers.&lt;LatestType&gt;Handler</c>) does not suit.
    /// </summary>
    public string? Handler { get; set; }
}
