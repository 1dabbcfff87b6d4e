using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Contracts.Testing;
using Npgsql;

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
            => await RunScenarioAndCheck();

        /// <summary>The same scenario on PostgreSQL (a throwaway server started by the test; the shop makes and drops its own schema).</summary>
        [Fact]
        public async Task the_scripted_scenario_runs_on_postgres_and_every_step_behaves()
        {
            using var cluster = PostgresCluster.Start();
            var output = await RunScenarioAndCheck("--postgres", cluster.ConnectionString("postgres"));
            Assert.Contains("database: PostgreSQL 127.0.0.1:", output);
            Assert.Empty(await SchemasLeftAsync(cluster));
        }

        /// <summary>The schemas a run left in the database: none, since the shop drops what it made (its queues included).</summary>
        private static async Task<List<string>> SchemasLeftAsync(PostgresCluster cluster)
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'shop\\_%' OR schema_name = 'contracts_queues'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var left = new List<string>();
            while (await reader.ReadAsync()) left.Add(reader.GetString(0));
            return left;
        }

        /// <summary>--nodes 2: two processes of the shop on one schema, sharing the work through a PostgreSQL queue.</summary>
        [Fact]
        public async Task the_scripted_scenario_runs_on_two_nodes_sharing_postgres()
        {
            using var cluster = PostgresCluster.Start();
            var output = await RunScenarioAndCheck(14, "--postgres", cluster.ConnectionString("postgres"), "--nodes", "2");
            Assert.Contains("nodes: 2 processes on that schema", output);
            Assert.Matches(@"\[ok\] --nodes: every node handled messages from the shared queue \(node 1: [1-9]\d*, node 2: [1-9]\d*\)", output);
            Assert.Empty(await SchemasLeftAsync(cluster));
        }

        /// <summary>
        /// --processes: each service in a process of its own, consuming its own PostgreSQL queue, with a message store of
        /// its own (so the saga's scheduled timeout and the dead letter stay with their service) and one shared event log.
        /// </summary>
        [Fact]
        public async Task the_scripted_scenario_runs_with_a_process_per_service_on_postgres()
        {
            using var cluster = PostgresCluster.Start();
            var output = await RunScenarioAndCheck(15, "--postgres", cluster.ConnectionString("postgres"), "--processes");
            Assert.Contains("processes: 1 storefront and Analytics; 2 orders; 3 inventory; 4 payments; 5 notifications", output);
            Assert.Matches(@"\[ok\] --processes: each service handled its messages in its own process \(storefront and Analytics: 0, orders: [1-9]\d*, inventory: [1-9]\d*, payments: [1-9]\d*, notifications: [1-9]\d*\)", output);
            Assert.Contains("[ok] --processes: each service kept its envelopes in a message store of its own, and all appended to one shared event log", output);
            Assert.Empty(await SchemasLeftAsync(cluster));
        }

        [Fact]
        public async Task processes_and_nodes_together_is_a_one_line_error()
        {
            var (exitCode, output, error) = await RunShop("--postgres", "Host=127.0.0.1;Port=1", "--processes", "--nodes", "2");
            Assert.Equal(2, exitCode);
            Assert.StartsWith("shop: --nodes and --processes exclude each other", error);
            Assert.DoesNotContain("   at ", error + output);
        }

        private static Task<string> RunScenarioAndCheck(params string[] options) => RunScenarioAndCheck(13, options);

        private static async Task<string> RunScenarioAndCheck(int checks, params string[] options)
        {
            var trace = Path.Combine(Path.GetTempPath(), $"shop-trace-{Guid.NewGuid():N}.jsonl");
            try
            {
                var (exitCode, output, error) = await RunShop([.. options, "--trace", trace]);
                Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
                Assert.Contains("shop.orders.OrderPlaced                v2", output);
                Assert.Contains("(ContractRegistry.All, registered with UseContracts)", output);
                // the saga, its compensation and its timeout
                Assert.Contains("[ok] saga: Alice's order is confirmed", output);
                Assert.Contains("payment failed (CardDeclined): compensating, ReleaseInventory sent", output);
                Assert.Contains("[ok] saga compensation: Bob's declined payment released his stock and cancelled the order", output);
                Assert.Contains("payment timed out: compensating, ReleaseInventory sent", output);
                Assert.Contains("[ok] saga timeout: Dave's unanswered payment timed out, his stock was released and the order cancelled", output);
                // duplicates and dead letters
                Assert.Contains("duplicate ignored", output);
                Assert.Contains("[ok] a duplicate OrderPlaced was ignored (idempotency key) and changed the order once", output);
                Assert.Contains("re-queued the dead letter", output);
                Assert.Contains("[ok] the re-queued dead letter was handled after the fix", output);
                // upcasting: generated and hand-written
                Assert.Contains("written v1, handled v2 (generated upcaster: currency EUR by default)", output);
                Assert.Contains("[ok] upcast v1→v2: OrderPlaced written as v1 was handled as v2 by the saga (generated upcaster)", output);
                Assert.Contains("city \"Springfield\", country \"US\" — written v1, handled v2 (hand-written upcaster)", output);
                Assert.Contains("[ok] hand-written upcast v1→v2: the one-line address was split into street, postal code, city, country", output);
                // the late subscriber and the point-in-time query
                Assert.Contains("[ok] a late Analytics subscription caught up by replay to the live revenue", output);
                Assert.Matches(@"late subscriber ""analytics-revenue-late"": \d+ events replayed → 4 orders, 378\.65 EUR \(live: 4 orders, 378\.65 EUR\)", output);
                Assert.Matches(@"point-in-time: order [0-9a-f]{8} at [0-9:.]+ was ""reserved \(awaiting payment\)""; now ""cancelled \(PaymentTimedOut\)""", output);
                Assert.Contains("[ok] point-in-time: the event log answered the order's state at time T (reserved, awaiting payment)", output);
                // the trace
                Assert.Contains("[ok] trace file written with producer→consumer spans linked (same trace id)", output);
                Assert.Contains($"trace: wrote ", output);
                Assert.Contains(trace, output);
                var lines = File.ReadAllLines(trace);
                Assert.True(lines.Length >= 10, $"{lines.Length} spans in the trace file");
                var spans = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
                Assert.Single(spans.Select(s => s.GetProperty("traceId").GetString()).Distinct());
                var producers = spans.Where(s => s.GetProperty("source").GetString() == "Contracts" && s.GetProperty("kind").GetString() == "Producer")
                    .Select(s => s.GetProperty("spanId").GetString()).ToHashSet();
                var consumers = spans.Where(s => s.GetProperty("source").GetString() == "Contracts" && s.GetProperty("kind").GetString() == "Consumer").ToList();
                Assert.True(consumers.Count >= 5, $"{consumers.Count} consumer spans");
                Assert.All(consumers, c => Assert.Contains(c.GetProperty("parentSpanId").GetString(), producers));
                Assert.Contains(consumers, c => c.GetProperty("name").GetString() == "process shop.payments.ChargePayment");
                Assert.Contains($"scenario: {checks} of {checks} checks passed", output);
                Assert.DoesNotContain("FAILED", output);
                return output;
            }
            finally
            {
                File.Delete(trace);
            }
        }

        [Fact]
        public async Task an_unreachable_postgres_server_is_a_one_line_error_with_exit_code_2()
        {
            var (exitCode, output, error) = await RunShop("--postgres", "Host=127.0.0.1;Port=1;Database=shop;Timeout=3");
            Assert.Equal(2, exitCode);
            Assert.StartsWith("shop: cannot use PostgreSQL 127.0.0.1:1/shop: ", error);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.DoesNotContain("   at ", error + output);
        }

        [Fact]
        public async Task nodes_without_postgres_is_a_one_line_error()
        {
            var (exitCode, output, error) = await RunShop("--nodes", "2");
            Assert.Equal(2, exitCode);
            Assert.StartsWith("shop: --nodes needs --postgres", error);
            Assert.DoesNotContain("   at ", error + output);
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
