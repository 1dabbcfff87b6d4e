using Contracts.Schema;

namespace Contracts.Generators.Handlers
{
    /// <summary>One <c>[assembly: ConsumesContract]</c>: the subject, the declared handler name if any, and whether the compilation references Contracts.Wolverine.</summary>
    /// <remarks>A value record: safe to cache; holds no Roslyn objects.</remarks>
    internal sealed record ConsumeDeclaration(string Subject, string? Handler, bool HasContractsWolverine);

    /// <summary>A subject of this project's schemas and the full C# name (no <c>global::</c>) of its latest version.</summary>
    /// <remarks>A value record: safe to cache.</remarks>
    internal sealed record ConsumableSubject(string Subject, string LatestType);

    /// <summary>A shell to emit: the subject, the shell's full name and the full name of the message type it handles.</summary>
    /// <remarks>A value record: safe to cache; equal specs emit equal text.</remarks>
    internal sealed record HandlerShellSpec(string Subject, string ShellFullName, string MessageType);

    /// <summary>All shells to emit, in subject order.</summary>
    /// <remarks>A value record of an equatable array: safe to cache.</remarks>
    internal sealed record HandlerShells(EquatableArray<HandlerShellSpec> Shells);
}
