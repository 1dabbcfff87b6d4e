using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/Contracts.Benchmarks -- --filter '*'
// One class: dotnet run -c Release --project tests/Contracts.Benchmarks -- --filter '*SchemaParseBenchmarks*'
// 1 versus 3 consumer processes on the PostgreSQL queue (not BenchmarkDotNet; see Postgres/ScalingRunner.cs):
//   dotnet run -c Release --project tests/Contracts.Benchmarks -- scaling [messages] [repetitions] [delays ms]
if (args.Length > 0 && args[0] == "scaling")
{
    return await Contracts.Benchmarks.Postgres.ScalingRunner.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point marker.</summary>
public partial class Program;
