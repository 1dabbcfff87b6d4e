using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Contracts.Samples.Tests
{
    /// <summary>Runs the sample shop as a process, as the README tells a newcomer to, and checks what it reports.</summary>
    public class ShopSampleTests
    {
        private static string ShopDll()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contracts.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var dll = Path.Combine(dir.FullName, "samples", "Shop", "bin", configuration, "net10.0", "Shop.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"the sample was not built: {dll}");
            return dll;
        }

        private static async Task<(int ExitCode, string Output, string Error)> RunShop(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(ShopDll());
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(4))) != exited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the sample did not finish within 4 minutes\n" + await output);
            }
            return (process.ExitCode, await output, await error);
        }

        [Fact]
        public async Task the_scripted_scenario_runs_on_sqlite_and_every_step_behaves()
        {
            var (exitCode, output, error) = await RunShop();
            Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
            Assert.Contains("shop.orders.OrderPlaced                v2", output);
            Assert.Contains("payment failed (CardDeclined): compensating", output);
            Assert.Contains("duplicate ignored", output);
            Assert.Contains("re-queued the dead letter", output);
            Assert.Contains("scenario: 8 of 8 checks passed", output);
            Assert.DoesNotContain("FAILED", output);
        }

        [Fact]
        public async Task a_wrong_argument_is_a_one_line_error_with_exit_code_2()
        {
            var (exitCode, output, error) = await RunShop("--colour", "blue");
            Assert.Equal(2, exitCode);
            Assert.StartsWith("shop: unknown argument \"--colour\"", error);
            Assert.DoesNotContain("   at ", error + output);
        }
    }
}
