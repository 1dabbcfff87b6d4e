using System;

namespace Contracts;

/// <summary>
/// Marks a generated contract type with what the compiler needs to know about it: the subject, the version and
/// the kind, and the C# properties that hold the declared partition and idempotency keys. The generator emits it
/// on every contract version; the <c>CTR3xxx</c> analyzers read it (also from referenced assemblies).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContractAttribute : Attribute
{
    /// <summary>Marks a contract type.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">The schema version, 1-based.</param>
    /// <param name="kind">Event or command.</param>
    public ContractAttribute(string subject, int version, ContractKind kind)
    {
        Subject = subject;
        Version = version;
        Kind = kind;
    }

    /// <summary>The subject.</summary>
    public string Subject { get; }

    /// <summary>The schema version, 1-based.</summary>
    public int Version { get; }

    /// <summary>Event or command.</summary>
    public ContractKind Kind { get; }

    /// <summary>The C# property that holds the declared partition key, if any.</summary>
    public string? PartitionKeyProperty { get; set; }

    /// <summary>The C# property that holds the declared idempotency key, if any.</summary>
    public string? IdempotencyKeyProperty { get; set; }
}
