using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Contracts.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;

namespace Contracts.Storage.Sqlite.Tests;

/// <summary>
/// The store's follow-up writes (handled marks, deletes of sent envelopes) ride along with an application outbox
/// transaction that holds the write gate when they are queued: one commit instead of two, and never lost when that
/// transaction fails to commit.
/// </summary>
public sealed class RiderTests : IAsyncLifetime
{
    private readonly string _directory = TestFiles.NewDirectory();
    private IHost _host = null!;

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "riders.db")};Foreign Keys=True";

    private SqliteMessageStore Store => (SqliteMessageStore)_host.Services.GetRequiredService<IWolverineRuntime>().Storage;

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(int maxBatchSize)
    {
        _host = await Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Critical))
            .UseWolverine(options =>
            {
                options.Discovery.DisableConventionalDiscovery();
                options.PersistMessagesWithSqlite(ConnectionString, store => store.MaxBatchSize = maxBatchSize);
            })
            .StartAsync();
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText =
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY);" +
            "CREATE TABLE postings (account INTEGER NOT NULL REFERENCES accounts (id) DEFERRABLE INITIALLY DEFERRED);";
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        SqliteConnection.ClearAllPools();
        TestFiles.Delete(_directory);
    }

    private async Task<Envelope[]> StoreIncomingAsync(int count)
    {
        var envelopes = Enumerable.Range(0, count).Select(_ => SqliteStoreTests.NewIncoming(Store.NodeNumber)).ToArray();
        foreach (var envelope in envelopes)
        {
            await Store.Inbox.StoreIncomingAsync(envelope);
        }

        return envelopes;
    }

    private Task<long> HandledAsync(Envelope[] envelopes) =>
        CountAsync($"wolverine_incoming WHERE status = 'Handled' AND id IN ({string.Join(", ", envelopes.Select(e => $"'{e.Id}'"))})");

    private async Task<long> CountAsync(string rows)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {rows};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Opens an outbox transaction (which holds the write gate), queues a handled mark for each envelope while it is
    /// open, runs <paramref name="work"/> in it, then waits for the marks, whichever transaction commits them.
    /// </summary>
    private async Task MarkWhileOpenAsync(Envelope[] envelopes, Func<SqliteOutboxTransaction, Task> work)
    {
        Task[] marks;
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        await using (var transaction = await bus.BeginSqliteTransactionAsync())
        {
            marks = envelopes.Select(e => Store.Inbox.MarkIncomingEnvelopeAsHandledAsync(e)).ToArray();
            await work(transaction);
        }

        await Task.WhenAll(marks).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task ExecuteAsync(SqliteOutboxTransaction transaction, string sql)
    {
        await using var command = transaction.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task handled_marks_queued_while_an_application_transaction_is_open_commit_with_it()
    {
        await StartAsync(maxBatchSize: 256);
        var envelopes = await StoreIncomingAsync(5);
        var writerCommits = Store.Writer.Commits;

        // The transaction holds the write gate: the writer cannot commit these marks before it does.
        await MarkWhileOpenAsync(envelopes, async transaction =>
        {
            await ExecuteAsync(transaction, "INSERT INTO accounts (id) VALUES (1);");
            await transaction.CommitAsync();
        });

        Assert.Equal(5, await HandledAsync(envelopes));
        Assert.Equal(5, Store.Writer.Rode);
        Assert.Equal(writerCommits, Store.Writer.Commits);
        Assert.Equal(1, await CountAsync("accounts"));
    }

    [Fact]
    public async Task marks_taken_by_a_transaction_whose_commit_fails_are_committed_by_the_writer()
    {
        await StartAsync(maxBatchSize: 256);
        var envelopes = await StoreIncomingAsync(3);

        await MarkWhileOpenAsync(envelopes, async transaction =>
        {
            // A posting to an account that does not exist: the deferred foreign key fails the COMMIT itself.
            await ExecuteAsync(transaction, "INSERT INTO postings (account) VALUES (42);");
            await Assert.ThrowsAnyAsync<Exception>(() => transaction.CommitAsync());
        });

        Assert.Equal(3, await HandledAsync(envelopes));
        Assert.Equal(0, Store.Writer.Rode);
        Assert.Equal(0, await CountAsync("postings"));
    }

    [Fact]
    public async Task with_batching_off_every_mark_is_a_commit_of_the_writer()
    {
        await StartAsync(maxBatchSize: 1);
        var envelopes = await StoreIncomingAsync(2);
        var writerCommits = Store.Writer.Commits;

        await MarkWhileOpenAsync(envelopes, transaction => transaction.CommitAsync());

        Assert.Equal(2, await HandledAsync(envelopes));
        Assert.Equal(0, Store.Writer.Rode);
        Assert.Equal(writerCommits + 2, Store.Writer.Commits);
    }
}
