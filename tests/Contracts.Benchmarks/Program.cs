using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Contracts.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program
{
}
