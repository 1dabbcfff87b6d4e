using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Contracts.Testing
{
    /// <summary>
    /// A test's child program (a console project under tests/, built beside the test project) run as
    /// `dotnet &lt;dll&gt; args`, with its output lines captured so that a test can wait for them, and SIGKILL.
    /// </summary>
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

        /// <summary>
        /// The built dll of the child project tests/<paramref name="project"/>, in the test's own configuration and
        /// framework (the test project builds it first through a ProjectReference with ReferenceOutputAssembly=false).
        /// </summary>
        public static string DllPath(string project)
        {
            // tests/<test project>/bin/<Configuration>/<framework>/ -> tests/<project>/bin/<Configuration>/<framework>/<project>.dll
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var testsFolder = testOutput.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(testsFolder, project, "bin", configuration, framework, project + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The child program {project} is not built at {path}; build the test project (it builds the child).", path);
            }

            return path;
        }

        /// <summary>Starts tests/<paramref name="project"/> with the arguments.</summary>
        public static ChildProcess Start(string project, params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(DllPath(project));
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start the child program {project}."));
        }

        public bool Printed(string line) => _lines.Contains(line);

        /// <summary>The first line printed that starts with <paramref name="prefix"/>, if any.</summary>
        public string? FirstLineStartingWith(string prefix) => _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));

        /// <summary>How long after the start the line was first printed, if it was.</summary>
        public TimeSpan? PrintedAfter(string line) => _firstSeen.TryGetValue(line, out var at) ? at : null;

        /// <summary>Time since the process was started.</summary>
        public TimeSpan Age => _clock.Elapsed;

        public bool HasExited => _process.HasExited;

        /// <summary>The operating system's process id.</summary>
        public int Id => _process.Id;

        public string Errors => string.Join(Environment.NewLine, _errors);

        /// <summary>Waits until a line equal to <paramref name="line"/> (or, with <paramref name="prefix"/>, starting with it) is printed; returns it.</summary>
        public async Task<string> WaitForLineAsync(string line, TimeSpan timeout, bool prefix = false)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var found = prefix ? FirstLineStartingWith(line) : _lines.Contains(line) ? line : null;
                if (found is not null)
                {
                    return found;
                }

                if (_process.HasExited)
                {
                    // The last lines may still be on their way from the output pipe: WaitForExitAsync returns once the
                    // asynchronous readers have seen the end of both streams. Only then does "not printed" hold.
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                    found = prefix ? FirstLineStartingWith(line) : _lines.Contains(line) ? line : null;
                    if (found is not null)
                    {
                        return found;
                    }

                    throw new InvalidOperationException($"The child exited with code {_process.ExitCode} before printing '{line}'. Its errors:{Environment.NewLine}{Errors}");
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for the child to print '{line}'. Its errors:{Environment.NewLine}{Errors}");
                }

                await Task.Delay(25).ConfigureAwait(false);
            }
        }

        /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            var exited = _process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(timeout)).ConfigureAwait(false) != exited)
            {
                await KillAsync().ConfigureAwait(false);
                throw new TimeoutException($"The child did not exit within {timeout.TotalSeconds:0} s. Its errors:{Environment.NewLine}{Errors}");
            }

            await exited.ConfigureAwait(false);
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
}
