using System;
using System.Linq;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Runtime;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.ErrorHandling;

namespace Contracts.Storage.Sqlite.Tests;

public sealed record RegisterCustomer(string Id, bool Fail = false);

public sealed record CustomerRegistered(string Id);

public sealed record AuditCustomer(string Id, bool Fail = false);

public static class TransactionalHandlers
{
    /// <summary>Claimed by AutoApplyTransactions because it takes the transaction; its return value cascades.</summary>
    public static async Task<CustomerRegistered> Handle(RegisterCustomer command, SqliteOutboxTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO business_rows (key, note) VALUES (@key, 'registered');");
        insert.Parameters.AddWithValue("@key", command.Id);
        await insert.ExecuteNonQueryAsync();
        if (command.Fail)
        {
            throw new CardDeclinedException($"customer {command.Id} rejected");
        }

        return new CustomerRegistered(command.Id);
    }

    /// <summary>Marked [Transactional] without taking the transaction: what it publishes commits only on success.</summary>
    [Transactional]
    public static async Task Handle(AuditCustomer command, IMessageContext context)
    {
        await context.PublishAsync(new CustomerRegistered(command.Id));
        if (command.Fail)
        {
            throw new CardDeclinedException($"audit {command.Id} rejected");
        }
    }

    public static void Handle(CustomerRegistered registered, HandlerProbe probe) => probe.Ran(nameof(CustomerRegistered), registered.Id);
}

/// <summary>Wolverine's transaction policies (<c>AutoApplyTransactions</c>, <c>[Transactional]</c>) on the SQLite outbox.</summary>
public sealed class TransactionalHandlerTests : IAsyncLifetime
{
    private readonly SqliteTarget _target = new();
    private readonly HandlerProbe _probe = new();
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        await _target.EnsureBusinessTableAsync();
        _host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(TransactionalHandlers));
                options.Policies.UseDurableLocalQueues();
                options.Policies.AutoApplyTransactions();
                options.Policies.OnException<CardDeclinedException>().MoveToErrorQueue();
                options.Durability.ScheduledJobPollingTime = 100.Milliseconds();
                options.Services.AddSingleton(_probe);
                _target.PersistMessages(options);
            })
            .StartAsync();
    }

    [Fact]
    public async Task an_auto_transactional_handler_commits_its_row_and_its_cascading_message_together()
    {
        await _host.Bus().PublishAsync(new RegisterCustomer("c1"));

        await Eventually.UntilAsync(() => _probe.Runs(nameof(CustomerRegistered), "c1") == 1, "CustomerRegistered c1 handled");
        Assert.Equal(1, await _target.CountBusinessRowsAsync("c1"));
    }

    [Fact]
    public async Task an_auto_transactional_handler_that_throws_leaves_neither_row_nor_message()
    {
        await _host.Bus().PublishAsync(new RegisterCustomer("c2", Fail: true));
        await Eventually.UntilAsync(async () => (await _host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "RegisterCustomer c2 dead-lettered");
        await _host.Bus().PublishAsync(new RegisterCustomer("c3"));
        await Eventually.UntilAsync(() => _probe.Runs(nameof(CustomerRegistered), "c3") == 1, "CustomerRegistered c3 handled");

        Assert.Equal(0, await _target.CountBusinessRowsAsync("c2"));
        Assert.Equal(0, _probe.Runs(nameof(CustomerRegistered), "c2"));
    }

    [Fact]
    public async Task a_handler_marked_transactional_publishes_only_when_it_succeeds()
    {
        await _host.Bus().PublishAsync(new AuditCustomer("a1", Fail: true));
        await Eventually.UntilAsync(async () => (await _host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "AuditCustomer a1 dead-lettered");
        await _host.Bus().PublishAsync(new AuditCustomer("a2"));

        await Eventually.UntilAsync(() => _probe.Runs(nameof(CustomerRegistered), "a2") == 1, "CustomerRegistered a2 handled");
        Assert.Equal(0, _probe.Runs(nameof(CustomerRegistered), "a1"));

        // Wolverine discards a failed handler's messages anyway; what [Transactional] adds is that they are written in
        // the SQLite transaction, which the chain shows.
        var chain = _host.Services.GetRequiredService<global::Wolverine.Runtime.Handlers.HandlerGraph>().ChainFor<AuditCustomer>()!;
        Assert.True(chain.IsTransactional);
        Assert.Contains(chain.Middleware.OfType<MethodCall>(), call => call.HandlerType == typeof(SqliteTransactionFrames));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _target.DisposeAsync();
    }
}
