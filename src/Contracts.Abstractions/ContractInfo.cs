using System;

namespace Contracts;

/// <summary>
/// Build-time facts about one version of one contract, emitted by the generator as a static
/// instance per generated type. Wire identity is <see cref="Subject"/> + <see cref="Version"/>,
/// never the CLR name.
/// </summary>
public sealed class ContractInfo
{
    /// <summary>Creates the description of one contract version.</summary>
    /// <param name="subject">The subject: the Avro full name or the JSON Schema <c>$id</c>/title.</param>
    /// <param name="version">The schema version, 1-based.</param>
    /// <param name="kind">Event or command.</param>
    /// <param name="clrType">The generated CLR type for this version.</param>
    /// <param name="fingerprint">CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form.</param>
    /// <param name="sha256Fingerprint">SHA-256 of the Parsing Canonical Form, lowercase hex (64 chars).</param>
    /// <param name="schema">The schema text as declared.</param>
    /// <param name="partitionKeyField">The field whose value orders messages per key, if declared.</param>
    /// <param name="idempotencyKeyField">The field that identifies a business operation for de-duplication, if declared.</param>
    /// <param name="compatibility">The subject's compatibility mode (BACKWARD when not declared).</param>
    public ContractInfo(
        string subject,
        int version,
        ContractKind kind,
        Type clrType,
        ulong fingerprint,
        string sha256Fingerprint,
        string schema,
        string? partitionKeyField = null,
        string? idempotencyKeyField = null,
        ContractCompatibility compatibility = ContractCompatibility.Backward)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentNullException.ThrowIfNull(sha256Fingerprint);
        ArgumentNullException.ThrowIfNull(schema);
        Subject = subject;
        Version = version;
        Kind = kind;
        ClrType = clrType;
        Fingerprint = fingerprint;
        Sha256Fingerprint = sha256Fingerprint;
        Schema = schema;
        PartitionKeyField = partitionKeyField;
        IdempotencyKeyField = idempotencyKeyField;
        Compatibility = compatibility;
    }

    /// <summary>The subject: the Avro full name or the JSON Schema <c>$id</c>/title.</summary>
    public string Subject { get; }

    /// <summary>The schema version, 1-based and without gaps.</summary>
    public int Version { get; }

    /// <summary>Event or command.</summary>
    public ContractKind Kind { get; }

    /// <summary>The generated CLR type for this version.</summary>
    public Type ClrType { get; }

    /// <summary>CRC-64-AVRO fingerprint of the Parsing Canonical Form (the single-object encoding header value).</summary>
    public ulong Fingerprint { get; }

    /// <summary>SHA-256 of the Parsing Canonical Form as lowercase hex.</summary>
    public string Sha256Fingerprint { get; }

    /// <summary>The schema text.</summary>
    public string Schema { get; }

    /// <summary>Name of the partition key field, or <see langword="null"/> when none is declared.</summary>
    public string? PartitionKeyField { get; }

    /// <summary>Name of the idempotency key field, or <see langword="null"/> when none is declared.</summary>
    public string? IdempotencyKeyField { get; }

    /// <summary>The subject's compatibility mode; decides whether data written with a newer, unknown version may be read.</summary>
    public ContractCompatibility Compatibility { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Subject} v{Version} ({Kind}, {Fingerprint:x16})";
}
