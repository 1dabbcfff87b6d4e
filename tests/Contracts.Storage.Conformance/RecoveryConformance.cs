using System;
using System.Threading.Tasks;
using Wolverine;
using Wolverine.Transports.Tcp;

namespace Contracts.Storage.Conformance;

/// <summary>
/// A process that dies leaves rows owned by its node. The next start releases them and the durability agent hands
/// incoming envelopes back to their listeners and re-sends outgoing ones.
/// </summary>
public abstract class RecoveryConformance : ConformanceTestBase
{
    [Fact]
    public async Task a_restart_recovers_incoming_and_outgoing_envelopes_left_by_a_dead_process()
    {
        var port = DurableMessagingConformance.FreePort();
        void Configure(WolverineOptions options)
        {
            options.ListenAtPort(port).UseDurableInbox();
            options.PublishMessage<Ping>().ToPort(port).UseDurableOutbox();
        }

        // The first process: its rows are written as a crashed process would have left them, owned by its node.
        var first = await StartHostAsync(Configure);
        var node = ((global::Wolverine.Runtime.IWolverineRuntime)first.Services.GetService(typeof(global::Wolverine.Runtime.IWolverineRuntime))!).Options.Durability.AssignedNodeNumber;
        var incoming = new Envelope(new Remind("left-incoming"))
        {
            Destination = new Uri("local://contracts.storage.conformance.remind"),
            Status = global::Wolverine.EnvelopeStatus.Incoming,
            OwnerId = node,
            ContentType = "application/json",
        };
        incoming.Data = SerializeWith(first, incoming);
        var outgoing = new Envelope(new Ping("left-outgoing"))
        {
            Destination = new Uri($"tcp://localhost:{port}"),
            Status = global::Wolverine.EnvelopeStatus.Outgoing,
            OwnerId = node,
            ContentType = "application/json",
        };
        outgoing.Data = SerializeWith(first, outgoing);
        await StopHostAsync(first);

        var store = (await StartHostWithoutAgentsAsync()).Store();
        await store.Inbox.StoreIncomingAsync(incoming);
        await store.Outbox.StoreOutgoingAsync(outgoing, node);

        await StopAllAsync();
        Assert.Equal(0, Probe.Runs(nameof(Remind), "left-incoming"));

        await StartHostAsync(Configure);
        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "left-incoming") == 1, "left-over incoming Remind recovered and handled");
        await Eventually.UntilAsync(() => Probe.Runs(nameof(Ping), "left-outgoing") == 1, "left-over outgoing Ping re-sent and handled");
    }

    private readonly System.Collections.Generic.List<Microsoft.Extensions.Hosting.IHost> _quiet = new();

    /// <summary>A host used only to write rows; it has no listeners for them, so nothing is handled.</summary>
    private async Task<Microsoft.Extensions.Hosting.IHost> StartHostWithoutAgentsAsync()
    {
        var host = await StartHostAsync(options => options.Discovery.DisableConventionalDiscovery());
        _quiet.Add(host);
        return host;
    }

    private async Task StopAllAsync()
    {
        foreach (var host in _quiet)
        {
            await StopHostAsync(host);
        }

        _quiet.Clear();
    }

    private static byte[] SerializeWith(Microsoft.Extensions.Hosting.IHost host, Envelope envelope)
    {
        var runtime = (global::Wolverine.Runtime.IWolverineRuntime)host.Services.GetService(typeof(global::Wolverine.Runtime.IWolverineRuntime))!;
        var serializer = runtime.Options.DefaultSerializer;
        return serializer.Write(envelope);
    }
}
