using System;
using Contracts.Avro;
using Contracts.Json;

namespace Contracts;

/// <summary>
/// One line of a generated <c>ContractRegistry</c>: a contract version and its codecs, so the runtime
/// finds every contract of an assembly without scanning it by reflection.
/// </summary>
public sealed class ContractRegistration
{
    /// <summary>Creates a registration.</summary>
    /// <param name="info">The contract version.</param>
    /// <param name="avroCodec">The <see cref="IAvroCodec{T}"/> of <see cref="ContractInfo.ClrType"/>, or <see langword="null"/>.</param>
    /// <param name="jsonCodec">The <see cref="IJsonCodec{T}"/> of <see cref="ContractInfo.ClrType"/>, or <see langword="null"/>.</param>
    public ContractRegistration(ContractInfo info, object? avroCodec, object? jsonCodec)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        AvroCodec = avroCodec;
        JsonCodec = jsonCodec;
    }

    /// <summary>Creates the registration of <typeparamref name="T"/> with its codecs.</summary>
    /// <typeparam name="T">The generated contract type.</typeparam>
    /// <param name="avroCodec">Its Avro codec, or <see langword="null"/>.</param>
    /// <param name="jsonCodec">Its JSON codec, or <see langword="null"/>.</param>
    public static ContractRegistration Create<T>(IAvroCodec<T>? avroCodec, IJsonCodec<T>? jsonCodec)
        where T : IContract
        => new(T.ContractInfo, avroCodec, jsonCodec);

    /// <summary>Subject, version, kind, CLR type, fingerprints and schema.</summary>
    public ContractInfo Info { get; }

    /// <summary>The contract's Avro binary codec (an <see cref="IAvroCodec{T}"/>), or <see langword="null"/> when not generated.</summary>
    public object? AvroCodec { get; }

    /// <summary>The contract's JSON codec (an <see cref="IJsonCodec{T}"/>), or <see langword="null"/> when not generated.</summary>
    public object? JsonCodec { get; }

    /// <summary>The Avro codec typed for <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    public IAvroCodec<T>? GetAvroCodec<T>() => AvroCodec as IAvroCodec<T>;

    /// <summary>The JSON codec typed for <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    public IJsonCodec<T>? GetJsonCodec<T>() => JsonCodec as IJsonCodec<T>;

    /// <inheritdoc/>
    public override string ToString() => Info.ToString();
}
