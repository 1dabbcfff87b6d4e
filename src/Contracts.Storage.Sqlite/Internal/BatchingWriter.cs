using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// The one connection through which the store's own writes go. SQLite has no group commit and one writer at a
/// time, so more connections add lock contention, not throughput. Instead, whatever operations are waiting
/// when the writer comes round are committed together in one transaction (one fsync), each inside its own
/// savepoint so that one failing operation fails alone.
/// </summary>
internal sealed class BatchingWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _requests = Channel.CreateUnbounded<WriteRequest>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnectionFactory _factory;
    private readonly int _maxBatchSize;
    private readonly Task _loop;
    private SqliteConnection? _connection;

    private readonly WriteGate _gate;

    public BatchingWriter(SqliteConnectionFactory factory, int maxBatchSize, WriteGate gate)
    {
        _factory = factory;
        _gate = gate;
        _maxBatchSize = Math.Max(1, maxBatchSize);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Number of transactions committed so far (for tests and diagnostics).</summary>
    public long Commits;

    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, string description)
    {
        var request = new WriteRequest<T>(work, description);
        if (!_requests.Writer.TryWrite(request))
        {
            // The store was disposed (the container can dispose it before Wolverine has finished shutting down):
            // a late write, such as a handled mark, still runs, on a connection of its own.
            RunLate(request);
        }

        return request.Completion.Task;
    }

    public Task WriteAsync(Action<SqliteConnection> work, string description) =>
        WriteAsync(connection =>
        {
            work(connection);
            return true;
        }, description);

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            if (batch.Count > 0)
            {
                await _gate.EnterAsync().ConfigureAwait(false);
                try
                {
                    ExecuteBatch(batch);
                }
                finally
                {
                    _gate.Exit();
                }
            }
        }

        _connection?.Dispose();
    }

    private void ExecuteBatch(List<WriteRequest> batch)
    {
        var inTransaction = false;
        try
        {
            _connection ??= _factory.Open();
            Execute("BEGIN IMMEDIATE;");
            inTransaction = true;
            if (batch.Count == 1)
            {
                // Alone in its transaction, an operation needs no savepoint: if it fails, the transaction rolls back.
                if (batch[0].Run(_connection))
                {
                    Execute("COMMIT;");
                }
                else if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    Execute("ROLLBACK;"); // unless SQLite already rolled it back (SQLITE_FULL, SQLITE_IOERR...)
                }

                inTransaction = false;
            }
            else
            {
                foreach (var request in batch)
                {
                    Execute("SAVEPOINT op;");
                    if (request.Run(_connection))
                    {
                        Execute("RELEASE op;");
                    }
                    else
                    {
                        Execute("ROLLBACK TO op;");
                        Execute("RELEASE op;");
                    }
                }

                Execute("COMMIT;");
                inTransaction = false;
            }

            Interlocked.Increment(ref Commits);
            foreach (var request in batch)
            {
                request.Publish(_factory);
            }
        }
        catch (Exception e)
        {
            if (inTransaction)
            {
                try
                {
                    Execute("ROLLBACK;");
                }
                catch (SqliteException)
                {
                    // The connection is unusable; open a fresh one for the next batch.
                    _connection?.Dispose();
                    _connection = null;
                }
            }

            foreach (var request in batch)
            {
                var error = e is SqliteException sqlite
                    ? _factory.Translate(sqlite, request.Description)
                    : e;
                request.Fail(error);
            }
        }
    }

    private void RunLate(WriteRequest request)
    {
        _gate.EnterAsync().GetAwaiter().GetResult();
        try
        {
            using var connection = _factory.Open();
            using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }

            using (var end = connection.CreateCommand())
            {
                end.CommandText = request.Run(connection) ? "COMMIT;" : "ROLLBACK;";
                end.ExecuteNonQuery();
            }

            request.Publish(_factory);
        }
        catch (SqliteException e)
        {
            request.Fail(_factory.Translate(e, request.Description));
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void Execute(string sql) => _connection!.ExecutePrepared(sql);

    public async Task DrainAsync()
    {
        // Everything queued before this marker is committed once the marker's (empty) batch commits.
        await WriteAsync(_ => { }, "draining").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private abstract class WriteRequest
    {
        protected WriteRequest(string description) => Description = description;

        public string Description { get; }

        /// <summary>Runs the work; false if it threw (the exception is kept for <see cref="Publish"/>).</summary>
        public abstract bool Run(SqliteConnection connection);

        /// <summary>Completes the caller's task; SQLite errors become errors that name the file and say what to do.</summary>
        public abstract void Publish(SqliteConnectionFactory factory);

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteRequest<T> : WriteRequest
    {
        private readonly Func<SqliteConnection, T> _work;
        private T? _result;
        private Exception? _error;

        public WriteRequest(Func<SqliteConnection, T> work, string description) : base(description) => _work = work;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool Run(SqliteConnection connection)
        {
            try
            {
                _result = _work(connection);
                _error = null;
                return true;
            }
            catch (Exception e)
            {
                _error = e;
                return false;
            }
        }

        public override void Publish(SqliteConnectionFactory factory)
        {
            if (_error is null)
            {
                Completion.TrySetResult(_result!);
            }
            else
            {
                Completion.TrySetException(_error is SqliteException sqlite ? factory.Translate(sqlite, Description) : _error);
            }
        }

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
