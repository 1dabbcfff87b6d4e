using Microsoft.Data.Sqlite;

namespace Shop;

/// <summary>
/// The services' own tables (Inventory's stock, holds and held lines; Payments' charges), in the same SQLite file
/// as the message store, sagas and event log, so a handler's business writes and the messages it publishes commit in
/// one transaction (the transactional outbox). Order state is not a table: it is folded from the event log.
/// </summary>
public sealed class ShopDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task CreateAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS order_lines (order_id TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, available INTEGER NOT NULL, held INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS holds (order_id TEXT PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS payments (payment_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, outcome TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS notifications (order_id TEXT NOT NULL, template TEXT NOT NULL, PRIMARY KEY (order_id, template));
            INSERT OR IGNORE INTO stock VALUES ('KEYBOARD', 10, 0), ('MOUSE', 10, 0), ('MONITOR', 2, 0);
            """;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        return read(reader);
    }

    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
        => QueryAsync(sql, r => r.Read() ? r.GetInt64(0) : 0L, parameters);

    public Task<long> AvailableAsync(string sku)
        => CountAsync("SELECT available FROM stock WHERE sku = @sku", ("@sku", sku));
}
