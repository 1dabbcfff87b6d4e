using System;
using System.Buffers;
using System.Text.Json;
using Contracts.Avro;
using Contracts.Json;

namespace Contracts;

/// <summary>
/// One line of a generated <c>ContractRegistry</c>: a contract version, its codecs and its way to the
/// subject's latest version, so the runtime finds, decodes and upcasts every contract of an assembly
/// without scanning it by reflection.
/// </summary>
/// <remarks>
/// The untyped members (<see cref="ReadAvro"/>, <see cref="WriteAvro"/>, <see cref="ReadJson"/>,
/// <see cref="WriteJson"/>, <see cref="UpcastToLatest"/>) exist for hosts such as message serializers
/// that only know a message as <see cref="object"/>; they call the generated, typed code directly.
/// </remarks>
public abstract class ContractRegistration
{
    private protected ContractRegistration(ContractInfo info, Type latestType)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(latestType);
        Info = info;
        LatestType = latestType;
    }

    /// <summary>Creates the registration of <typeparamref name="T"/>, the latest version of its subject.</summary>
    /// <typeparam name="T">The generated contract type.</typeparam>
    /// <param name="avroCodec">Its Avro codec, or <see langword="null"/>.</param>
    /// <param name="jsonCodec">Its JSON codec, or <see langword="null"/>.</param>
    public static ContractRegistration Create<T>(IAvroCodec<T>? avroCodec, IJsonCodec<T>? jsonCodec)
        where T : class, IContract
        => new Typed<T>(T.ContractInfo, avroCodec, jsonCodec, typeof(T), null);

    /// <summary>
    /// Creates the registration of <typeparamref name="T"/>, an earlier version of a subject whose latest
    /// version is <typeparamref name="TLatest"/>, with the composed upcaster between them.
    /// </summary>
    /// <typeparam name="T">The generated contract type of this version.</typeparam>
    /// <typeparam name="TLatest">The generated contract type of the subject's latest version.</typeparam>
    /// <param name="avroCodec">Its Avro codec, or <see langword="null"/>.</param>
    /// <param name="jsonCodec">Its JSON codec, or <see langword="null"/>.</param>
    /// <param name="upcastToLatest">Turns a value of this version into the latest version.</param>
    public static ContractRegistration Create<T, TLatest>(IAvroCodec<T>? avroCodec, IJsonCodec<T>? jsonCodec, Func<T, TLatest> upcastToLatest)
        where T : class, IContract
        where TLatest : class, IContract
    {
        ArgumentNullException.ThrowIfNull(upcastToLatest);
        if (!string.Equals(T.ContractInfo.Subject, TLatest.ContractInfo.Subject, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"{typeof(T)} ({T.ContractInfo.Subject}) and {typeof(TLatest)} ({TLatest.ContractInfo.Subject}) are different subjects.",
                nameof(upcastToLatest));
        }
        return new Typed<T>(T.ContractInfo, avroCodec, jsonCodec, typeof(TLatest), value => upcastToLatest(value));
    }

    /// <summary>Subject, version, kind, CLR type, fingerprints and schema.</summary>
    public ContractInfo Info { get; }

    /// <summary>The CLR type of the subject's latest version known to the assembly that registered this contract.</summary>
    public Type LatestType { get; }

    /// <summary>Whether this is the latest version of its subject (no upcast needed).</summary>
    public bool IsLatest => LatestType == Info.ClrType;

    /// <summary>The contract's Avro binary codec (an <see cref="IAvroCodec{T}"/>), or <see langword="null"/> when not generated.</summary>
    public abstract object? AvroCodec { get; }

    /// <summary>The contract's JSON codec (an <see cref="IJsonCodec{T}"/>), or <see langword="null"/> when not generated.</summary>
    public abstract object? JsonCodec { get; }

    /// <summary>Whether an Avro codec was generated for this contract.</summary>
    public bool HasAvroCodec => AvroCodec is not null;

    /// <summary>Whether a JSON codec was generated for this contract.</summary>
    public bool HasJsonCodec => JsonCodec is not null;

    /// <summary>The Avro codec typed for <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    public IAvroCodec<T>? GetAvroCodec<T>() => AvroCodec as IAvroCodec<T>;

    /// <summary>The JSON codec typed for <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    public IJsonCodec<T>? GetJsonCodec<T>() => JsonCodec as IJsonCodec<T>;

    /// <summary>Decodes an Avro binary body (no single-object header) written with this version's schema.</summary>
    /// <param name="body">The Avro binary encoding of one value.</param>
    /// <param name="limits">Decode limits, or <see langword="null"/> for <see cref="DecodeLimits.Default"/>.</param>
    /// <exception cref="NotSupportedException">No Avro codec was generated for this contract.</exception>
    /// <exception cref="Exceptions.AvroDecodeException">The bytes are not a valid value of this schema.</exception>
    public abstract object ReadAvro(ReadOnlySpan<byte> body, DecodeLimits? limits = null);

    /// <summary>Encodes <paramref name="message"/> as an Avro binary body (no single-object header).</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="message">A value of <see cref="ContractInfo.ClrType"/>.</param>
    /// <exception cref="NotSupportedException">No Avro codec was generated for this contract.</exception>
    public abstract void WriteAvro(IBufferWriter<byte> output, object message);

    /// <summary>Decodes one JSON document written for this version.</summary>
    /// <param name="utf8Json">The UTF-8 JSON text.</param>
    /// <exception cref="NotSupportedException">No JSON codec was generated for this contract.</exception>
    /// <exception cref="Exceptions.JsonDecodeException">The JSON is not a valid value of this contract.</exception>
    public abstract object ReadJson(ReadOnlySpan<byte> utf8Json);

    /// <summary>Encodes <paramref name="message"/> as one JSON document.</summary>
    /// <param name="output">Where the UTF-8 bytes go.</param>
    /// <param name="message">A value of <see cref="ContractInfo.ClrType"/>.</param>
    /// <exception cref="NotSupportedException">No JSON codec was generated for this contract.</exception>
    public abstract void WriteJson(IBufferWriter<byte> output, object message);

    /// <summary>
    /// Turns a value of this version into the subject's latest version through the generated upcaster
    /// chain; returns <paramref name="message"/> itself when this is the latest version.
    /// </summary>
    /// <param name="message">A value of <see cref="ContractInfo.ClrType"/>.</param>
    public abstract object UpcastToLatest(object message);

    /// <inheritdoc/>
    public override string ToString() => IsLatest ? Info.ToString() : $"{Info} → {LatestType.Name}";

    private sealed class Typed<T> : ContractRegistration
        where T : class, IContract
    {
        private readonly IAvroCodec<T>? _avro;
        private readonly IJsonCodec<T>? _json;
        private readonly Func<T, object>? _upcast;

        public Typed(ContractInfo info, IAvroCodec<T>? avro, IJsonCodec<T>? json, Type latestType, Func<T, object>? upcast)
            : base(info, latestType)
        {
            _avro = avro;
            _json = json;
            _upcast = upcast;
        }

        public override object? AvroCodec => _avro;

        public override object? JsonCodec => _json;

        public override object ReadAvro(ReadOnlySpan<byte> body, DecodeLimits? limits = null)
            => (_avro ?? throw NoCodec("Avro")).Read(body, limits);

        public override void WriteAvro(IBufferWriter<byte> output, object message)
            => (_avro ?? throw NoCodec("Avro")).Write(output, Cast(message));

        public override object ReadJson(ReadOnlySpan<byte> utf8Json)
            => (_json ?? throw NoCodec("JSON")).Read(utf8Json);

        public override void WriteJson(IBufferWriter<byte> output, object message)
            => (_json ?? throw NoCodec("JSON")).Write(output, Cast(message));

        public override object UpcastToLatest(object message)
        {
            var value = Cast(message);
            return _upcast is null ? value : _upcast(value);
        }

        private T Cast(object message)
        {
            ArgumentNullException.ThrowIfNull(message);
            return message as T ?? throw new ArgumentException(
                $"Expected a {typeof(T)} for {Info.Subject} v{Info.Version}, got a {message.GetType()}.", nameof(message));
        }

        private NotSupportedException NoCodec(string format) => new(
            $"No {format} codec was generated for {Info.Subject} v{Info.Version}; enable it with the ContractsCodecs MSBuild property.");
    }
}
