using System;
using System.Collections.Generic;
using Contracts.Schema.Avro;

namespace Contracts.Schema.Compatibility.Avro
{
    /// <summary>
    /// Avro reader/writer compatibility with the semantics of Apache Avro's Java
    /// <c>SchemaCompatibility.checkReaderWriterCompatibility</c>: can data written with the writer schema
    /// always be decoded with the reader schema? Every incompatibility is reported, not only the first.
    /// </summary>
    /// <remarks>
    /// Logical types are ignored (as Java does): a <c>decimal</c> reads like its underlying <c>bytes</c>.
    /// Recursive schemas terminate: a reader/writer pair met again while it is still being checked is
    /// assumed compatible unless proven otherwise elsewhere, exactly as Java's memoization does.
    /// </remarks>
    public static class AvroCompatibility
    {
        /// <summary>
        /// Every reason why <paramref name="reader"/> cannot read data written with <paramref name="writer"/>;
        /// empty when it always can.
        /// </summary>
        /// <exception cref="ArgumentException">A schema has parse errors (no <see cref="SchemaParseResult.Root"/>).</exception>
        public static IReadOnlyList<CompatibilityIssue> CheckCanRead(AvroParseResult reader, AvroParseResult writer)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            if (writer is null) throw new ArgumentNullException(nameof(writer));
            if (reader.Root is null) throw new ArgumentException("the reader schema has errors; check its diagnostics first", nameof(reader));
            if (writer.Root is null) throw new ArgumentException("the writer schema has errors; check its diagnostics first", nameof(writer));
            return new AvroPairChecker(reader, writer).Run();
        }

        /// <summary>True when <paramref name="reader"/> can read every datum written with <paramref name="writer"/>.</summary>
        public static bool CanRead(AvroParseResult reader, AvroParseResult writer) => CheckCanRead(reader, writer).Count == 0;

        /// <summary>The pair checker in the shape the history layer takes (<see cref="SubjectCompatibility"/>).</summary>
        public static CanReadCheck<AvroParseResult> Checker { get; } = CheckCanRead;
    }
}
