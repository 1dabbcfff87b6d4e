namespace Contracts.Wolverine;

/// <summary>
/// Envelope header names written by <c>UseContracts</c>. They are CloudEvents 1.0 attributes in binary content mode
/// (<c>ce-</c> prefix), so that a peer that is not .NET and knows nothing of Wolverine can read them; the trace
/// context uses the W3C names. See docs/wolverine.md for the mapping table.
/// </summary>
public static class ContractHeaders
{
    /// <summary>CloudEvents <c>specversion</c>: always <c>1.0</c>.</summary>
    public const string SpecVersion = "ce-specversion";

    /// <summary>CloudEvents <c>type</c>: the contract's subject.</summary>
    public const string Type = "ce-type";

    /// <summary>CloudEvents <c>source</c>: the publishing service (<c>/</c> + Wolverine's service name unless configured).</summary>
    public const string Source = "ce-source";

    /// <summary>CloudEvents <c>id</c>: the envelope (message) id.</summary>
    public const string Id = "ce-id";

    /// <summary>CloudEvents <c>time</c>: when the message was published, RFC 3339 UTC.</summary>
    public const string Time = "ce-time";

    /// <summary>CloudEvents <c>dataschema</c>: <c>urn:contracts:&lt;subject&gt;:v&lt;version&gt;</c>.</summary>
    public const string DataSchema = "ce-dataschema";

    /// <summary>Extension <c>schemaversion</c>: the contract version the payload was written with.</summary>
    public const string SchemaVersion = "ce-schemaversion";

    /// <summary>Extension <c>schemafingerprint</c>: CRC-64-AVRO fingerprint of the writer schema, 16 lowercase hex digits.</summary>
    public const string SchemaFingerprint = "ce-schemafingerprint";

    /// <summary>CloudEvents Partitioning extension <c>partitionkey</c>: the value of the subject's partition key field.</summary>
    public const string PartitionKey = "ce-partitionkey";

    /// <summary>Extension <c>idempotencykey</c>: the value of the subject's idempotency key field.</summary>
    public const string IdempotencyKey = "ce-idempotencykey";

    /// <summary>Extension <c>causationid</c>: the id of the message whose handler published this one.</summary>
    public const string CausationId = "ce-causationid";

    /// <summary>Extension <c>correlationid</c>: the correlation id shared by a whole conversation.</summary>
    public const string CorrelationId = "ce-correlationid";

    /// <summary>W3C trace context <c>traceparent</c> of the producer's span.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace context <c>tracestate</c> of the producer's span, when it has one.</summary>
    public const string TraceState = "tracestate";

    /// <summary>CloudEvents <c>datacontenttype</c> in binary mode; the same header Wolverine uses for its content type.</summary>
    public const string ContentType = "content-type";
}
