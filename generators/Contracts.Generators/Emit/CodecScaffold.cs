namespace Contracts.Generators.Emit
{
    /// <summary>
    /// The part every generated codec shares: namespace, docs, the class declaration (deriving from the shared codec base
    /// class in Contracts.Abstractions, which supplies the buffer-level entry points), the singleton and the two
    /// low-level entry points that forward to the root record's write and read methods.
    /// </summary>
    internal static class CodecScaffold
    {
        /// <summary>
        /// Opens the namespace and the codec class in <paramref name="w"/> (after the contract's record, in the same
        /// file) and writes the shared members. The caller writes the rest and
        /// closes both blocks. <paramref name="writeParameter"/> is the writer parameter of the low-level write
        /// (e.g. <c>ref AvroWriter writer</c>), <paramref name="writeArgument"/> how it is passed on (<c>ref writer</c>),
        /// and <paramref name="readParameter"/> the reader type taken by <c>ref</c>.
        /// </summary>
        public static void Open(SourceWriter w, ContractPlan plan, string name, string summary, string codecBase, string writeParameter, string writeArgument, string readParameter)
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
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public override void Write(" + writeParameter + ", " + plan.Clr + " value) => Write" + plan.Root.Index + "(" + writeArgument + ", value);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public override " + plan.Clr + " Read(ref " + readParameter + " reader) => Read" + plan.Root.Index + "(ref reader);");
        }
    }
}
