using System;

namespace Contracts.Exceptions;

/// <summary>
/// A value cannot be encoded under its schema, for example a decimal that is out of range for
/// <c>decimal(p,s)</c> or a fixed value of the wrong size.
/// </summary>
public sealed class AvroEncodeException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be encoded and why.</param>
    public AvroEncodeException(string message)
        : base(message)
    {
    }
}
