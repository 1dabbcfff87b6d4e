using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;

namespace Contracts.Testing.Tests
{
    public class PostgresClusterTests
    {
        [Fact]
        public async Task a_throwaway_cluster_accepts_connections_survives_a_restart_and_is_removed_on_dispose()
        {
            string root;
            using (var cluster = PostgresCluster.Start())
            {
                root = cluster.Root;
                await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand("create table t(id int primary key); insert into t values (42);", connection);
                    await create.ExecuteNonQueryAsync();
                }
                cluster.Restart(TimeSpan.Zero);
                NpgsqlConnection.ClearAllPools();
                await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
                {
                    await connection.OpenAsync();
                    await using var select = new NpgsqlCommand("select id from t", connection);
                    Assert.Equal(42, (int)(await select.ExecuteScalarAsync())!);
                }
            }
            Assert.False(Directory.Exists(root));
        }
    }
}
