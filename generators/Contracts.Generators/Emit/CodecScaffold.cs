namespace Contracts.Generators.Emit
{
    /// <summary>
    /// The part every generated codec shares: namespace, docs, the class declaration (deriving from the shared codec base
    /// class in Contracts.Abstractions, which supplies the buffer-level entry points) and the singleton. The root
    /// record's write and read methods are the codec's overrides of the base class's <c>Write</c> and <c>Read</c>
    /// (no forwarding method to compile); nested records get private static ones.
    /// </summary>
    internal static class CodecScaffold
    {
        /// <summary>
        /// Opens the namespace and the codec class in <paramref name="w"/> (after the contract's record, in the same
        /// file) and writes the shared members. The caller writes the rest and closes both blocks.
        /// </summary>
        public static void Open(SourceWriter w, ContractPlan plan, string name, string summary, string codecBase)
        {
            w.Line();
            w.Open("namespace " + plan.Namespace);
            w.Line("/// <summary>" + summary + "</summary>");
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            w.Open("public sealed class " + name + " : " + codecBase + "<" + plan.Clr + ">");
            w.Line("/// <summary>The codec (stateless, thread-safe).</summary>");
            w.Line("public static " + name + " Instance { get; } = new " + name + "();");
            w.Line();
            w.Line("private " + name + "()");
            w.Line("{");
            w.Line("}");
        }

        /// <summary>Opens the method that writes <paramref name="record"/>; <paramref name="writerParameter"/> is e.g. <c>ref AvroWriter writer</c>.</summary>
        public static void OpenWrite(SourceWriter w, RecordPlan record, string writerParameter)
        {
            if (record.IsRoot) w.Line("/// <inheritdoc/>");
            w.Open(Modifiers(record) + "void Write" + Suffix(record) + "(" + writerParameter + ", " + record.Clr + " value)");
        }

        /// <summary>Opens the method that reads <paramref name="record"/>; <paramref name="readerType"/> is the reader type taken by <c>ref</c>.</summary>
        public static void OpenRead(SourceWriter w, RecordPlan record, string readerType)
        {
            if (record.IsRoot) w.Line("/// <inheritdoc/>");
            w.Open(Modifiers(record) + record.Clr + " Read" + Suffix(record) + "(ref " + readerType + " reader)");
        }

        /// <summary>What a write method calls to write <paramref name="record"/> (the root's is an instance method).</summary>
        public static string WriteMethod(RecordPlan record) => Target(record) + "Write" + Suffix(record);

        /// <summary>What a read method calls to read <paramref name="record"/> (the root's is an instance method).</summary>
        public static string ReadMethod(RecordPlan record) => Target(record) + "Read" + Suffix(record);

        // The root's methods are the codec's overrides of Write/Read; a nested record's are private static Write{n}/Read{n}.
        private static string Modifiers(RecordPlan record) => record.IsRoot ? "public override " : "private static ";

        private static string Suffix(RecordPlan record) => record.IsRoot ? "" : record.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Target(RecordPlan record) => record.IsRoot ? "Instance." : "";
    }
}
