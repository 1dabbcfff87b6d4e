namespace Contracts.Wolverine;

/// <summary>How a contract's payload is written on the wire.</summary>
public enum ContractFormat
{
    /// <summary>Avro binary, without the single-object header (the schema is named by headers); content type <c>avro/binary</c>.</summary>
    AvroBinary = 0,

    /// <summary>The generated JSON codec; content type <c>application/json</c>.</summary>
    Json = 1,
}
