using System.Diagnostics;
using Contracts.Benchmarks.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace Contracts.Benchmarks.Postgres;

/// <summary>The set-up steps the PostgreSQL benchmarks share.</summary>
internal static class PostgresBenchmarkSetup
{
    /// <summary>An open connection for the raw-ceiling benchmarks, with their tables created by <paramref name="ddl"/>.</summary>
    public static NpgsqlConnection OpenRaw(string connectionString, string ddl)
    {
        var raw = new NpgsqlConnection(connectionString);
        raw.Open();
        using var create = new NpgsqlCommand(ddl, raw);
        create.ExecuteNonQuery();
        return raw;
    }

    /// <summary>Publishes one message and waits for it: Wolverine compiles the handler code at the first message.</summary>
    public static void WarmUp(IHost host)
    {
        BenchHandler.Expect(1);
        host.Services.GetRequiredService<IMessageBus>().PublishAsync(new BenchMessage(Stopwatch.GetTimestamp())).AsTask().GetAwaiter().GetResult();
        BenchHandler.WaitAll();
    }
}
