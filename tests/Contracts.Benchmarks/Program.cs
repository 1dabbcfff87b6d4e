using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/Contracts.Benchmarks -- --filter '*'
// One class: dotnet run -c Release --project tests/Contracts.Benchmarks -- --filter '*SchemaParseBenchmarks*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point marker.</summary>
public partial class Program;
