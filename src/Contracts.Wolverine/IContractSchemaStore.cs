using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Contracts.Wolverine;

/// <summary>One schema in a store's schema table.</summary>
/// <param name="Fingerprint">CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Version">The version.</param>
/// <param name="Schema">The schema text.</param>
/// <param name="FirstSeen">When a service first wrote it into the table.</param>
public sealed record StoredContractSchema(ulong Fingerprint, string Subject, int Version, string Schema, DateTimeOffset FirstSeen);

/// <summary>
/// The schema table of a message store: every service writes the schemas it knows at startup, so that a service that
/// receives a payload written with a newer, unknown version can find the writer's schema by its fingerprint.
/// Implemented by the message store (SQLite, PostgreSQL); <c>UseContracts</c> finds it on Wolverine's main store.
/// </summary>
public interface IContractSchemaStore
{
    /// <summary>Adds the schemas the store does not have yet; existing fingerprints are left as they are.</summary>
    /// <param name="schemas">The schemas (<see cref="StoredContractSchema.FirstSeen"/> is the time to record for new rows).</param>
    /// <param name="cancellation">Cancels the write.</param>
    Task RegisterSchemasAsync(IReadOnlyCollection<StoredContractSchema> schemas, CancellationToken cancellation);

    /// <summary>The schema with this fingerprint, or <see langword="null"/>.</summary>
    /// <param name="fingerprint">CRC-64-AVRO fingerprint.</param>
    /// <param name="cancellation">Cancels the read.</param>
    Task<StoredContractSchema?> FindSchemaAsync(ulong fingerprint, CancellationToken cancellation);
}
