using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>The crash-test child (tests/Contracts.Storage.Sqlite.CrashChild), run as `dotnet &lt;dll&gt; args`.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _firstSeen = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ChildProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _firstSeen.TryAdd(e.Data, _clock.Elapsed);
                _lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _errors.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string DllPath
    {
        get
        {
            // tests/Contracts.Storage.Sqlite.Tests/bin/<Configuration>/net10.0/ -> the child's output in the same configuration.
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var testsFolder = testOutput.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(testsFolder, "Contracts.Storage.Sqlite.CrashChild", "bin", configuration, framework, "Contracts.Storage.Sqlite.CrashChild.dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The crash-test child is not built at {path}; build tests/Contracts.Storage.Sqlite.Tests (it builds the child).", path);
            }

            return path;
        }
    }

    public static ChildProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the crash-test child."));
    }

    public bool Printed(string line) => _lines.Contains(line);

    /// <summary>How long after the start the line was first printed, if it was.</summary>
    public TimeSpan? PrintedAfter(string line) => _firstSeen.TryGetValue(line, out var at) ? at : null;

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Age => _clock.Elapsed;

    public bool HasExited => _process.HasExited;

    public string Errors => string.Join(Environment.NewLine, _errors);

    public Task WaitForLineAsync(string line, TimeSpan timeout) =>
        Eventually.UntilAsync(() =>
        {
            if (_process.HasExited && !_lines.Contains(line))
            {
                throw new InvalidOperationException($"The child exited with code {_process.ExitCode} before printing '{line}'. Its errors:{Environment.NewLine}{Errors}");
            }

            return _lines.Contains(line);
        }, $"the child to print '{line}'", timeout);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            await KillAsync();
            throw new TimeoutException($"The child did not exit within {timeout.TotalSeconds:0} s. Its errors:{Environment.NewLine}{Errors}");
        }

        await exited;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
