using System;
using System.Threading.Tasks;
using Npgsql;

namespace Contracts.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test assembly (each assembly that uses it starts its own), started on first
/// use and stopped when the test process exits; each test gets its own database. Missing server binaries make every test fail with the
/// install instructions (from <see cref="PostgresCluster"/>), never pass.
/// </summary>
public static class TestServer
{
    private static readonly Lazy<PostgresCluster> Shared = new(() =>
    {
        var cluster = PostgresCluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    });

    public static PostgresCluster Cluster => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return Cluster.ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever is still connected.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE);", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query on a connection of its own (unpooled: it must work right after a server restart).</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
