using System;

namespace Contracts.Internal;

/// <summary>Tick arithmetic shared by the Avro time logical types.</summary>
internal static class UnixEpoch
{
    internal const long Ticks = 621_355_968_000_000_000; // DateTime.UnixEpoch.Ticks
    internal const int DayNumber = 719_162;               // DateOnly(1970, 1, 1).DayNumber
    internal const long TicksPerMicrosecond = 10;

    // Range of DateTime/DateTimeOffset expressed since the epoch, per unit.
    internal const long MinMillis = -Ticks / TimeSpan.TicksPerMillisecond;
    internal const long MaxMillis = (3_155_378_975_999_999_999 - Ticks) / TimeSpan.TicksPerMillisecond;
    internal const long MinMicros = -Ticks / TicksPerMicrosecond;
    internal const long MaxMicros = (3_155_378_975_999_999_999 - Ticks) / TicksPerMicrosecond;

    /// <summary>Division rounding toward negative infinity, as Java's <c>Math.floorDiv</c> (the reference implementation's Instant conversions).</summary>
    internal static long FloorDiv(long value, long divisor)
    {
        long quotient = value / divisor;
        return (value % divisor) < 0 ? quotient - 1 : quotient;
    }
}
