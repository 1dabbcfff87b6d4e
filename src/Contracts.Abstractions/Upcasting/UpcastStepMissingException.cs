using System;

namespace Contracts.Upcasting;

/// <summary>
/// A hand-written upcast step left its result unset. The build reports a missing step as error <c>CTR5001</c>;
/// this is raised only when that error was silenced, or the implementation returned without a value.
/// </summary>
public sealed class UpcastStepMissingException : InvalidOperationException
{
    /// <summary>Creates the exception for one step.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="fromVersion">The older version.</param>
    /// <param name="toVersion">The newer version.</param>
    /// <param name="method">The partial method that should have set the result.</param>
    public UpcastStepMissingException(string subject, int fromVersion, int toVersion, string method)
        : base($"{subject} v{fromVersion} → v{toVersion}: the hand-written upcast step {method} is missing or did not set its result (see docs/diagnostics/CTR5001.md).")
    {
        Subject = subject;
        FromVersion = fromVersion;
        ToVersion = toVersion;
    }

    /// <summary>The subject.</summary>
    public string Subject { get; }

    /// <summary>The older version.</summary>
    public int FromVersion { get; }

    /// <summary>The newer version.</summary>
    public int ToVersion { get; }
}
