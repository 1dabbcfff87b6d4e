using System;
using System.Buffers;
using System.Threading.Tasks;
using Contracts.Exceptions;
using Wolverine;
using Wolverine.Runtime.Serialization;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// A Wolverine message serializer over the generated codecs, one instance per wire format. Contracts are written with
/// their codec; on receipt the envelope's fingerprint header names the writer's version, which is decoded and upcast to
/// the latest known version (or, for a newer unknown version, resolved by <see cref="ForwardReader"/>). Messages that
/// are not contracts go to the serializer this one replaced (Wolverine's System.Text.Json serializer).
/// </summary>
internal sealed class ContractSerializer : IAsyncMessageSerializer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    private readonly ContractsRuntime _runtime;
    private readonly IMessageSerializer _fallback;

    public ContractSerializer(ContractsRuntime runtime, ContractFormat format, IMessageSerializer fallback)
    {
        _runtime = runtime;
        Format = format;
        _fallback = fallback;
        ContentType = format == ContractFormat.Json ? ContractContentTypes.Json : ContractContentTypes.AvroBinary;
    }

    public ContractFormat Format { get; }

    public string ContentType { get; }

    /// <summary>The serializer used for messages that are not contracts.</summary>
    public IMessageSerializer Fallback => _fallback;

    public byte[] Write(Envelope envelope) => envelope.Message is { } message && _runtime.Find(message.GetType()) is { } entry
        ? Encode(entry, message)
        : _fallback.Write(envelope);

    public byte[] WriteMessage(object message) => _runtime.Find(message.GetType()) is { } entry
        ? Encode(entry, message)
        : _fallback.WriteMessage(message);

    public ValueTask<byte[]> WriteAsync(Envelope envelope) => new(Write(envelope));

    public object ReadFromData(byte[] data) => _fallback.ReadFromData(data);

    public object ReadFromData(Type messageType, Envelope envelope)
    {
        var read = ReadFromDataAsync(messageType, envelope);
        return (read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult())!;
    }

    public ValueTask<object?> ReadFromDataAsync(Type messageType, Envelope envelope)
    {
        var target = _runtime.Find(messageType);
        if (target is null)
        {
            return new ValueTask<object?>(_fallback.ReadFromData(messageType, envelope));
        }

        try
        {
            var data = envelope.Data ?? throw new InvalidOperationException($"Envelope {envelope.Id} of {target.Subject} has no payload.");
            var writer = WriterOf(envelope, target, out var fingerprint, out var subject);
            if (writer is null)
            {
                return ReadNewerAsync(envelope, fingerprint, subject, data);
            }

            return new ValueTask<object?>(Decode(envelope, writer, data));
        }
        catch (Exception e)
        {
            ContractsInstrumentation.DeadLettered(target.Subject, e);
            throw;
        }
    }

    private async ValueTask<object?> ReadNewerAsync(Envelope envelope, ulong fingerprint, string subject, byte[] data)
    {
        try
        {
            var message = await _runtime.ForwardReader.ReadAsync(fingerprint, subject, Format, data, default).ConfigureAwait(false);
            ContractsInstrumentation.Upcast(subject, envelope.Headers.TryGetValue(ContractHeaders.SchemaVersion, out var v) ? v : null);
            return message;
        }
        catch (Exception e)
        {
            ContractsInstrumentation.DeadLettered(subject, e);
            if (e is JsonDecodeException or AvroDecodeException)
            {
                throw new ContractDecodeException(subject, 0,
                    $"Cannot decode message {envelope.Id} ({ContentType}, {data.Length} bytes) written with unknown schema {Fingerprints.Format(fingerprint)} of {subject}: {e.Message}", e);
            }

            throw;
        }
    }

    /// <summary>The writer's version from the headers: fingerprint first, then subject + version, else the routed type.</summary>
    private ContractEntry? WriterOf(Envelope envelope, ContractEntry target, out ulong fingerprint, out string subject)
    {
        var headers = envelope.Headers;
        subject = headers.TryGetValue(ContractHeaders.Type, out var type) && !string.IsNullOrEmpty(type) ? type : target.Subject;
        if (headers.TryGetValue(ContractHeaders.SchemaFingerprint, out var text))
        {
            if (!Fingerprints.TryParse(text, out fingerprint))
            {
                throw new ContractDecodeException(subject, 0,
                    $"Message {envelope.Id} of {subject} has an invalid {ContractHeaders.SchemaFingerprint} header '{text}' (16 hex digits expected).",
                    new FormatException(text));
            }

            return _runtime.FindByFingerprint(fingerprint);
        }

        fingerprint = target.Info.Fingerprint;
        if (headers.TryGetValue(ContractHeaders.SchemaVersion, out var versionText) && int.TryParse(versionText, out var version) &&
            _runtime.Catalog.Find(subject, version) is { } byVersion)
        {
            return _runtime.FindByFingerprint(byVersion.Info.Fingerprint);
        }

        // No contract headers (a peer that does not use UseContracts): the routed type is the writer.
        return target;
    }

    private object Decode(Envelope envelope, ContractEntry writer, byte[] data)
    {
        object message;
        try
        {
            if (Format == ContractFormat.Json)
            {
                if (writer.IsJsonSchemaSubject && _runtime.Options.ValidateJsonSchemaPayloads)
                {
                    _runtime.Validator.Validate(writer.Subject, writer.Info.Version, writer.Info.Fingerprint, writer.Info.Schema, data);
                }

                message = writer.Registration.ReadJson(data);
            }
            else
            {
                message = writer.Registration.ReadAvro(data, _runtime.Options.DecodeLimits);
            }
        }
        catch (Exception e) when (e is AvroDecodeException or JsonDecodeException or NotSupportedException)
        {
            throw new ContractDecodeException(writer.Subject, writer.Info.Version,
                $"Cannot decode message {envelope.Id} as {writer.Subject} v{writer.Info.Version} ({ContentType}, {data.Length} bytes): {e.Message}", e);
        }

        if (writer.Registration.IsLatest)
        {
            return message;
        }

        ContractsInstrumentation.Upcast(writer.Subject, writer.VersionText);
        return writer.Registration.UpcastToLatest(message);
    }

    private byte[] Encode(ContractEntry entry, object message)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        if (entry.EffectiveFormat(Format) == ContractFormat.Json)
        {
            if (Format != ContractFormat.Json)
            {
                throw new InvalidOperationException(
                    $"{entry.Subject} v{entry.Info.Version} has no Avro codec; it is written as JSON. The envelope should have been routed to the JSON serializer by UseContracts.");
            }

            entry.Registration.WriteJson(buffer, message);
        }
        else
        {
            entry.Registration.WriteAvro(buffer, message);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
