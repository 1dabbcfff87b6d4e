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
/// savepoint so that one failing operation fails alone. Operations queued as riders (the follow-up writes of a message:
/// its handled mark, the delete of a sent envelope) may instead commit with the next application outbox transaction
/// that takes the write gate before the writer does (<see cref="TakeRiders"/>): one commit instead of two.
/// </summary>
internal sealed class BatchingWriter : IAsyncDisposable
{
    // Read by the writer loop and by application transactions taking riders, always inside the write gate.
    private readonly Channel<WriteRequest> _requests = Channel.CreateUnbounded<WriteRequest>(
        new UnboundedChannelOptions { SingleReader = false });
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

    /// <summary>
    /// How long the writer leaves riders at the head of its queue for the next application transaction when one
    /// has just committed (see <see cref="RunAsync"/>): the follow-up writes of a message then add no commit.
    /// </summary>
    private static readonly TimeSpan RiderLinger = TimeSpan.FromMilliseconds(1);

    /// <summary>Number of transactions committed so far (for tests and diagnostics).</summary>
    public long Commits;

    /// <summary>Number of operations committed with an application transaction so far (for tests and diagnostics).</summary>
    public long Rode;

    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, string description) =>
        Enqueue(new WriteRequest<T>((connection, _) => work(connection), description, canRide: false));

    public Task WriteAsync(Action<SqliteConnection> work, string description) =>
        WriteAsync(connection =>
        {
            work(connection);
            return true;
        }, description);

    /// <summary>
    /// Queues an operation that may also commit inside an application transaction (<see cref="TakeRiders"/>), so it
    /// must write only through the transaction it is given (null on the writer's own connection) and must not depend
    /// on operations queued after it. Its task completes once it is committed, whichever transaction committed it.
    /// </summary>
    public Task WriteAlongAsync(Action<SqliteConnection, SqliteTransaction?> work, string description) =>
        Enqueue(new WriteRequest<bool>((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        }, description, canRide: true));

    /// <summary>Riders are batching too: with a batch size of 1, every store operation is its own commit.</summary>
    private bool RidersOn => _maxBatchSize > 1;

    private Task<T> Enqueue<T>(WriteRequest<T> request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            // The store was disposed (the container can dispose it before Wolverine has finished shutting down):
            // a late write, such as a handled mark, still runs, on a connection of its own.
            RunLate(request);
        }

        return request.Completion.Task;
    }

    /// <summary>
    /// Runs the riders at the head of the queue (up to the batch size, stopping at the first operation that is not
    /// one) inside <paramref name="transaction"/>, each in a savepoint of its own so that one failing rider fails
    /// alone. The caller holds the write gate, commits, then calls <see cref="Committed"/>, or
    /// <see cref="NotCommitted"/> if the commit failed. Null when there were none (or batching is off).
    /// </summary>
    public List<WriteRequest>? TakeRiders(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (!RidersOn)
        {
            return null;
        }

        List<WriteRequest>? riders = null;
        try
        {
            while (riders is null || riders.Count < _maxBatchSize)
            {
                if (!_requests.Reader.TryPeek(out var next) || !next.CanRide || !_requests.Reader.TryRead(out next))
                {
                    break;
                }

                (riders ??= new List<WriteRequest>()).Add(next);
                connection.ExecutePrepared("SAVEPOINT contracts_rider;", transaction);
                if (!next.Run(connection, transaction))
                {
                    connection.ExecutePrepared("ROLLBACK TO contracts_rider;", transaction);
                }

                connection.ExecutePrepared("RELEASE contracts_rider;", transaction);
            }
        }
        catch
        {
            // The application transaction is in doubt now; it will roll back. Its riders go back to the writer.
            NotCommitted(riders);
            throw;
        }

        return riders;
    }

    /// <summary>The application transaction that took <paramref name="riders"/> committed: their callers get their results.</summary>
    public void Committed(List<WriteRequest>? riders)
    {
        if (riders is null)
        {
            return;
        }

        Interlocked.Add(ref Rode, riders.Count);
        foreach (var rider in riders)
        {
            rider.Publish(_factory);
        }
    }

    /// <summary>The application transaction that took <paramref name="riders"/> rolled back: the writer runs them again.</summary>
    public void NotCommitted(List<WriteRequest>? riders)
    {
        if (riders is null)
        {
            return;
        }

        foreach (var rider in riders)
        {
            if (!_requests.Writer.TryWrite(rider))
            {
                // The store was disposed meanwhile. Not inline: the caller may still hold the write gate.
                _ = Task.Run(() => RunLate(rider));
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        var reader = _requests.Reader;
        var lingered = false;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // The batch is taken inside the gate: an application transaction that held it may have taken the riders.
            await _gate.EnterAsync().ConfigureAwait(false);
            if (!lingered && RidersOn && reader.TryPeek(out var head) && head.CanRide && _gate.OutboxExitedWithin(RiderLinger))
            {
                // Application transactions are committing one after another: let the next one take these riders
                // rather than spend a commit of our own between two of theirs (at most once per batch).
                _gate.Exit();
                lingered = true;
                await Task.Delay(RiderLinger).ConfigureAwait(false);
                continue;
            }

            lingered = false;
            try
            {
                batch.Clear();
                while (batch.Count < _maxBatchSize && reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                if (batch.Count > 0)
                {
                    ExecuteBatch(batch);
                }
            }
            finally
            {
                _gate.Exit();
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
                if (batch[0].Run(_connection, null))
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
                    if (request.Run(_connection, null))
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
                end.CommandText = request.Run(connection, null) ? "COMMIT;" : "ROLLBACK;";
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

    internal abstract class WriteRequest
    {
        protected WriteRequest(string description, bool canRide)
        {
            Description = description;
            CanRide = canRide;
        }

        public string Description { get; }

        /// <summary>May commit inside an application transaction (<see cref="TakeRiders"/>).</summary>
        public bool CanRide { get; }

        /// <summary>Runs the work; false if it threw (the exception is kept for <see cref="Publish"/>).</summary>
        public abstract bool Run(SqliteConnection connection, SqliteTransaction? transaction);

        /// <summary>Completes the caller's task; SQLite errors become errors that name the file and say what to do.</summary>
        public abstract void Publish(SqliteConnectionFactory factory);

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteRequest<T> : WriteRequest
    {
        private readonly Func<SqliteConnection, SqliteTransaction?, T> _work;
        private T? _result;
        private Exception? _error;

        public WriteRequest(Func<SqliteConnection, SqliteTransaction?, T> work, string description, bool canRide)
            : base(description, canRide) => _work = work;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool Run(SqliteConnection connection, SqliteTransaction? transaction)
        {
            try
            {
                _result = _work(connection, transaction);
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
