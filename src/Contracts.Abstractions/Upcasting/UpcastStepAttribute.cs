using System;
using System.Diagnostics;

namespace Contracts.Upcasting;

/// <summary>
/// Marks the generated declaration of a hand-written upcast step (a <c>static partial void</c> method that the
/// user implements), so the build can name the subject and versions when the implementation is missing
/// (diagnostic <c>CTR5001</c>). Seen by the compiler only: it is not emitted into assemblies.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Conditional("CONTRACTS_UPCAST_STEP_METADATA")]
public sealed class UpcastStepAttribute : Attribute
{
    /// <summary>Marks the step from <paramref name="fromVersion"/> to <paramref name="toVersion"/> of <paramref name="subject"/>.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="fromVersion">The older version.</param>
    /// <param name="toVersion">The newer version.</param>
    /// <param name="reason">Why the schemas do not determine the step.</param>
    public UpcastStepAttribute(string subject, int fromVersion, int toVersion, string reason)
    {
        Subject = subject;
        FromVersion = fromVersion;
        ToVersion = toVersion;
        Reason = reason;
    }

    /// <summary>The subject.</summary>
    public string Subject { get; }

    /// <summary>The older version.</summary>
    public int FromVersion { get; }

    /// <summary>The newer version.</summary>
    public int ToVersion { get; }

    /// <summary>Why the schemas do not determine the step.</summary>
    public string Reason { get; }
}
