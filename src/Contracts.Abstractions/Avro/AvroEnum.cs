using Contracts.Exceptions;

namespace Contracts.Avro;

/// <summary>Enum decoding for enums whose schema declares a default symbol.</summary>
public static class AvroEnum
{
    /// <summary>
    /// Reads an enum ordinal; an ordinal at or above <paramref name="symbolCount"/> (a symbol this schema
    /// does not know) reads as <paramref name="defaultOrdinal"/>, as the Avro specification's enum default says.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="symbolCount">Number of symbols.</param>
    /// <param name="defaultOrdinal">Ordinal of the schema's default symbol.</param>
    /// <exception cref="AvroDecodeException">Truncated input or a negative ordinal.</exception>
    public static int ReadOrDefault(ref AvroReader reader, int symbolCount, int defaultOrdinal)
    {
        int start = reader.Position;
        int ordinal = reader.ReadInt();
        if (ordinal < 0)
        {
            throw new AvroDecodeException(start, $"enum ordinal {ordinal} is negative");
        }

        return ordinal < symbolCount ? ordinal : defaultOrdinal;
    }
}
