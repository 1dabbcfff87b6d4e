using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using Contracts.Storage.Postgres.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Contracts.Storage.Postgres.Tests;

/// <summary>What only the PostgreSQL store has: schema migration, errors that say what and where, health, resilience, Balanced-mode housekeeping.</summary>
public sealed class postgres_store_tests : ConformanceTestBase
{
    protected override MessageStoreTarget CreateTarget() => new PostgresTarget();

    private PostgresTarget Postgres => (PostgresTarget)Target;

    private static PostgresMessageStore NewStore(string connectionString, Action<PostgresMessageStoreOptions>? configure = null)
    {
        var options = new PostgresMessageStoreOptions { ConnectionString = connectionString, MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(options);
        return new PostgresMessageStore(options, new DurabilitySettings());
    }

    [Fact]
    public async Task the_schema_is_created_in_its_own_schema_and_versioned()
    {
        await using var store = NewStore(Postgres.ConnectionString, o => o.SchemaName = "orders_store");
        await store.EnsureSchemaAsync();

        Assert.Equal(SchemaMigrator.LatestVersion, await TestServer.CountAsync(Postgres.ConnectionString, "SELECT max(version) FROM orders_store.contracts_schema_migrations"));
        Assert.Equal(0, await TestServer.CountAsync(Postgres.ConnectionString, "SELECT count(*) FROM orders_store.wolverine_incoming"));
        Assert.Equal(0, await TestServer.CountAsync(Postgres.ConnectionString, "SELECT count(*) FROM pg_namespace WHERE nspname = 'wolverine'"));
    }

    [Fact]
    public async Task concurrent_migrations_of_a_new_database_all_succeed_and_create_the_schema_once()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore(Postgres.ConnectionString)).ToArray();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.Admin.MigrateAsync())));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.Equal(SchemaMigrator.LatestVersion, await TestServer.CountAsync(Postgres.ConnectionString, "SELECT count(*) FROM wolverine.contracts_schema_migrations"));
    }

    [Fact]
    public async Task a_newer_schema_version_is_refused_with_an_error_naming_both_versions_and_the_schema()
    {
        await using (var store = NewStore(Postgres.ConnectionString))
        {
            await store.EnsureSchemaAsync();
        }

        await TestServer.CountAsync(Postgres.ConnectionString, "INSERT INTO wolverine.contracts_schema_migrations (version, description) VALUES (99, 'future') RETURNING version");
        await using var newer = NewStore(Postgres.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => newer.EnsureSchemaAsync());
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({SchemaMigrator.LatestVersion})", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema \"wolverine\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_missing_schema_without_auto_migrate_is_an_error_that_says_what_to_do()
    {
        await using var store = NewStore(Postgres.ConnectionString, o => o.AutoMigrate = false);
        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => store.EnsureSchemaAsync());
        Assert.Contains("schema version 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("AutoMigrate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unknown_user_or_database_gives_an_error_naming_the_server_and_the_fix()
    {
        // The test cluster trusts local logins, so a wrong password cannot be shown; an unknown user is refused the same way (28000).
        var builder = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString);
        await using var missingDatabase = NewStore(new NpgsqlConnectionStringBuilder(Postgres.ConnectionString) { Database = "no_such_db" }.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => missingDatabase.EnsureSchemaAsync());
        Assert.Contains("database 'no_such_db' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{builder.Host}:{builder.Port}", error.Message, StringComparison.Ordinal);

        await using var missingUser = NewStore(new NpgsqlConnectionStringBuilder(Postgres.ConnectionString) { Username = "nobody" }.ConnectionString);
        error = await Assert.ThrowsAsync<PostgresStoreException>(() => missingUser.EnsureSchemaAsync());
        Assert.Contains("refused the login", error.Message, StringComparison.Ordinal);
        Assert.Contains("Username and Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unreachable_server_gives_an_error_naming_host_and_port_after_the_retries()
    {
        var port = DurableMessagingConformance.FreePort();
        await using var store = NewStore($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=2");
        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => store.EnsureSchemaAsync());
        Assert.Contains($"Cannot reach PostgreSQL at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, store.Database.Retries);
    }

    [Fact]
    public void a_connection_string_without_host_or_a_bad_schema_name_is_rejected_when_configured()
    {
        var options = new WolverineOptions();
        var noHost = Assert.Throws<PostgresStoreException>(() => options.PersistMessagesWithPostgres("Database=x;Username=y").Services.BuildServiceProvider().GetRequiredService<IMessageStore>());
        Assert.Contains("names no Host", noHost.Message, StringComparison.Ordinal);
        var badSchema = Assert.Throws<PostgresStoreException>(() => new WolverineOptions().PersistMessagesWithPostgres("Host=h", o => o.SchemaName = "a\"b"));
        Assert.Contains("schema name", badSchema.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_health_check_is_healthy_on_a_running_store_and_unhealthy_with_the_reason_when_the_tables_are_gone()
    {
        var host = await StartHostAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries[PostgresMessageStoreHealthCheck.Name].Status);

        await TestServer.CountAsync(Postgres.ConnectionString, "DROP TABLE wolverine.wolverine_incoming; SELECT 1");
        report = await health.CheckHealthAsync();
        var entry = report.Entries[PostgresMessageStoreHealthCheck.Name];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("\"wolverine\".wolverine_incoming does not exist", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task store_operations_ride_out_a_server_restart_by_retrying()
    {
        await using var store = NewStore(Postgres.ConnectionString, o => { o.MaxRetries = 10; o.RetryDelay = TimeSpan.FromMilliseconds(200); });
        await store.EnsureSchemaAsync();
        var before = NewEnvelope(EnvelopeStatus.Incoming, ownerId: 1);
        await store.Inbox.StoreIncomingAsync(before);

        var restart = Task.Run(() => TestServer.Cluster.Restart(TimeSpan.FromSeconds(1)));
        var after = NewEnvelope(EnvelopeStatus.Incoming, ownerId: 1);
        await Task.Delay(300);
        await store.Inbox.StoreIncomingAsync(after);
        await restart;

        Assert.True(store.Database.Retries > 0, "the operation during the outage was not retried");
        var ids = (await store.Admin.AllIncomingAsync()).Select(e => e.Id).ToHashSet();
        Assert.Equal(new[] { before.Id, after.Id }.ToHashSet(), ids);
    }

    [Fact]
    public async Task in_balanced_mode_envelopes_of_a_node_that_is_gone_are_released_and_recovered()
    {
        var host = await StartHostAsync();
        var store = host.Store();
        // Rows owned by node 4242, which never registered (its process died before anyone heard of it).
        var envelope = new Envelope(new Remind("orphan")) { Destination = new Uri("local://contracts.storage.conformance.remind"), Status = EnvelopeStatus.Incoming, OwnerId = 4242, ContentType = "application/json" };
        envelope.Data = host.Services.GetRequiredService<global::Wolverine.Runtime.IWolverineRuntime>().Options.DefaultSerializer.Write(envelope);
        await store.Inbox.StoreIncomingAsync(envelope);

        await Eventually.UntilAsync(() => Probe.Runs(nameof(Remind), "orphan") == 1, "the orphaned Remind released and handled");
    }

    [Fact]
    public async Task a_corrupt_row_gives_an_error_naming_the_table_the_row_and_the_database()
    {
        await using var store = NewStore(Postgres.ConnectionString);
        await store.EnsureSchemaAsync();
        var id = Guid.NewGuid();
        await TestServer.CountAsync(Postgres.ConnectionString,
            $"INSERT INTO wolverine.wolverine_incoming (id, status, owner_id, body, message_type) VALUES ('{id}', 'Incoming', 1, '\\x0102'::bytea, 'x') RETURNING 1");

        var error = await Assert.ThrowsAsync<PostgresStoreException>(() => store.Admin.AllIncomingAsync());
        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("\"wolverine\".wolverine_incoming", error.Message, StringComparison.Ordinal);
        Assert.Contains("database '", error.Message, StringComparison.Ordinal);
    }
}
