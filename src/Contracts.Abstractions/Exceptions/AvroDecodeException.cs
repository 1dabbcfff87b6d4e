using System;

namespace Contracts.Exceptions;

/// <summary>
/// Avro binary input could not be decoded: it is truncated, malformed, exceeds a configured
/// <see cref="Contracts.Avro.DecodeLimits"/> value, or does not match the expected schema.
/// </summary>
public class AvroDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Byte offset in the decoded input where the problem starts.</param>
    /// <param name="reason">What was wrong, without the offset.</param>
    public AvroDecodeException(int offset, string reason)
        : base($"Invalid Avro input at byte {offset}: {reason}")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="offset">Byte offset in the decoded input where the problem starts.</param>
    /// <param name="reason">What was wrong, without the offset.</param>
    /// <param name="innerException">The underlying failure.</param>
    public AvroDecodeException(int offset, string reason, Exception? innerException)
        : base($"Invalid Avro input at byte {offset}: {reason}", innerException)
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Byte offset, from the start of the span given to the reader, where the problem starts.</summary>
    public int Offset { get; }

    /// <summary>What was wrong, without the offset.</summary>
    public string Reason { get; }
}
