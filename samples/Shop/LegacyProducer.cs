using Contracts.Storage.Sqlite;
using Contracts.Wolverine;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Transports.Tcp;

namespace Shop;

/// <summary>
/// An old storefront that was never upgraded: a separate Wolverine host (its own SQLite outbox file) that still
/// publishes OrderPlaced v1 and ShippingAddressChanged v1 over Wolverine's TCP transport to the shop's listener.
/// </summary>
public sealed class LegacyProducer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _path;

    private LegacyProducer(IHost host, string path)
    {
        _host = host;
        _path = path;
    }

    public static async Task<LegacyProducer> StartAsync(string path, int port)
    {
        var host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(opts =>
            {
                opts.ServiceName = "legacy-storefront";
                opts.Discovery.DisableConventionalDiscovery();
                opts.PersistMessagesWithSqlite($"Data Source={path}");
                opts.PublishAllMessages().ToPort(port).UseDurableOutbox();
                opts.UseContracts(c => c.Add(ContractRegistry.All));
            })
            .StartAsync();
        return new LegacyProducer(host, path);
    }

    public async Task PublishAsync(object message)
    {
        var bus = _host.Services.CreateScope().ServiceProvider.GetRequiredService<IMessageBus>();
        await bus.PublishAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
