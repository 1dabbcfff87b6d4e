using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Bank.Contracts;
using Contracts.Storage.Postgres.Internal;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;

namespace Contracts.EventLog.Tests;

/// <summary>Event-log rows for tests that append below the bus.</summary>
internal static class LogRows
{
    /// <summary>A row of the test contracts' AccountCredited (the payload is not decoded by these tests).</summary>
    public static EventLogRecord Credit(string streamKey) => new(0, streamKey, null, "bank.AccountCredited", 3, AccountCredited.ContractInfo.Fingerprint,
        EventPayloadFormat.Avro, new byte[] { 1, 2, 3 }, Guid.NewGuid(), null, null, null, null, DateTimeOffset.UtcNow);
}

/// <summary>A projection that records which positions it applied in this process.</summary>
internal sealed class CountingProjection : IProjection
{
    private readonly List<long> _positions = new();

    public CountingProjection(string name) => Name = name;

    public string Name { get; }

    public int Applied
    {
        get
        {
            lock (_positions)
            {
                return _positions.Count;
            }
        }
    }

    public IReadOnlyList<long> Positions
    {
        get
        {
            lock (_positions)
            {
                return _positions.ToList();
            }
        }
    }

    public ValueTask<bool> ApplyAsync(LoggedEvent logged, ProjectionContext context)
    {
        lock (_positions)
        {
            _positions.Add(logged.Record.Position);
        }

        return ValueTask.FromResult(true);
    }
}

/// <summary>A test on a new PostgreSQL database that opens message stores below the host; both are disposed after it.</summary>
public abstract class PostgresStoresTest : IAsyncLifetime
{
    private readonly List<PostgresMessageStore> _stores = new();

    protected PostgresStore Database { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>Disposes <paramref name="store"/> after the test.</summary>
    private protected void Track(PostgresMessageStore store) => _stores.Add(store);
}
