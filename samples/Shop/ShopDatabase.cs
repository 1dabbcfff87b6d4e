using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Shop;

/// <summary>
/// The services' own tables (Inventory's stock, holds and held lines; Payments' charges; Orders' shipping addresses;
/// Notifications' deployed templates), in the same database as the message store, sagas and event log, so a handler's
/// business writes and the messages it publishes commit in one transaction (the transactional outbox). Order state is
/// not a table: it is folded from the event log. The SQL is portable: the same statements run on SQLite and PostgreSQL.
/// </summary>
public sealed class ShopDatabase(string connectionString, bool postgres)
{
    public string ConnectionString { get; } = connectionString;

    /// <summary>Whether the database is PostgreSQL (otherwise a SQLite file).</summary>
    public bool IsPostgres { get; } = postgres;

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task CreateAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (IsPostgres ? "" : "PRAGMA journal_mode=WAL;") + """
            CREATE TABLE IF NOT EXISTS order_lines (order_id TEXT NOT NULL, sku TEXT NOT NULL, quantity BIGINT NOT NULL);
            CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, available BIGINT NOT NULL, held BIGINT NOT NULL);
            CREATE TABLE IF NOT EXISTS holds (order_id TEXT PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS payments (payment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, outcome TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS notifications (order_id TEXT NOT NULL, template TEXT NOT NULL, PRIMARY KEY (order_id, template));
            CREATE TABLE IF NOT EXISTS templates (name TEXT PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS shipping_addresses (order_id TEXT PRIMARY KEY, street TEXT NOT NULL, postal_code TEXT NOT NULL, city TEXT NOT NULL, country TEXT NOT NULL);
            INSERT INTO stock VALUES ('KEYBOARD', 10, 0), ('MOUSE', 10, 0), ('MONITOR', 2, 0) ON CONFLICT DO NOTHING;
            INSERT INTO templates VALUES ('order-confirmed') ON CONFLICT DO NOTHING;
            """;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> QueryAsync<T>(string sql, Func<DbDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        return read(reader);
    }

    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
        => QueryAsync(sql, r => r.Read() ? Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : 0L, parameters);

    public Task<long> AvailableAsync(string sku)
        => CountAsync("SELECT available FROM stock WHERE sku = @sku", ("@sku", sku));

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
        => await QueryAsync(sql, r => r.RecordsAffected, parameters);
}
