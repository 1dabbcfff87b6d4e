using BenchmarkDotNet.Running;

namespace Contracts.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (<c>--filter '*'</c> for all).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">BenchmarkDotNet arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
