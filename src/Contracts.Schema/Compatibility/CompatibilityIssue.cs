using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Compatibility
{
    /// <summary>
    /// One reason why a reader schema cannot read data written with a writer schema.
    /// </summary>
    /// <param name="RuleId">Stable rule id (<c>CTR2xxx</c>); each has a page under <c>docs/diagnostics/</c>.</param>
    /// <param name="Message">What is incompatible, naming the field, symbol or type.</param>
    /// <param name="Fix">One sentence that says how to fix it.</param>
    /// <param name="ReaderPointer">JSON pointer of the offending part in the reader schema.</param>
    /// <param name="WriterPointer">JSON pointer of the offending part in the writer schema.</param>
    /// <param name="ReaderLocation">Where that part stands in the reader's file, when known.</param>
    /// <param name="WriterLocation">Where that part stands in the writer's file, when known.</param>
    /// <param name="ReaderFragment">The reader schema fragment (compact JSON), when it helps.</param>
    /// <param name="WriterFragment">The writer schema fragment (compact JSON), when it helps.</param>
    public sealed record CompatibilityIssue(
        string RuleId,
        string Message,
        string Fix,
        string ReaderPointer,
        string WriterPointer,
        SourceSpan? ReaderLocation,
        SourceSpan? WriterLocation,
        string? ReaderFragment,
        string? WriterFragment)
    {
        /// <summary>
        /// Where the check that failed stands, as Apache Avro's Java <c>SchemaCompatibility</c> (and so Confluent
        /// Schema Registry's messages) report it: the path walked from the root, e.g. <c>/fields/3/type/1</c>
        /// (reader field positions, writer union branch indexes); empty when the format has no such path.
        /// </summary>
        public string Path { get; init; } = "";
    }
}
