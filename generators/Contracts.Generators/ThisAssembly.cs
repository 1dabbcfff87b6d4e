namespace Contracts.Generators
{
    /// <summary>The generator's version, stamped into <c>[GeneratedCode]</c>.</summary>
    internal static class ThisAssembly
    {
        public const string Version = "0.1.0";
    }
}
