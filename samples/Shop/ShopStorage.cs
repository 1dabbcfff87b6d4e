using Contracts.Storage.Postgres;
using Contracts.Storage.Sqlite;
using Npgsql;
using Wolverine;

namespace Shop;

/// <summary>
/// Where the shop keeps everything (messages, sagas, event log, the services' tables): a SQLite file by default, or a
/// fresh schema in a PostgreSQL database with --postgres. The services' code is the same on both; only the
/// PersistMessages… line differs.
/// </summary>
public sealed class ShopStorage : IAsyncDisposable
{
    private readonly Func<Task> _cleanUp;

    private ShopStorage(string description, ShopDatabase database, Action<WolverineOptions, string?> persist, string folder, Func<Task> cleanUp, string? schema = null)
    {
        Schema = schema;
        Description = description;
        Database = database;
        _persist = persist;
        Folder = folder;
        _cleanUp = cleanUp;
    }

    /// <summary>What and where, for the console.</summary>
    public string Description { get; }

    public ShopDatabase Database { get; }

    /// <summary>The PostgreSQL schema of this run (null on SQLite).</summary>
    public string? Schema { get; }

    /// <summary>The connection string the services use.</summary>
    public string ConnectionString => Database.ConnectionString;

    private readonly Action<WolverineOptions, string?> _persist;

    /// <summary>
    /// The PersistMessages… call for this storage. <paramref name="ownStore"/> (--processes, PostgreSQL only) gives that
    /// process's service a message store of its own (schema <c>{run schema}_{name}</c>: its inbox, outbox, dead letters,
    /// scheduled messages, sagas and idempotency keys), sharing the event log in the run's schema with the others.
    /// </summary>
    public void Persist(WolverineOptions opts, string? ownStore = null) => _persist(opts, ownStore);

    /// <summary>The message-store schema of a service that has one of its own (--processes).</summary>
    public string StoreSchemaOf(string ownStore) => $"{Schema}_{ownStore}";

    /// <summary>A folder for the sample's other files (the old storefront's outbox file, the default trace file).</summary>
    public string Folder { get; }

    /// <summary>Opens the storage; a database that cannot be reached throws <see cref="ShopStorageException"/>.</summary>
    public static async Task<ShopStorage> OpenAsync(ShopOptions options)
    {
        var storage = options.PostgresConnectionString is { } postgres ? await OpenPostgresAsync(postgres) : OpenSqlite(options.DatabasePath);
        try
        {
            await storage.Database.CreateAsync();
            return storage;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or NpgsqlException)
        {
            await storage.DisposeAsync();
            throw new ShopStorageException($"cannot create the shop's tables in {storage.Description}: {e.Message}");
        }
    }

    private static ShopStorage OpenSqlite(string? databasePath)
    {
        var temporary = databasePath is null;
        var path = databasePath ?? Path.Combine(Path.GetTempPath(), $"contracts-shop-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path}";
        return new ShopStorage($"SQLite file {path}", new ShopDatabase(connectionString, postgres: false),
            (opts, _) => opts.PersistMessagesWithSqlite(connectionString),   // messages, sagas and the event log in one file
            Path.GetDirectoryName(Path.GetFullPath(path))!,
            () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (temporary)
                {
                    foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
                }
                return Task.CompletedTask;
            });
    }

    private static async Task<ShopStorage> OpenPostgresAsync(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ShopUsageException($"--postgres \"{connectionString}\" is not a PostgreSQL connection string: {e.Message}");
        }

        // A fresh schema per run: the scenario's checks count stock and events from a known start, and the schema is
        // dropped at the end, so the database is left as it was found.
        var schema = $"shop_{Guid.NewGuid():N}"[..13];
        var where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            throw new ShopStorageException($"cannot use {where}: {e.Message}");
        }

        builder.SearchPath = schema;
        var scoped = builder.ConnectionString;
        return new ShopStorage($"{where}, schema {schema} (dropped at the end)", new ShopDatabase(scoped, postgres: true),
            PersistPostgres(scoped, schema),
            Path.GetTempPath(),
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                // The run's schema and the services' own store schemas (shop_1234abcd_orders, … with --processes).
                var schemas = new List<string>();
                await using (var find = new NpgsqlCommand("SELECT nspname FROM pg_namespace WHERE nspname = @s OR starts_with(nspname, @s || '_')", connection))
                {
                    find.Parameters.AddWithValue("s", schema);
                    await using var reader = await find.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) schemas.Add(reader.GetString(0));
                }
                if (schemas.Count == 0) return;
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {string.Join(", ", schemas.Select(n => $"\"{n}\""))} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }, schema);
    }

    /// <summary>The schema another node made (--nodes): the same tables, nothing created and nothing dropped here.</summary>
    public static ShopStorage AttachPostgres(string scopedConnectionString, string schema)
        => new($"schema {schema}", new ShopDatabase(scopedConnectionString, postgres: true), PersistPostgres(scopedConnectionString, schema),
            Path.GetTempPath(), () => Task.CompletedTask, schema);

    // Messages, sagas and the event log in the run's schema; or, for a service with a store of its own, its messages and
    // sagas in its schema and the event log (shared by all of them) in the run's. The services' tables are found through
    // the connection's search path (the run's schema) either way, so a business write and the outbox share a transaction.
    private static Action<WolverineOptions, string?> PersistPostgres(string connectionString, string schema)
        => (opts, ownStore) => opts.PersistMessagesWithPostgres(connectionString, pg =>
        {
            if (ownStore is null)
            {
                pg.SchemaName = schema;
                return;
            }
            pg.SchemaName = $"{schema}_{ownStore}";
            pg.SharedSchemaName = schema;
        });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cleanUp();
        }
        catch (Exception e) when (e is IOException or NpgsqlException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"shop: could not clean up {Description}: {e.Message}");
        }
    }
}

/// <summary>The database cannot be reached or used: reported in one line, exit code 2.</summary>
public sealed class ShopStorageException(string message) : Exception(message);
