using BenchmarkDotNet.Running;

namespace Contracts.Benchmarks
{
    /// <summary>Runs the benchmarks named on the command line, e.g. <c>--filter *Compatibility* --job short</c>.</summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
