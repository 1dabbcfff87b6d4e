namespace Contracts.Exceptions;

/// <summary>
/// A single-object encoded message carries a schema fingerprint other than the one the reader expected.
/// </summary>
public sealed class AvroFingerprintMismatchException : AvroDecodeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Byte offset of the fingerprint in the input.</param>
    /// <param name="expected">The fingerprint the reader expected.</param>
    /// <param name="actual">The fingerprint found in the message.</param>
    public AvroFingerprintMismatchException(int offset, ulong expected, ulong actual)
        : base(offset, $"schema fingerprint mismatch: expected 0x{expected:x16}, message has 0x{actual:x16}")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The CRC-64-AVRO fingerprint the reader expected.</summary>
    public ulong Expected { get; }

    /// <summary>The CRC-64-AVRO fingerprint found in the message.</summary>
    public ulong Actual { get; }
}
