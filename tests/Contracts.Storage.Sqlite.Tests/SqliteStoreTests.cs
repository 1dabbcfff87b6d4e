using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Conformance;
using Contracts.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Wolverine;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>What only the SQLite store has: its file, schema versioning, WAL, locking, batching and error messages.</summary>
public sealed class SqliteStoreTests : IAsyncLifetime
{
    private readonly string _directory = TestFiles.NewDirectory();
    private string DatabasePath => Path.Combine(_directory, "store.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestFiles.Delete(_directory);
        return Task.CompletedTask;
    }

    private SqliteMessageStore NewStore(Action<SqliteMessageStoreOptions>? configure = null, string? connectionString = null)
    {
        var options = new SqliteMessageStoreOptions { ConnectionString = connectionString ?? $"Data Source={DatabasePath}" };
        configure?.Invoke(options);
        return new SqliteMessageStore(options, new DurabilitySettings());
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    internal static Envelope NewIncoming(int ownerId = 1) => new()
    {
        Id = Guid.NewGuid(),
        Data = new byte[] { 1, 2, 3 },
        MessageType = "sqlite.test",
        ContentType = "application/json",
        Destination = new Uri("local://sqlite-test"),
        Status = EnvelopeStatus.Incoming,
        OwnerId = ownerId,
    };

    [Fact]
    public async Task the_schema_is_created_versioned_and_the_file_is_in_wal_mode()
    {
        await using var store = NewStore();
        store.EnsureSchema();

        Assert.Equal("wal", Scalar("PRAGMA journal_mode;"));
        Assert.Equal((long)SchemaMigrator.LatestVersion, Scalar("PRAGMA user_version;"));
        Assert.Equal(3L, Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'wolverine_%';"));
    }

    [Fact]
    public async Task concurrent_migrations_of_a_new_file_all_succeed_and_create_the_schema_once()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore()).ToArray();
        using var start = new Barrier(stores.Length);

        await Task.WhenAll(stores.Select(store => Task.Run(() =>
        {
            start.SignalAndWait();
            store.EnsureSchema();
        })));

        Assert.Equal((long)SchemaMigrator.LatestVersion, Scalar("PRAGMA user_version;"));
        await stores[0].Inbox.StoreIncomingAsync(NewIncoming());
        Assert.Equal(1L, Scalar("SELECT count(*) FROM wolverine_incoming;"));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task every_connection_uses_the_configured_synchronous_setting(SqliteSynchronous synchronous, long expected)
    {
        await using var store = NewStore(options => options.Synchronous = synchronous);
        using var connection = store.Factory.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(expected, command.ExecuteScalar());
    }

    [Fact]
    public async Task concurrent_store_operations_share_commits_through_the_batching_writer()
    {
        await using var store = NewStore();
        store.EnsureSchema();
        var envelopes = Enumerable.Range(0, 400).Select(_ => NewIncoming()).ToArray();

        await Task.WhenAll(envelopes.Select(e => store.Inbox.StoreIncomingAsync(e)));

        Assert.Equal(400L, Scalar("SELECT count(*) FROM wolverine_incoming;"));
        Assert.True(store.Writer.Commits < 400, $"{store.Writer.Commits} commits for 400 operations: no batching happened");
    }

    [Fact]
    public async Task a_write_that_arrives_after_the_store_is_disposed_still_commits()
    {
        var store = NewStore();
        store.EnsureSchema();
        var envelope = NewIncoming();
        await store.Inbox.StoreIncomingAsync(envelope);
        await store.DisposeAsync();

        // As when the container disposes the store before Wolverine's last handled marks are written.
        await store.Inbox.MarkIncomingEnvelopeAsHandledAsync(envelope);

        Assert.Equal("Handled", Scalar($"SELECT status FROM wolverine_incoming WHERE id = '{envelope.Id}';"));
    }

    [Fact]
    public async Task one_failing_operation_in_a_batch_fails_alone()
    {
        await using var store = NewStore();
        store.EnsureSchema();
        var existing = NewIncoming();
        await store.Inbox.StoreIncomingAsync(existing);
        var fresh = Enumerable.Range(0, 50).Select(_ => NewIncoming()).ToArray();

        var duplicate = store.Inbox.StoreIncomingAsync(existing);
        await Task.WhenAll(fresh.Select(e => store.Inbox.StoreIncomingAsync(e)));

        await Assert.ThrowsAsync<global::Wolverine.Persistence.Durability.DuplicateIncomingEnvelopeException>(() => duplicate);
        Assert.Equal(51L, Scalar("SELECT count(*) FROM wolverine_incoming;"));
    }

    [Fact]
    public async Task a_read_only_database_gives_an_error_that_says_read_only_and_names_the_file()
    {
        await using (var setup = NewStore())
        {
            setup.EnsureSchema();
        }

        await using var store = NewStore(connectionString: $"Data Source={DatabasePath};Mode=ReadOnly");
        store.EnsureSchema();

        var error = await Assert.ThrowsAsync<SqliteStoreException>(() => store.Inbox.StoreIncomingAsync(NewIncoming()));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_database_locked_past_the_busy_timeout_gives_an_error_that_says_locked_and_names_the_file()
    {
        await using var store = NewStore(options => options.BusyTimeout = TimeSpan.FromMilliseconds(200));
        store.EnsureSchema();
        using var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<SqliteStoreException>(() => store.Inbox.StoreIncomingAsync(NewIncoming()));
        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);

        using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        // Once the other process lets go, the store works again.
        await store.Inbox.StoreIncomingAsync(NewIncoming());
    }

    [Fact]
    public async Task a_file_that_is_not_a_database_gives_an_error_that_says_so_and_names_the_file()
    {
        await File.WriteAllTextAsync(DatabasePath, new string('x', 4096));
        await using var store = NewStore();

        var error = Assert.Throws<SqliteStoreException>(() => store.EnsureSchema());
        Assert.Contains("not a valid SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_newer_schema_version_is_refused_with_an_error_naming_both_versions()
    {
        await using (var setup = NewStore())
        {
            setup.EnsureSchema();
        }

        Scalar("PRAGMA user_version = 99;");
        await using var store = NewStore();

        var error = Assert.Throws<SqliteStoreException>(() => store.EnsureSchema());
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.Contains(SchemaMigrator.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_missing_schema_without_auto_migrate_is_an_error()
    {
        await using var store = NewStore(options => options.AutoMigrate = false);

        var error = Assert.Throws<SqliteStoreException>(() => store.EnsureSchema());
        Assert.Contains("AutoMigrate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_corrupt_row_gives_an_error_naming_the_table_and_the_row()
    {
        await using var store = NewStore();
        store.EnsureSchema();
        var id = Guid.NewGuid();
        Scalar($"INSERT INTO wolverine_incoming (id, status, owner_id, attempts, body, message_type, received_at) VALUES ('{id}', 'Incoming', 1, 0, x'00FF00FF', 'broken', 'local://x');");

        var error = await Assert.ThrowsAsync<SqliteStoreException>(() => store.Admin.AllIncomingAsync());
        Assert.Contains("wolverine_incoming", error.Message, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_in_memory_database_is_rejected_when_configured()
    {
        var options = new WolverineOptions();
        var error = Assert.Throws<SqliteStoreException>(() => options.PersistMessagesWithSqlite("Data Source=:memory:"));
        Assert.Contains(":memory:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_durability_agent_moves_a_corrupt_row_to_the_dead_letters_and_keeps_working()
    {
        var target = new SqliteTarget();
        var probe = new HandlerProbe();
        var host = await ConformanceHost.StartAsync(target, probe);
        try
        {
            var id = Guid.NewGuid();
            using (var connection = new SqliteConnection(target.ConnectionString + ";Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO wolverine_incoming (id, status, owner_id, attempts, body, message_type, received_at) VALUES ('{id}', 'Incoming', 0, 0, x'00FF00FF', 'broken', 'local://contracts.storage.conformance.remind/');";
                command.ExecuteNonQuery();
            }

            await Eventually.UntilAsync(async () => (await host.Store().Admin.FetchCountsAsync()).DeadLetter == 1, "the corrupt row quarantined");
            var dead = await host.Store().DeadLetters.DeadLetterEnvelopeByIdAsync(id);
            Assert.NotNull(dead);
            Assert.Equal(typeof(SqliteStoreException).FullName, dead.ExceptionType);
            Assert.Contains(id.ToString(), dead.ExceptionMessage, StringComparison.Ordinal);

            await host.Bus().PublishAsync(new Remind("after-corruption"));
            await Eventually.UntilAsync(() => probe.Runs(nameof(Remind), "after-corruption") == 1, "a message handled after the corrupt row");
        }
        finally
        {
            await host.StopAsync();
            host.Dispose();
            await target.DisposeAsync();
        }
    }
}

/// <summary>Schema creation from several processes at once, on a new file.</summary>
public sealed class ConcurrentMigrationProcessesTests : IDisposable
{
    private readonly string _directory = TestFiles.NewDirectory();

    [Fact]
    public async Task four_processes_migrating_a_new_file_at_once_all_succeed()
    {
        var database = Path.Combine(_directory, "shared.db");
        var go = Path.Combine(_directory, "go");
        var children = Enumerable.Range(0, 4).Select(_ => ChildProcess.Start("migrate", database, go)).ToArray();
        try
        {
            foreach (var child in children)
            {
                await child.WaitForLineAsync("ready", TimeSpan.FromSeconds(60));
            }

            await File.WriteAllTextAsync(go, "go");
            foreach (var child in children)
            {
                await child.WaitForLineAsync("migrated", TimeSpan.FromSeconds(60));
                Assert.Equal(0, await child.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT user_version FROM pragma_user_version) || ':' || (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'wolverine_%') || ':' || (SELECT journal_mode FROM pragma_journal_mode);";
            Assert.Equal($"{SchemaMigrator.LatestVersion}:3:wal", command.ExecuteScalar());
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }

    public void Dispose() => TestFiles.Delete(_directory);
}
