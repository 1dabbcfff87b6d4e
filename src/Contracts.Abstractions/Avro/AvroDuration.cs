namespace Contracts.Avro;

/// <summary>
/// The Avro <c>duration</c> logical type: a <c>fixed(12)</c> holding three little-endian unsigned
/// 32-bit counts that are independent of each other (a month is not a number of days).
/// </summary>
/// <param name="Months">Number of months.</param>
/// <param name="Days">Number of days.</param>
/// <param name="Milliseconds">Number of milliseconds.</param>
public readonly record struct AvroDuration(uint Months, uint Days, uint Milliseconds);
