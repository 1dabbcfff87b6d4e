using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Contracts.Cli.Tests
{
    /// <summary>The outcome of one run of the CLI.</summary>
    internal sealed record CliResult(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        public string All => Output + Error;

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>A temporary folder of schema files, and ways to run <c>contracts</c> on them.</summary>
    internal sealed class SchemaFolder : IDisposable
    {
        public SchemaFolder()
        {
            Root = Path.Combine(Path.GetTempPath(), "contracts-cli-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        /// <summary>Writes a file (single quotes become double quotes) and returns its path.</summary>
        public string Write(string name, string text)
        {
            var path = Path.Combine(Root, name);
            File.WriteAllText(path, text.Replace('\'', '"'));
            return path;
        }

        /// <summary>Runs the CLI in this process, as the installed tool would, with the folder as the working directory for relative names.</summary>
        public CliResult Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            // The current directory is process-wide: read and restore it under the lock, or a parallel test
            // could restore a folder that another test has deleted.
            lock (typeof(SchemaFolder))
            {
                var previous = Directory.GetCurrentDirectory();
                Directory.SetCurrentDirectory(Root);
                try
                {
                    var code = ContractsCli.Run(args, output, error);
                    return new CliResult(code, output.ToString(), error.ToString());
                }
                finally
                {
                    Directory.SetCurrentDirectory(previous);
                }
            }
        }

        /// <summary>Runs the built CLI as a separate process (<c>dotnet Contracts.Cli.dll ...</c>).</summary>
        public CliResult RunProcess(params string[] args)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Contracts.Cli.dll");
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(dll);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return new CliResult(process.ExitCode, output.Result, error);
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
