namespace Contracts.Schema.Diagnostics
{
    /// <summary>
    /// A place in a schema file: the file path as the caller named it, the zero-based character offset
    /// and length, and the one-based line and column of the start and the end.
    /// </summary>
    public sealed record SourceSpan(string Path, int Offset, int Length, int Line, int Column, int EndLine, int EndColumn)
    {
        /// <summary>A span that points at the start of a file (used when nothing more precise is known).</summary>
        public static SourceSpan StartOf(string path) => new SourceSpan(path, 0, 0, 1, 1, 1, 1);

        /// <summary>The same span in another file path.</summary>
        public SourceSpan WithPath(string path) => string.Equals(path, Path, System.StringComparison.Ordinal) ? this : this with { Path = path };

        /// <summary><c>path(line,col)</c>, the MSBuild form.</summary>
        public override string ToString() => $"{Path}({Line},{Column})";
    }
}
