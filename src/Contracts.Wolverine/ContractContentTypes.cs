namespace Contracts.Wolverine;

/// <summary>The content types of the contract serializers.</summary>
public static class ContractContentTypes
{
    /// <summary>Avro binary encoding of one value, written with the schema named by the envelope headers.</summary>
    public const string AvroBinary = "avro/binary";

    /// <summary>One JSON document.</summary>
    public const string Json = "application/json";
}
