using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using Contracts.Cli;

namespace Contracts.Benchmarks.Cli
{
    /// <summary>
    /// <c>contracts check --against main</c> over a real git repository of 1,000 subjects × 5 Avro versions: main
    /// holds v1-v4 of every subject and the work tree adds v5 (a pull request that touches every subject). One
    /// operation reads the baseline from git's object store, parses 9,000 schema files and checks 4,000 pairs.
    /// </summary>
    [MemoryDiagnoser]
    public class CheckBenchmarks
    {
        private const int Subjects = 1000;
        private const int Versions = 5;

        private string _root = "";
        private string _schemas = "";

        [GlobalSetup]
        public void Setup()
        {
            _root = Path.Combine(Path.GetTempPath(), "contracts-check-bench-" + Guid.NewGuid().ToString("N"));
            _schemas = Path.Combine(_root, "schemas");
            Directory.CreateDirectory(_schemas);
            Git("init", "-q", "-b", "main");
            Git("config", "user.name", "Benchmarks");
            Git("config", "user.email", "benchmarks@contracts.invalid");
            Git("config", "commit.gpgsign", "false");
            for (var s = 0; s < Subjects; s++)
            {
                var folder = Path.Combine(_schemas, "team" + (s % 20));
                Directory.CreateDirectory(folder);
                for (var v = 1; v < Versions; v++) File.WriteAllText(Path.Combine(folder, $"Event{s}Happened.v{v}.avsc"), Schema(s, v));
            }
            Git("add", "-A");
            Git("commit", "-q", "-m", "v1-v4");
            for (var s = 0; s < Subjects; s++)
            {
                File.WriteAllText(Path.Combine(_schemas, "team" + (s % 20), $"Event{s}Happened.v{Versions}.avsc"), Schema(s, Versions));
            }
            // The run must pass: a failing check would measure the error path.
            var code = Check();
            if (code != 0) throw new InvalidOperationException($"contracts check exited {code} on the benchmark repository");
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        /// <summary>The whole command in process, as the installed tool runs it (process start-up excluded).</summary>
        [Benchmark]
        public int CheckAgainstGitBaseline() => Check();

        private int Check()
            => ContractsCli.Run(new[] { "check", "--schemas", _schemas, "--against", "main", "--format", "json" }, TextWriter.Null, TextWriter.Null);

        /// <summary>Version <paramref name="version"/> of subject <paramref name="subject"/>: each version adds one field with a default.</summary>
        private static string Schema(int subject, int version)
        {
            var b = new StringBuilder();
            b.Append("{\n  \"type\": \"record\", \"name\": \"Event").Append(subject).Append("Happened\", \"namespace\": \"bench.team").Append(subject % 20).Append("\",\n");
            b.Append("  \"doc\": \"Benchmark event.\",\n  \"fields\": [\n");
            b.Append("    {\"name\": \"id\", \"type\": \"string\"},\n");
            b.Append("    {\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}},\n");
            b.Append("    {\"name\": \"status\", \"type\": {\"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\", \"DONE\"], \"default\": \"OPEN\"}}");
            for (var v = 2; v <= version; v++)
            {
                b.Append(",\n    {\"name\": \"extra").Append(v).Append("\", \"type\": [\"null\", \"string\"], \"default\": null}");
            }
            b.Append("\n  ]\n}\n");
            return b.ToString();
        }

        private void Git(params string[] args)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(" ", args)}: {error.Result}");
        }
    }
}
