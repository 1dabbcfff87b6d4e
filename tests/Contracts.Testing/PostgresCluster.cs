using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace Contracts.Testing
{
    /// <summary>
    /// A throwaway PostgreSQL cluster for tests: <c>initdb</c> into a temp directory, <c>pg_ctl start</c> on a free
    /// loopback port, stopped and deleted on dispose. PostgreSQL refuses to run as root, so as root the server runs
    /// as the <c>postgres</c> user (<c>runuser</c>). Missing binaries fail with a message that says how to install
    /// them, never a silent pass. <c>fsync</c> is off (the operating system survives a test, so the page cache
    /// is durable enough) but commits stay synchronous, so a server killed with <see cref="Restart"/> keeps every
    /// acknowledged commit, as a real one does.
    /// </summary>
    public sealed class PostgresCluster : IDisposable
    {
        private readonly string _binDirectory;
        private readonly string _dataDirectory;
        private readonly bool _asPostgresUser;
        private bool _disposed;

        private PostgresCluster(string binDirectory, string root, int port, bool asPostgresUser)
        {
            _binDirectory = binDirectory;
            Root = root;
            _dataDirectory = Path.Combine(root, "data");
            Port = port;
            _asPostgresUser = asPostgresUser;
        }

        /// <summary>The temp directory holding the cluster (data, socket and log).</summary>
        public string Root { get; }

        /// <summary>The loopback port the server listens on.</summary>
        public int Port { get; }

        /// <summary>The superuser name.</summary>
        public string User => "postgres";

        /// <summary>A connection string to the given database on this cluster.</summary>
        public string ConnectionString(string database = "postgres")
            => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Timeout=15;Command Timeout=60";

        /// <summary>Finds the PostgreSQL server binaries, or explains how to install them.</summary>
        public static string FindBinDirectory()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("CONTRACTS_PG_BIN");
            if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "initdb"))) return fromEnvironment;
            var candidates = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).ToArray()
                : Array.Empty<string>();
            if (candidates.Length > 0) return candidates[0];
            throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin. " +
                "Install them (Debian/Ubuntu: `apt-get install postgresql-15`) or point CONTRACTS_PG_BIN at the folder holding initdb; .ci/run installs them on CI.");
        }

        /// <summary>Creates and starts a cluster. Throws with the server log when it does not come up.</summary>
        public static PostgresCluster Start()
        {
            var bin = FindBinDirectory();
            var asPostgresUser = IsRoot();
            var root = Path.Combine(Path.GetTempPath(), "contracts-pg-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(root);
            var cluster = new PostgresCluster(bin, root, FreePort(), asPostgresUser);
            try
            {
                if (asPostgresUser) Run("chown", $"postgres \"{root}\"", asPostgres: false, timeoutSeconds: 30);
                cluster.RunTool("initdb", $"-D \"{cluster._dataDirectory}\" -U postgres -A trust -E UTF8 --no-locale --no-sync", 120);
                var options = $"-c listen_addresses=127.0.0.1 -c port={cluster.Port} -c unix_socket_directories='{root}' -c fsync=off -c full_page_writes=off -c max_connections=200";
                cluster.RunTool("pg_ctl", $"-D \"{cluster._dataDirectory}\" -l \"{Path.Combine(root, "server.log")}\" -w -t 60 -o \"{options}\" start", 90);
                return cluster;
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }

        /// <summary>Stops the server immediately (as a crash would) and starts it again on the same port and data.</summary>
        public void Restart(TimeSpan downtime)
        {
            RunTool("pg_ctl", $"-D \"{_dataDirectory}\" -m immediate -w stop", 60);
            if (downtime > TimeSpan.Zero) Thread.Sleep(downtime); // the outage itself is what is being tested
            var options = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='{Root}' -c fsync=off -c full_page_writes=off -c max_connections=200";
            RunTool("pg_ctl", $"-D \"{_dataDirectory}\" -l \"{Path.Combine(Root, "server.log")}\" -w -t 60 -o \"{options}\" start", 90);
        }

        /// <summary>Stops the server and deletes its directory.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            try
            {
                if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
                {
                    RunTool("pg_ctl", $"-D \"{_dataDirectory}\" -m immediate -w stop", 60);
                }
            }
            catch (InvalidOperationException)
            {
                // Best effort: the directory is removed below either way.
            }
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private void RunTool(string tool, string arguments, int timeoutSeconds)
        {
            var path = Path.Combine(_binDirectory, tool);
            try
            {
                Run(path, arguments, _asPostgresUser, timeoutSeconds);
            }
            catch (InvalidOperationException e)
            {
                var log = Path.Combine(Root, "server.log");
                var tail = File.Exists(log) ? string.Join("\n", File.ReadAllLines(log).TakeLast(20)) : "(no server log)";
                throw new InvalidOperationException(e.Message + "\nserver log:\n" + tail, e);
            }
        }

        private static void Run(string file, string arguments, bool asPostgres, int timeoutSeconds)
        {
            var start = asPostgres
                ? new ProcessStartInfo("runuser", $"-u postgres -- \"{file}\" {arguments}")
                : new ProcessStartInfo(file, arguments);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.UseShellExecute = false;
            start.WorkingDirectory = Path.GetTempPath();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} did not finish within {timeoutSeconds} s\n{output}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} {arguments} failed with exit code {process.ExitCode}\n{output}");
            }
        }

        private static bool IsRoot()
        {
            try
            {
                return File.ReadAllLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', ' ').Where(p => p.Length > 0).Skip(1).First() == "0");
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
