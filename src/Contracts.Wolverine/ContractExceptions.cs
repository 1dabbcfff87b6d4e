using System;

namespace Contracts.Wolverine;

/// <summary>
/// A payload was written with a schema this service does not know (its fingerprint is not in the catalog), and it could
/// not be read as the newest known version: the subject's mode does not allow forward reads, or the writer schema is not
/// in the store's schema table. The message goes to dead letters; re-queue it once the schema is known.
/// </summary>
public sealed class UnknownWriterSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fingerprint">The writer schema's fingerprint.</param>
    /// <param name="subject">The subject, when known.</param>
    /// <param name="message">The full reason, starting with "unknown writer schema &lt;fingerprint&gt;".</param>
    public UnknownWriterSchemaException(ulong fingerprint, string? subject, string message)
        : base(message)
    {
        Fingerprint = fingerprint;
        Subject = subject;
    }

    /// <summary>The writer schema's CRC-64-AVRO fingerprint.</summary>
    public ulong Fingerprint { get; }

    /// <summary>The subject named by the envelope, when known.</summary>
    public string? Subject { get; }
}

/// <summary>A JSON payload violates its subject's JSON Schema. The message goes to dead letters with the violations.</summary>
public sealed class ContractValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">The version whose schema was violated.</param>
    /// <param name="message">The reason: what was violated and where in the payload.</param>
    public ContractValidationException(string subject, int version, string message)
        : base(message)
    {
        Subject = subject;
        Version = version;
    }

    /// <summary>The subject.</summary>
    public string Subject { get; }

    /// <summary>The version whose schema the payload was checked against.</summary>
    public int Version { get; }
}

/// <summary>
/// A payload could not be decoded as the contract its headers name. The message goes to dead letters; the inner
/// exception (an <c>AvroDecodeException</c> or <c>JsonDecodeException</c>) says where in the payload.
/// </summary>
public sealed class ContractDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">The version the payload claims to be written with.</param>
    /// <param name="message">What could not be decoded, and from which message.</param>
    /// <param name="innerException">The codec's exception.</param>
    public ContractDecodeException(string subject, int version, string message, Exception innerException)
        : base(message, innerException)
    {
        Subject = subject;
        Version = version;
    }

    /// <summary>The subject.</summary>
    public string Subject { get; }

    /// <summary>The version the payload claims to be written with.</summary>
    public int Version { get; }
}
