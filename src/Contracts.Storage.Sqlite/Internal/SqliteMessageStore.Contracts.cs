using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Wolverine;
using Microsoft.Data.Sqlite;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>The store side of Contracts.Wolverine: the schema table, the business idempotency keys and store-neutral outbox transactions.</summary>
internal sealed partial class SqliteMessageStore : IContractSchemaStore, IIdempotencyKeyStore, IOutboxTransactionSource
{
    async Task<OutboxTransaction> IOutboxTransactionSource.BeginOutboxTransactionAsync(global::Wolverine.Runtime.MessageContext context, CancellationToken cancellation)
        => await SqliteMessageStoreExtensions.BeginAsync(this, context).ConfigureAwait(false);

    public Task RegisterSchemasAsync(IReadOnlyCollection<StoredContractSchema> schemas, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        return WriteAsync(transaction =>
        {
            foreach (var schema in schemas)
            {
                using var command = Command(transaction);
                command.CommandText =
                    $"INSERT OR IGNORE INTO {SchemaMigrator.ContractSchemas} (fingerprint, subject, version, schema_text, first_seen) " +
                    "VALUES (@fingerprint, @subject, @version, @schema, @firstSeen);";
                command.Parameters.AddWithValue("@fingerprint", FingerprintText(schema.Fingerprint));
                command.Parameters.AddWithValue("@subject", schema.Subject);
                command.Parameters.AddWithValue("@version", schema.Version);
                command.Parameters.AddWithValue("@schema", schema.Schema);
                command.Parameters.AddWithValue("@firstSeen", schema.FirstSeen.ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
            }

            return true;
        }, "registering contract schemas", cancellation);
    }

    public Task<StoredContractSchema?> FindSchemaAsync(ulong fingerprint, CancellationToken cancellation)
    {
        EnsureSchema();
        return Task.FromResult(Read(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT subject, version, schema_text, first_seen FROM {SchemaMigrator.ContractSchemas} WHERE fingerprint = @fingerprint;";
            command.Parameters.AddWithValue("@fingerprint", FingerprintText(fingerprint));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StoredContractSchema(fingerprint, reader.GetString(0), reader.GetInt32(1), reader.GetString(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
                : null;
        }, "looking up a contract schema"));
    }

    public Task<bool> TryClaimIdempotencyKeyAsync(string subject, string key, Guid messageId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(transaction =>
        {
            using var insert = Command(transaction);
            insert.CommandText =
                $"INSERT OR IGNORE INTO {SchemaMigrator.IdempotencyKeys} (subject, key, message_id, claimed_at) VALUES (@subject, @key, @id, @now); " +
                $"SELECT message_id FROM {SchemaMigrator.IdempotencyKeys} WHERE subject = @subject AND key = @key;";
            insert.Parameters.AddWithValue("@subject", subject);
            insert.Parameters.AddWithValue("@key", key);
            insert.Parameters.AddWithValue("@id", messageId.ToString("D"));
            insert.Parameters.AddWithValue("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var holder = (string?)insert.ExecuteScalar();
            return string.Equals(holder, messageId.ToString("D"), StringComparison.Ordinal);
        }, $"claiming idempotency key '{key}' of {subject}", cancellation);
    }

    private static SqliteCommand Command(SqliteTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static string FingerprintText(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>One short write transaction, behind this process's write gate.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> write, string doing, CancellationToken cancellation)
    {
        EnsureSchema();
        await Gate.EnterAsync(cancellation).ConfigureAwait(false);
        try
        {
            using var connection = Factory.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = write(transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw Factory.Translate(e, doing);
        }
        finally
        {
            Gate.Exit();
        }
    }
}
