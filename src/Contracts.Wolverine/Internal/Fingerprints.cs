using System;
using System.Globalization;

namespace Contracts.Wolverine.Internal;

/// <summary>The text form of a CRC-64-AVRO fingerprint in headers: 16 lowercase hex digits.</summary>
internal static class Fingerprints
{
    public static string Format(ulong fingerprint) => fingerprint.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ulong fingerprint)
    {
        fingerprint = 0;
        return text is { Length: 16 } && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out fingerprint);
    }
}
