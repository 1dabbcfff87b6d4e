using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Conformance;

/// <summary>Per-test lifecycle: a fresh target, the hosts a test starts, and cleanup in the right order.</summary>
public abstract class ConformanceTestBase : IAsyncLifetime
{
    private readonly List<IHost> _hosts = new();
    private MessageStoreTarget? _target;

    /// <summary>The store under test supplies a fresh, empty database for each test.</summary>
    protected abstract MessageStoreTarget CreateTarget();

    protected MessageStoreTarget Target => _target ?? throw new InvalidOperationException("The test has not been initialized.");

    protected HandlerProbe Probe { get; private set; } = new();

    public virtual Task InitializeAsync()
    {
        _target = CreateTarget();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await StopQuietlyAsync(host);
        }

        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
    }

    protected async Task<IHost> StartHostAsync(Action<WolverineOptions>? configure = null)
    {
        var host = await ConformanceHost.StartAsync(Target, Probe, configure);
        _hosts.Add(host);
        return host;
    }

    protected async Task StopHostAsync(IHost host)
    {
        _hosts.Remove(host);
        await StopQuietlyAsync(host);
    }

    private static async Task StopQuietlyAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>An envelope as a transport would hand it to the store; <paramref name="destination"/> has no listener unless a test adds one.</summary>
    protected static Envelope NewEnvelope(EnvelopeStatus status, string destination = "local://conformance-nowhere", int ownerId = 0)
    {
        return new Envelope
        {
            Id = Guid.NewGuid(),
            Data = new byte[] { 1, 2, 3, 4 },
            MessageType = "conformance.message",
            ContentType = "application/json",
            Destination = new Uri(destination),
            Status = status,
            OwnerId = ownerId,
            Source = "conformance",
            SentAt = DateTimeOffset.UtcNow,
        };
    }
}
