using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Bank.Contracts;
using Contracts.Storage.Conformance;
using Contracts.Storage.Postgres;
using Contracts.Storage.Postgres.Internal;
using Contracts.Testing;
using Contracts.Wolverine;
using Contracts.Wolverine.EventLog;
using Contracts.Wolverine.Replay;
using JasperFx.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace Contracts.EventLog.Tests;

/// <summary>
/// PostgreSQL services with a message-store schema each (inbox, outbox, scheduled messages, sagas, idempotency keys
/// private to the service) that share one event log, its subscriptions and the schema table
/// (<see cref="PostgresMessageStoreOptions.SharedSchemaName"/>).
/// </summary>
public sealed class SharedEventLogTests : PostgresStoresTest
{
    private const string Shared = "shop_events";
    [Fact]
    public async Task services_starting_at_once_create_their_own_schemas_and_the_shared_one_once()
    {
        var stores = new[] { "orders", "payments", "analytics", "orders" }.Select(s => Store(s, Shared)).ToArray();
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.EnsureSchemaAsync())));

        foreach (var service in new[] { "orders", "payments", "analytics" })
        {
            Assert.Equal(SchemaMigrator.LatestVersion, await Database.ScalarAsync($"SELECT max(version) FROM {service}.contracts_schema_migrations;"));
            Assert.Equal(0, await Database.ScalarAsync($"SELECT count(*) FROM {service}.wolverine_incoming;"));
            Assert.Equal(0, await Database.ScalarAsync($"SELECT count(*) FROM {service}.contract_idempotency_keys;"));
            Assert.Equal(0, await TableCountAsync(service, "contracts_event_log"));
        }

        Assert.Equal(SchemaMigrator.LatestSharedVersion, await Database.ScalarAsync($"SELECT count(*) FROM {Shared}.contracts_shared_schema_migrations;"));
        Assert.Equal(1, await TableCountAsync(Shared, "contracts_event_log"));
        Assert.Equal(1, await TableCountAsync(Shared, "contracts_subscriptions"));
        Assert.Equal(1, await TableCountAsync(Shared, "contract_schemas"));
        Assert.Equal(0, await TableCountAsync(Shared, "wolverine_incoming"));
    }

    [Fact]
    public async Task appends_from_several_services_at_once_get_one_gapless_order_of_positions()
    {
        const int writersPerService = 3, appendsEach = 25;
        var services = new[] { Store("orders", Shared), Store("payments", Shared) };
        foreach (var store in services)
        {
            await store.EnsureSchemaAsync();
        }

        // Each append holds its transaction open across a yield: without one lock for the shared log, two services
        // would take the same next position (a primary-key violation) or commit positions out of order.
        var writing = services.SelectMany((store, s) => Enumerable.Range(0, writersPerService).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                await using var connection = new NpgsqlConnection(Database.ConnectionString);
                await connection.OpenAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await store.EventLog.AppendAsync(connection, tx, new[] { LogRows.Credit($"s{s}-w{w}") }, CancellationToken.None);
                await Task.Yield();
                await tx.CommitAsync();
            }
        }))).ToArray();
        await Task.WhenAll(writing);

        var total = services.Length * writersPerService * appendsEach;
        foreach (var store in services)
        {
            var rows = await store.EventLog.ReadPageAsync(new EventLogQuery { PageSize = 10_000 });
            Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), rows.Select(r => r.Position));
        }
    }

    [Fact]
    public async Task a_schema_registered_by_one_service_is_found_by_another_for_a_forward_read()
    {
        var writer = Store("orders", Shared);
        var reader = Store("analytics", Shared);
        await writer.EnsureSchemaAsync();
        await reader.EnsureSchemaAsync();
        var schema = new StoredContractSchema(0x1234_5678_9abc_def0UL, "shop.orders.OrderPlaced", 3, "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"fields\":[]}",
            DateTimeOffset.UtcNow);

        await writer.RegisterSchemasAsync(new[] { schema }, CancellationToken.None);

        var found = await reader.FindSchemaAsync(schema.Fingerprint, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal((schema.Subject, schema.Version, schema.Schema), (found!.Subject, found.Version, found.Schema));
    }

    [Fact]
    public async Task rebuilding_one_services_store_leaves_the_shared_event_log_to_the_others()
    {
        var orders = Store("orders", Shared);
        var payments = Store("payments", Shared);
        await orders.EnsureSchemaAsync();
        await payments.EnsureSchemaAsync();
        await AppendAsync(orders, "kept");

        await payments.Admin.RebuildAsync();

        Assert.Single(await orders.EventLog.ReadPageAsync(new EventLogQuery()));
        Assert.Equal(SchemaMigrator.LatestVersion, await Database.ScalarAsync("SELECT max(version) FROM payments.contracts_schema_migrations;"));
    }

    [Fact]
    public async Task a_shared_schema_that_is_a_services_own_store_is_refused_with_what_to_do()
    {
        await Store("orders").EnsureSchemaAsync();   // "orders" keeps its event log in its own schema

        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => Store("payments", "orders").EnsureSchemaAsync());

        Assert.Contains("SharedSchemaName \"orders\" is the message-store schema of a service", error.Message);
        Assert.Contains("set the same new SharedSchemaName on every one of them", error.Message);
    }

    [Fact]
    public async Task a_service_whose_store_schema_holds_a_shared_event_log_is_refused_with_what_to_do()
    {
        await Store("orders", Shared).EnsureSchemaAsync();

        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => Store(Shared).EnsureSchemaAsync());

        Assert.Contains($"Schema \"{Shared}\" holds the event log that other services share", error.Message);
        Assert.Contains($"SharedSchemaName = \"{Shared}\"", error.Message);
    }

    [Fact]
    public async Task without_auto_migrate_a_missing_shared_schema_is_an_error_naming_it()
    {
        await Store("orders").EnsureSchemaAsync();   // the service's own tables exist; the shared ones do not

        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => Store("orders", Shared, autoMigrate: false).EnsureSchemaAsync());

        Assert.Contains($"The shared event log in schema \"{Shared}\"", error.Message);
        Assert.Contains("has schema version 0", error.Message);
    }

    [Fact]
    public async Task the_cli_opens_one_services_store_with_the_shared_event_log_and_says_what_is_missing_without_it()
    {
        var orders = Store("orders", Shared);
        await orders.EnsureSchemaAsync();
        await AppendAsync(orders, "a");
        await AppendAsync(orders, "b");

        var stats = await CliAsync("log", "stats", "-c", Database.ConnectionString, "--schema", "orders", "--shared-schema", Shared);
        var deadLetters = await CliAsync("dlq", "list", "-c", Database.ConnectionString, "--schema", "orders", "--shared-schema", Shared);
        var withoutShared = await CliAsync("log", "stats", "-c", Database.ConnectionString, "--schema", "orders");

        Assert.True(stats.Code == 0, stats.Error);
        Assert.StartsWith("events: 2  head: 2  streams: 2", stats.Output, StringComparison.Ordinal);
        Assert.True(deadLetters.Code == 0, deadLetters.Error);
        Assert.Contains("0 dead letters.", deadLetters.Output, StringComparison.Ordinal);
        Assert.Equal(2, withoutShared.Code);
        Assert.Contains("has no event log of its own", withoutShared.Error, StringComparison.Ordinal);
        Assert.Contains("--shared-schema", withoutShared.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new System.IO.StringWriter();
        var error = new System.IO.StringWriter();
        var code = await Task.Run(() => Contracts.Cli.ContractsCli.Run(args, output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task services_in_their_own_schemas_log_into_one_event_log_that_a_subscription_in_a_third_service_follows()
    {
        await Database.ExecuteAsync("SELECT 1;");
        var counted = new CountingProjection("analytics-counter");
        using var orders = await StartServiceAsync("orders", options => options.Discovery.IncludeType(typeof(BankHandlers)));
        using var payments = await StartServiceAsync("payments", options => options.Discovery.IncludeType(typeof(BankHandlers)));
        using var analytics = await StartServiceAsync("analytics", options => options.AddSubscription(counted, s => s.PollingInterval = 100.Milliseconds()));

        await PublishCreditsAsync(orders, 30);
        await PublishCreditsAsync(payments, 20);

        await Eventually.UntilAsync(() => Task.FromResult(counted.Positions.Count == 50), "the analytics subscription to apply the 50 events of both services");
        Assert.Equal(Enumerable.Range(1, 50).Select(p => (long)p), counted.Positions);
        Assert.Equal(50, await Database.ScalarAsync($"SELECT count(*) FROM {Shared}.contracts_event_log;"));
        Assert.Equal(1, await Database.ScalarAsync($"SELECT count(*) FROM {Shared}.contracts_subscriptions WHERE name = 'analytics-counter';"));
        // Each service handled the messages it published in its own inbox; the third has none.
        await Eventually.UntilAsync(async () => await HandledAsync("orders") == 30 && await HandledAsync("payments") == 20,
            "each service to handle its own credits from its own inbox");
        Assert.Equal(0, await Database.ScalarAsync("SELECT count(*) FROM analytics.wolverine_incoming;"));

        foreach (var host in new[] { orders, payments, analytics })
        {
            await host.StopAsync();
        }
    }

    private Task<long> HandledAsync(string service) => Database.ScalarAsync($"SELECT count(*) FROM {service}.wolverine_incoming WHERE status = 'Handled';");

    private Task<IHost> StartServiceAsync(string service, Action<WolverineOptions> configure) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.ServiceName = service;
                options.UseRuntimeCompilation();
                options.Discovery.DisableConventionalDiscovery();
                options.Policies.UseDurableLocalQueues();
                options.Durability.ScheduledJobPollingTime = 100.Milliseconds();
                options.Services.AddSingleton(TestContracts.Catalog);
                options.PersistMessagesWithPostgres(Database.ConnectionString, pg =>
                {
                    pg.SchemaName = service;
                    pg.SharedSchemaName = Shared;
                });
                configure(options);
            })
            .StartAsync();

    private static async Task PublishCreditsAsync(IHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        await using var tx = await bus.BeginPostgresTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            await bus.PublishAsync(new AccountCredited { AccountId = "acct-" + (i % 5), Amount = 1 });
        }

        await tx.CommitAsync();
    }

    private PostgresMessageStore Store(string schema, string? shared = null, bool autoMigrate = true)
    {
        var store = new PostgresMessageStore(new PostgresMessageStoreOptions
        {
            ConnectionString = Database.ConnectionString, SchemaName = schema, SharedSchemaName = shared, AutoMigrate = autoMigrate, MaxRetries = 1,
        }, new global::Wolverine.DurabilitySettings());
        Track(store);
        return store;
    }

    private async Task AppendAsync(PostgresMessageStore store, string streamKey)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await store.EventLog.AppendAsync(connection, tx, new[] { LogRows.Credit(streamKey) }, CancellationToken.None);
        await tx.CommitAsync();
    }

    private Task<long> TableCountAsync(string schema, string table) =>
        Database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = @schema AND table_name = @table;", ("schema", schema), ("table", table));
}
