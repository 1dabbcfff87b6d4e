using System;
using System.Globalization;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// One contract version as the runtime uses it: its registration, the subject's latest known version, the header values
/// computed once, and fast accessors for the generated partition and idempotency key methods.
/// </summary>
internal sealed class ContractEntry
{
    public ContractEntry(ContractRegistration registration, ContractRegistration latest)
    {
        Registration = registration;
        Latest = latest;
        var info = registration.Info;
        VersionText = info.Version.ToString(CultureInfo.InvariantCulture);
        FingerprintText = Fingerprints.Format(info.Fingerprint);
        DataSchema = "urn:contracts:" + info.Subject + ":v" + VersionText;
        IsJsonSchemaSubject = !SchemaKinds.IsAvro(info.Schema);
        PartitionKey = ContractKeys.PartitionKey(info);
        IdempotencyKey = ContractKeys.IdempotencyKey(info);
    }

    public ContractRegistration Registration { get; }

    public ContractRegistration Latest { get; }

    public ContractInfo Info => Registration.Info;

    public Type ClrType => Registration.Info.ClrType;

    public string Subject => Registration.Info.Subject;

    public string VersionText { get; }

    public string FingerprintText { get; }

    public string DataSchema { get; }

    /// <summary>A JSON Schema subject: no Avro encoding; payloads are JSON and validated against the schema.</summary>
    public bool IsJsonSchemaSubject { get; }

    public Func<object, string>? PartitionKey { get; }

    public Func<object, string>? IdempotencyKey { get; }

    /// <summary>The wire format to write: JSON Schema subjects and contracts without an Avro codec are always JSON.</summary>
    public ContractFormat EffectiveFormat(ContractFormat requested)
        => requested == ContractFormat.AvroBinary && (IsJsonSchemaSubject || !Registration.HasAvroCodec) ? ContractFormat.Json : requested;
}
