using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Transports.Tcp;

namespace Shop;

/// <summary>
/// Another process of the shop on the run's PostgreSQL schema, consuming its queue: --nodes, every service on the shared
/// message store; --processes, one service with a message store of its own (sharing the event log). Started by the first process, which reads its timeline from this process's standard output and stops it by closing its
/// standard input; on the way out it writes its spans to a file for the first node's trace.
/// </summary>
public static class Worker
{
    public static async Task<int> RunAsync(WorkerOptions options)
    {
        var output = Console.Out;
        var timeline = new Timeline(options.Node, line => { lock (output) output.WriteLine(line); });
        using var tracing = new TraceRecorder(options.Node);
        using var duplicates = DuplicateWatcher.Start(timeline);
        var storage = ShopStorage.AttachPostgres(options.ConnectionString, options.Schema);
        var services = options.Services.Select(ShopService.Named).ToArray();
        using var host = await ShopHost.StartAsync(storage, timeline, options.Topology, services, opts =>
        {
            // The old storefront publishes over TCP to whichever process runs Orders.
            if (options.LegacyPort is { } port) opts.ListenAtPort(port).UseDurableInbox();
        });
        lock (output) output.WriteLine("ready");
        while (await Console.In.ReadLineAsync() is not null)
        {
            // The first node closes this process's standard input when the scenario is over.
        }
        await host.StopAsync();
        await TraceRecorder.WriteAsync(options.SpansPath, tracing.Spans);
        return 0;
    }
}

/// <summary>What the first process tells another (hidden options; see <see cref="Nodes"/>).</summary>
public sealed record WorkerOptions(int Node, string ConnectionString, string Schema, string SpansPath, ShopTopology Topology, string[] Services, int? LegacyPort);

/// <summary>One other process to start: its node number, the services it runs and whether it takes the old storefront's TCP messages.</summary>
public sealed record NodeSpec(int Node, ShopTopology Topology, ShopService[] Services, int? LegacyPort = null);

/// <summary>The other node processes of a --nodes run, seen from the first node.</summary>
public sealed class Nodes : IAsyncDisposable
{
    private readonly List<(int Node, Process Process, string Spans, StringBuilder Errors)> _nodes = new();

    /// <summary>Starts the other processes and waits until each has started its host.</summary>
    public static async Task<Nodes> StartAsync(IEnumerable<NodeSpec> specs, ShopStorage storage, Timeline timeline)
    {
        var nodes = new Nodes();
        var ready = new List<Task>();
        foreach (var spec in specs)
        {
            var node = spec.Node;
            var spans = Path.Combine(Path.GetTempPath(), $"contracts-shop-node{node}-{Guid.NewGuid():N}.jsonl");
            var args = new List<string>
            {
                "--worker", node.ToString(System.Globalization.CultureInfo.InvariantCulture), "--attach", storage.ConnectionString, "--schema", storage.Schema!,
                "--spans", spans, "--topology", spec.Topology.ToString(), "--services", string.Join(",", spec.Services.Select(s => s.Name)),
            };
            if (spec.LegacyPort is { } port) args.AddRange(["--legacy-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var start = SelfStartInfo([.. args]);
            var process = Process.Start(start) ?? throw new ShopStorageException($"could not start node {node}");
            var errors = new StringBuilder();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                if (e.Data == "ready") started.TrySetResult();
                else timeline.TryAddForwarded(e.Data);
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
            process.Exited += (_, _) => started.TrySetException(new ShopStorageException($"node {node} exited before it was ready: {errors.ToString().Trim()}"));
            process.EnableRaisingEvents = true;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            nodes._nodes.Add((node, process, spans, errors));
            ready.Add(started.Task);
        }
        try
        {
            await Task.WhenAll(ready).WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            await nodes.DisposeAsync();
            throw new ShopStorageException("the other processes did not start within 2 minutes");
        }
        catch (ShopStorageException)
        {
            await nodes.DisposeAsync();
            throw;
        }
        return nodes;
    }

    /// <summary>Stops every other node (closing its standard input) and adds the spans it recorded to <paramref name="tracing"/>.</summary>
    public async Task<List<string>> StopAsync(TraceRecorder tracing)
    {
        var problems = new List<string>();
        foreach (var (node, process, spans, errors) in _nodes)
        {
            if (!process.HasExited) process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                problems.Add($"node {node} did not stop within 60 s");
                continue;
            }
            if (process.ExitCode != 0) problems.Add($"node {node} exited with {process.ExitCode}: {errors.ToString().Trim()}");
            if (File.Exists(spans))
            {
                await tracing.AddFromFileAsync(spans);
                File.Delete(spans);
            }
        }
        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, spans, _) in _nodes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            File.Delete(spans);
        }
        _nodes.Clear();
    }

    /// <summary>This program again, with other arguments: the app host when run as one, else dotnet with Shop.dll.</summary>
    private static ProcessStartInfo SelfStartInfo(params string[] args)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(Nodes).Assembly.Location);
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
