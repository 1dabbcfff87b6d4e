using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>The store side of Contracts.Wolverine: the schema table and the business idempotency keys.</summary>
internal sealed partial class PostgresMessageStore : IContractSchemaStore, IIdempotencyKeyStore
{
    public async Task RegisterSchemasAsync(IReadOnlyCollection<StoredContractSchema> schemas, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        await EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        await Database.InTransactionAsync(async (connection, transaction, token) =>
        {
            foreach (var schema in schemas)
            {
                await using var insert = EnvelopeRows.Command(connection,
                        $"INSERT INTO {Database.Tables.ContractSchemas} (fingerprint, subject, version, schema_text, first_seen) " +
                        "VALUES (@fingerprint, @subject, @version, @schema, @firstSeen) ON CONFLICT (fingerprint) DO NOTHING;", transaction)
                    .With("fingerprint", unchecked((long)schema.Fingerprint))
                    .With("subject", schema.Subject)
                    .With("version", schema.Version)
                    .With("schema", schema.Schema)
                    .With("firstSeen", schema.FirstSeen.ToUniversalTime());
                await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, "registering contract schemas", cancellation).ConfigureAwait(false);
    }

    public async Task<StoredContractSchema?> FindSchemaAsync(ulong fingerprint, CancellationToken cancellation)
    {
        await EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        return await Database.RunAsync<StoredContractSchema?>(async (connection, _, token) =>
        {
            await using var select = EnvelopeRows.Command(connection,
                    $"SELECT subject, version, schema_text, first_seen FROM {Database.Tables.ContractSchemas} WHERE fingerprint = @fingerprint;")
                .With("fingerprint", unchecked((long)fingerprint));
            await using var reader = await select.ExecuteReaderAsync(token).ConfigureAwait(false);
            return await reader.ReadAsync(token).ConfigureAwait(false)
                ? new StoredContractSchema(fingerprint, reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
                : null;
        }, "looking up a contract schema", cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Two statements on purpose: the insert waits for a concurrent claim of the same key to commit (unique index) and
    /// then does nothing; the select, with a snapshot taken after that, sees the winner. One statement would read with
    /// the snapshot from before the wait and see no holder at all. A retry after a lost acknowledgement finds its own id.
    /// </summary>
    public async Task<bool> TryClaimIdempotencyKeyAsync(string subject, string key, Guid messageId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(key);
        await EnsureSchemaAsync(cancellation).ConfigureAwait(false);
        return await Database.RunAsync(async (connection, _, token) =>
        {
            await using (var insert = EnvelopeRows.Command(connection,
                                 $"INSERT INTO {Database.Tables.IdempotencyKeys} (subject, key, message_id) VALUES (@subject, @key, @id) ON CONFLICT DO NOTHING;")
                             .With("subject", subject).With("key", key).With("id", messageId))
            {
                await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await using var holder = EnvelopeRows.Command(connection,
                    $"SELECT message_id FROM {Database.Tables.IdempotencyKeys} WHERE subject = @subject AND key = @key;")
                .With("subject", subject).With("key", key);
            return await holder.ExecuteScalarAsync(token).ConfigureAwait(false) is Guid id && id == messageId;
        }, $"claiming idempotency key '{key}' of {subject}", cancellation).ConfigureAwait(false);
    }
}
