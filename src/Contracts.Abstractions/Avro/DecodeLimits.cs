using System;

namespace Contracts.Avro;

/// <summary>
/// Upper bounds an <see cref="AvroReader"/> enforces before it allocates or loops on a length or
/// count read from the input. Every length is also checked against the bytes that remain, so these
/// limits matter for large inputs and for items that take no bytes (arrays of null).
/// </summary>
public sealed record DecodeLimits
{
    private readonly int _maxStringBytes = 16 * 1024 * 1024;
    private readonly int _maxBytesLength = 16 * 1024 * 1024;
    private readonly int _maxCollectionItems = 1_000_000;
    private readonly int _maxDepth = 64;

    /// <summary>The defaults: 16 MiB strings and bytes, 1,000,000 items per collection, depth 64.</summary>
    public static DecodeLimits Default { get; } = new();

    /// <summary>Largest UTF-8 length of one string, in bytes.</summary>
    public int MaxStringBytes
    {
        get => _maxStringBytes;
        init => _maxStringBytes = Positive(value);
    }

    /// <summary>Largest length of one <c>bytes</c> value, in bytes.</summary>
    public int MaxBytesLength
    {
        get => _maxBytesLength;
        init => _maxBytesLength = Positive(value);
    }

    /// <summary>Largest number of items in one array or map, summed over its blocks.</summary>
    public int MaxCollectionItems
    {
        get => _maxCollectionItems;
        init => _maxCollectionItems = Positive(value);
    }

    /// <summary>Deepest nesting of <see cref="AvroReader.EnterNested"/> calls (records, collections, unions in recursive schemas).</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init => _maxDepth = Positive(value);
    }

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
