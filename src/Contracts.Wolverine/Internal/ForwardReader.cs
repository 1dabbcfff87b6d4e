using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using global::Avro.Generic;
using global::Avro.IO;
using Wolverine.Persistence.Durability;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// Reads a payload written with a schema this service does not know: the writer schema comes from the store's schema
/// table by fingerprint; when the subject's mode allows forward reads it is resolved into the newest known version by
/// Avro's schema resolution (Apache.Avro's generic reader with writer and reader schemas), re-encoded with the reader
/// schema and decoded by the generated codec. JSON payloads are validated against the writer schema (JSON Schema
/// subjects) and read by the newest version's JSON codec.
/// </summary>
internal sealed class ForwardReader
{
    private readonly ContractsRuntime _runtime;
    private readonly ConcurrentDictionary<ulong, StoredContractSchema> _known = new();
    private readonly ConcurrentDictionary<(ulong Writer, ulong Reader), Resolver> _resolvers = new();

    public ForwardReader(ContractsRuntime runtime) => _runtime = runtime;

    public async ValueTask<object> ReadAsync(ulong fingerprint, string subject, ContractFormat format, byte[] data, CancellationToken cancellation)
    {
        var latest = _runtime.Catalog.Latest(subject);
        var unknown = "unknown writer schema " + Fingerprints.Format(fingerprint);
        if (latest is null)
        {
            throw new UnknownWriterSchemaException(fingerprint, subject, $"{unknown}: this service knows no version of subject '{subject}'.");
        }

        var mode = latest.Info.Compatibility;
        if (!mode.AllowsForwardReads())
        {
            throw new UnknownWriterSchemaException(fingerprint, subject,
                $"{unknown}: '{subject}' was written with a version this service does not know (it knows up to v{latest.Info.Version}), " +
                $"and the subject's compatibility mode {mode} does not allow reading newer versions (FORWARD, FULL or their transitive variants do).");
        }

        var writer = await FindAsync(fingerprint, cancellation).ConfigureAwait(false);
        if (writer is null)
        {
            throw new UnknownWriterSchemaException(fingerprint, subject,
                $"{unknown}: '{subject}' was written with a version this service does not know, and the schema is not in the message store's schema table " +
                "(the publishing service writes it there at startup). Re-queue the message once the publisher has started against this store.");
        }

        if (!string.Equals(writer.Subject, subject, StringComparison.Ordinal))
        {
            throw new UnknownWriterSchemaException(fingerprint, subject,
                $"{unknown}: the schema table has it as '{writer.Subject}' v{writer.Version}, but the envelope names subject '{subject}'.");
        }

        if (format == ContractFormat.Json)
        {
            if (!SchemaKinds.IsAvro(writer.Schema) && _runtime.Options.ValidateJsonSchemaPayloads)
            {
                _runtime.Validator.Validate(writer.Subject, writer.Version, writer.Fingerprint, writer.Schema, data);
            }

            return latest.ReadJson(data);
        }

        var resolver = _resolvers.GetOrAdd((fingerprint, latest.Info.Fingerprint), _ => new Resolver(writer, latest.Info));
        return latest.ReadAvro(resolver.Resolve(data), _runtime.Options.DecodeLimits);
    }

    private async ValueTask<StoredContractSchema?> FindAsync(ulong fingerprint, CancellationToken cancellation)
    {
        if (_known.TryGetValue(fingerprint, out var cached))
        {
            return cached;
        }

        if (!_runtime.Options.UseSchemaStore)
        {
            return null;
        }

        if (_runtime.Store is not IContractSchemaStore store)
        {
            var what = _runtime.Store is IMessageStore messageStore ? messageStore.GetType().Name : "no message store";
            throw new UnknownWriterSchemaException(fingerprint, null,
                $"unknown writer schema {Fingerprints.Format(fingerprint)}: the message store ({what}) has no schema table (it does not implement IContractSchemaStore).");
        }

        var found = await store.FindSchemaAsync(fingerprint, cancellation).ConfigureAwait(false);
        if (found is not null)
        {
            // Schemas are immutable per fingerprint: cache positives only, so a schema registered later is found then.
            _known[fingerprint] = found;
        }

        return found;
    }

    /// <summary>Writer → reader resolution for one pair of schemas.</summary>
    private sealed class Resolver
    {
        private readonly global::Avro.Schema _reader;
        private readonly GenericDatumReader<object> _datumReader;
        private readonly GenericDatumWriter<object> _datumWriter;
        private readonly string _description;

        public Resolver(StoredContractSchema writer, ContractInfo reader)
        {
            _description = $"{writer.Subject} v{writer.Version} ({Fingerprints.Format(writer.Fingerprint)}) into v{reader.Version}";
            try
            {
                var writerSchema = global::Avro.Schema.Parse(writer.Schema);
                _reader = global::Avro.Schema.Parse(reader.Schema);
                _datumReader = new GenericDatumReader<object>(writerSchema, _reader);
                _datumWriter = new GenericDatumWriter<object>(_reader);
            }
            catch (Exception e) when (e is global::Avro.AvroException or InvalidOperationException)
            {
                throw new UnknownWriterSchemaException(writer.Fingerprint, writer.Subject,
                    $"unknown writer schema {Fingerprints.Format(writer.Fingerprint)}: cannot resolve {_description}: {e.Message}");
            }
        }

        public byte[] Resolve(byte[] data)
        {
            try
            {
                var datum = _datumReader.Read(null!, new BinaryDecoder(new MemoryStream(data, writable: false)));
                using var output = new MemoryStream(data.Length + 16);
                _datumWriter.Write(datum, new BinaryEncoder(output));
                return output.ToArray();
            }
            catch (Exception e) when (e is global::Avro.AvroException or EndOfStreamException or InvalidCastException or IOException)
            {
                throw new Exceptions.AvroDecodeException(0, $"cannot read the payload as {_description} by Avro schema resolution: {e.Message}", e);
            }
        }
    }
}
