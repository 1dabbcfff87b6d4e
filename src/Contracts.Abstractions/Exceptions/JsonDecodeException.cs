using System;

namespace Contracts.Exceptions;

/// <summary>
/// JSON input could not be decoded into a contract: malformed JSON, a missing required property,
/// a token of the wrong type, an unknown enum symbol, or a value outside its logical type's range.
/// </summary>
public sealed class JsonDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="byteOffset">Byte offset in the input where the offending token starts.</param>
    /// <param name="reason">What was wrong, without the position.</param>
    /// <param name="propertyName">The JSON property being read, when known.</param>
    /// <param name="lineNumber">0-based line of <paramref name="byteOffset"/>, when known.</param>
    /// <param name="bytePositionInLine">0-based byte position within that line, when known.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public JsonDecodeException(
        long byteOffset,
        string reason,
        string? propertyName = null,
        long? lineNumber = null,
        long? bytePositionInLine = null,
        Exception? innerException = null)
        : base(Format(byteOffset, reason, propertyName, lineNumber, bytePositionInLine), innerException)
    {
        ByteOffset = byteOffset;
        Reason = reason;
        PropertyName = propertyName;
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>Byte offset in the input where the offending token starts.</summary>
    public long ByteOffset { get; }

    /// <summary>What was wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The JSON property being read, when known.</summary>
    public string? PropertyName { get; }

    /// <summary>0-based line number, when known.</summary>
    public long? LineNumber { get; }

    /// <summary>0-based byte position within the line, when known.</summary>
    public long? BytePositionInLine { get; }

    /// <summary>Returns a copy that also carries the line and position computed from the input.</summary>
    /// <param name="utf8Json">The complete input the offset refers to.</param>
    public JsonDecodeException WithLineInfo(ReadOnlySpan<byte> utf8Json)
    {
        if (LineNumber is not null || ByteOffset < 0 || ByteOffset > utf8Json.Length)
        {
            return this;
        }

        ReadOnlySpan<byte> before = utf8Json[..(int)ByteOffset];
        long line = before.Count((byte)'\n');
        int lastNewLine = before.LastIndexOf((byte)'\n');
        long column = ByteOffset - (lastNewLine + 1);
        return new JsonDecodeException(ByteOffset, Reason, PropertyName, line, column, InnerException);
    }

    private static string Format(long offset, string reason, string? property, long? line, long? column)
    {
        // Properties are 0-based like System.Text.Json's; the message counts from 1 for people.
        string where = line is null ? $"byte {offset}" : $"byte {offset} (line {line + 1}, column {column + 1})";
        return property is null
            ? $"Invalid JSON at {where}: {reason}"
            : $"Invalid JSON at {where}, property '{property}': {reason}";
    }
}
