using System;
using System.Security.Cryptography;
using System.Text;

namespace Contracts.Schema
{
    /// <summary>A schema's identity: its canonical form and the fingerprints computed from it.</summary>
    /// <param name="CanonicalForm">Avro Parsing Canonical Form, or the canonical JSON form of a JSON Schema.</param>
    /// <param name="Crc64">CRC-64-AVRO (Rabin) of the canonical form's UTF-8 bytes (what Avro single-object encoding carries).</param>
    /// <param name="Sha256">SHA-256 of the canonical form's UTF-8 bytes, lower-case hex.</param>
    public sealed record SchemaFingerprint(string CanonicalForm, ulong Crc64, string Sha256)
    {
        /// <summary>Computes both fingerprints of a canonical form.</summary>
        public static SchemaFingerprint Of(string canonicalForm)
        {
            var bytes = Encoding.UTF8.GetBytes(canonicalForm);
            return new SchemaFingerprint(canonicalForm, Fingerprints.Crc64Avro(bytes), Fingerprints.Sha256Hex(bytes));
        }

        /// <summary>The CRC-64 as 16 lower-case hex digits.</summary>
        public string Crc64Hex => Crc64.ToString("x16");
    }

    /// <summary>The fingerprint algorithms of the Avro specification.</summary>
    public static class Fingerprints
    {
        /// <summary>The CRC-64-AVRO empty value (also the polynomial seed), as the specification gives it.</summary>
        public const ulong Crc64Empty = 0xc15d213aa4d7a795UL;

        private static readonly ulong[] Table = BuildTable();

        [ThreadStatic]
        private static SHA256? _sha256;

        private static ulong[] BuildTable()
        {
            var table = new ulong[256];
            for (var i = 0; i < 256; i++)
            {
                var fp = (ulong)i;
                for (var j = 0; j < 8; j++)
                {
                    fp = (fp >> 1) ^ (Crc64Empty & (0UL - (fp & 1UL)));
                }
                table[i] = fp;
            }
            return table;
        }

        /// <summary>CRC-64-AVRO (Rabin fingerprint) of <paramref name="bytes"/>.</summary>
        public static ulong Crc64Avro(byte[] bytes)
        {
            var fp = Crc64Empty;
            foreach (var b in bytes)
            {
                fp = (fp >> 8) ^ Table[(int)(fp ^ b) & 0xff];
            }
            return fp;
        }

        /// <summary>SHA-256 of <paramref name="bytes"/> as lower-case hex.</summary>
        public static string Sha256Hex(byte[] bytes)
        {
            // Creating a hash object costs more than hashing a schema; keep one per thread.
            var sha = _sha256 ??= SHA256.Create();
            var hash = sha.ComputeHash(bytes);
            var builder = new StringBuilder(64);
            foreach (var b in hash) builder.Append(b.ToString("x2"));
            return builder.ToString();
        }
    }
}
