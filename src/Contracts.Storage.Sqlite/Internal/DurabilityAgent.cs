using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JasperFx;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;
using Wolverine.Transports;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// The store's background work: fires scheduled messages when due, hands unowned incoming envelopes (left by a
/// crashed process, or released) back to their listeners, re-sends unowned outgoing envelopes, and deletes
/// expired handled markers and dead letters. Every claim is an atomic <c>UPDATE ... WHERE owner_id = 0</c>, so
/// two agents (or two passes) never hand out the same envelope.
/// </summary>
internal sealed class DurabilityAgent : IAgent
{
    [Flags]
    public enum Duties
    {
        FireScheduled = 1,
        Recover = 2,
        Cleanup = 4,
    }

    private readonly SqliteMessageStore _store;
    private readonly IWolverineRuntime _runtime;
    private readonly Duties _duties;
    private readonly ILogger _logger;
    private CancellationTokenSource? _cancellation;
    private Task? _loop;

    public DurabilityAgent(SqliteMessageStore store, IWolverineRuntime runtime, Duties duties, Uri uri)
    {
        _store = store;
        _runtime = runtime;
        _duties = duties;
        Uri = uri;
        _logger = runtime.LoggerFactory.CreateLogger<DurabilityAgent>();
    }

    public Uri Uri { get; }

    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

    private TimeSpan Interval => _store.Options.PollingInterval ?? _store.Durability.ScheduledJobPollingTime;

    private int BatchSize => Math.Max(1, _store.Durability.RecoveryBatchSize);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return Task.CompletedTask;
        }

        _cancellation = new CancellationTokenSource();
        Status = AgentStatus.Running;
        _loop = Task.Run(() => RunAsync(_cancellation.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_cancellation is null || _loop is null)
        {
            return;
        }

        await _cancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _loop = null;
        Status = AgentStatus.Stopped;
    }

    private async Task RunAsync(CancellationToken token)
    {
        // Wolverine's setting for the agent's first pass after startup (as the PostgreSQL store honours it).
        try
        {
            await Task.Delay(_store.Durability.ScheduledJobFirstExecution, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!token.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "The SQLite message store's durability agent failed a pass over {Database}; it tries again in {Interval}",
                    _store.Factory.DatabasePath, Interval);
            }

            try
            {
                await Task.Delay(Interval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken token)
    {
        if (_duties.HasFlag(Duties.FireScheduled))
        {
            await FireDueScheduledAsync(token).ConfigureAwait(false);
        }

        if (_duties.HasFlag(Duties.Recover))
        {
            await RecoverIncomingAsync(token).ConfigureAwait(false);
            await RecoverOutgoingAsync(token).ConfigureAwait(false);
        }

        if (_duties.HasFlag(Duties.Cleanup))
        {
            var now = DateTimeOffset.UtcNow;
            await _store.Writer.WriteAsync(connection =>
            {
                using var command = EnvelopeRows.Command(connection,
                    "DELETE FROM wolverine_incoming WHERE status = 'Handled' AND keep_until IS NOT NULL AND keep_until <= @now;");
                command.Add("@now", EnvelopeRows.ToUnixMs(now));
                command.ExecuteNonQuery();
            }, "deleting expired handled markers").ConfigureAwait(false);
            await ((SqliteDeadLetters)_store.DeadLetters).DeleteExpiredAsync(now).ConfigureAwait(false);
        }
    }

    private async Task FireDueScheduledAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var corrupt = new List<(Guid Id, SqliteStoreException Error)>();
            var due = _store.Read(connection =>
            {
                using var command = EnvelopeRows.Command(connection,
                    $"SELECT {EnvelopeRows.IncomingColumns} FROM wolverine_incoming WHERE status = 'Scheduled' AND execution_time <= @now ORDER BY execution_time LIMIT @limit;");
                command.Add("@now", EnvelopeRows.ToUnixMs(DateTimeOffset.UtcNow));
                command.Add("@limit", BatchSize);
                return EnvelopeRows.ReadIncoming(command, _store.Factory.DatabasePath, corrupt);
            }, "loading due scheduled messages");
            await QuarantineAsync(SchemaMigrator.Incoming, corrupt).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return;
            }

            var claimed = await _store.ClaimIncomingAsync(_store.NodeNumber, due, "Scheduled").ConfigureAwait(false);
            foreach (var envelope in claimed)
            {
                envelope.ScheduledTime = null;
                envelope.WasPersistedInInbox = true;
            }

            if (claimed.Count > 0)
            {
                _logger.LogDebug("Firing {Count} due scheduled messages from {Database}", claimed.Count, _store.Factory.DatabasePath);
                await _runtime.EnqueueDirectlyAsync(claimed).ConfigureAwait(false);
            }

            if (due.Count < BatchSize)
            {
                return;
            }
        }
    }

    private async Task RecoverIncomingAsync(CancellationToken token)
    {
        var waiting = _store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection,
                "SELECT received_at, count(*) FROM wolverine_incoming WHERE status = 'Incoming' AND owner_id = 0 AND received_at IS NOT NULL GROUP BY received_at;");
            var list = new List<(string Uri, int Count)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add((reader.GetString(0), reader.GetInt32(1)));
            }

            return list;
        }, "counting unowned incoming envelopes");

        foreach (var (uriText, _) in waiting)
        {
            var uri = new Uri(uriText);
            var circuit = _runtime.Endpoints.FindListenerCircuit(uri);
            if (circuit is null)
            {
                _logger.LogDebug("No listener for {Uri} yet; its unowned incoming envelopes wait for the next pass", uri);
                continue;
            }

            while (!token.IsCancellationRequested && circuit.Status == ListeningStatus.Accepting)
            {
                var room = circuit.Endpoint.BufferingLimits.Maximum - circuit.QueueCount - 1;
                var pageSize = Math.Min(BatchSize, room);
                if (pageSize <= 0)
                {
                    break;
                }

                var corrupt = new List<(Guid Id, SqliteStoreException Error)>();
                var page = _store.Read(connection =>
                {
                    using var command = EnvelopeRows.Command(connection,
                        $"SELECT {EnvelopeRows.IncomingColumns} FROM wolverine_incoming WHERE status = 'Incoming' AND owner_id = 0 AND received_at = @uri LIMIT @limit;");
                    command.Add("@uri", uriText);
                    command.Add("@limit", pageSize);
                    return EnvelopeRows.ReadIncoming(command, _store.Factory.DatabasePath, corrupt);
                }, $"loading unowned incoming envelopes of {uri}");
                await QuarantineAsync(SchemaMigrator.Incoming, corrupt).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                var claimed = await _store.ClaimIncomingAsync(_store.NodeNumber, page, "Incoming").ConfigureAwait(false);
                foreach (var envelope in claimed)
                {
                    envelope.WasPersistedInInbox = true;
                    envelope.Destination ??= uri;
                }

                try
                {
                    await circuit.EnqueueDirectlyAsync(claimed).ConfigureAwait(false);
                    _logger.LogInformation("Recovered {Count} incoming envelopes for {Uri} from {Database}", claimed.Count, uri, _store.Factory.DatabasePath);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Could not hand {Count} recovered envelopes to {Uri}; releasing them for a later pass", claimed.Count, uri);
                    await _store.ReassignIncomingAsync(0, claimed).ConfigureAwait(false);
                    break;
                }

                if (page.Count < pageSize)
                {
                    break;
                }
            }
        }
    }

    private async Task RecoverOutgoingAsync(CancellationToken token)
    {
        var destinations = _store.Read(connection =>
        {
            using var command = EnvelopeRows.Command(connection, "SELECT DISTINCT destination FROM wolverine_outgoing WHERE owner_id = 0;");
            var list = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }, "listing destinations of unowned outgoing envelopes");

        foreach (var destination in destinations)
        {
            if (token.IsCancellationRequested)
            {
                return;
            }

            var uri = new Uri(destination);
            var sender = _runtime.Endpoints.GetOrBuildSendingAgent(uri);
            if (sender.Latched)
            {
                continue;
            }

            var corrupt = new List<(Guid Id, SqliteStoreException Error)>();
            var envelopes = _store.Read(connection =>
            {
                using var command = EnvelopeRows.Command(connection,
                    $"SELECT {EnvelopeRows.OutgoingColumns} FROM wolverine_outgoing WHERE owner_id = 0 AND destination = @dest ORDER BY stored_at LIMIT @limit;");
                command.Add("@dest", destination);
                command.Add("@limit", BatchSize);
                return EnvelopeRows.ReadOutgoing(command, _store.Factory.DatabasePath, corrupt);
            }, $"loading unowned outgoing envelopes for {uri}");
            await QuarantineAsync(SchemaMigrator.Outgoing, corrupt).ConfigureAwait(false);

            var expired = envelopes.Where(e => e.IsExpired()).ToArray();
            var node = _store.NodeNumber;
            var claimed = await _store.Writer.WriteAsync(connection =>
            {
                using (var delete = EnvelopeRows.Command(connection, "DELETE FROM wolverine_outgoing WHERE id = @id;"))
                {
                    var id = delete.Parameters.Add("@id", SqliteType.Text);
                    foreach (var envelope in expired)
                    {
                        id.Value = EnvelopeRows.Id(envelope.Id);
                        delete.ExecuteNonQuery();
                    }
                }

                using var claim = EnvelopeRows.Command(connection, "UPDATE wolverine_outgoing SET owner_id = @owner WHERE id = @id AND owner_id = 0;");
                var claimId = claim.Parameters.Add("@id", SqliteType.Text);
                claim.Add("@owner", node);
                var taken = new List<Envelope>();
                foreach (var envelope in envelopes.Where(e => !e.IsExpired()))
                {
                    claimId.Value = EnvelopeRows.Id(envelope.Id);
                    if (claim.ExecuteNonQuery() == 1)
                    {
                        envelope.OwnerId = node;
                        taken.Add(envelope);
                    }
                }

                return taken;
            }, $"claiming outgoing envelopes for {uri}").ConfigureAwait(false);

            foreach (var envelope in claimed)
            {
                await sender.EnqueueOutgoingAsync(envelope).ConfigureAwait(false);
            }

            if (claimed.Count > 0 || expired.Length > 0)
            {
                _logger.LogInformation("Recovered {Count} outgoing envelopes for {Uri} (discarded {Expired} expired) from {Database}",
                    claimed.Count, uri, expired.Length, _store.Factory.DatabasePath);
            }
        }
    }

    /// <summary>
    /// A row whose body cannot be read would otherwise stop recovery on every pass. It is moved to the dead letters,
    /// raw body and all, with an exception that names the table and row, and logged.
    /// </summary>
    private async Task QuarantineAsync(string table, List<(Guid Id, SqliteStoreException Error)> corrupt)
    {
        foreach (var (id, error) in corrupt)
        {
            _logger.LogError(error, "Moving a corrupt row to the dead letters: {Message}", error.Message);
            await _store.Writer.WriteAsync(connection =>
            {
                using var command = EnvelopeRows.Command(connection,
                    $"INSERT OR REPLACE INTO wolverine_dead_letters (id, execution_time, body, message_type, received_at, source, exception_type, exception_message, sent_at, failed_at, replayable, expires_at, tenant_id) " +
                    $"SELECT id, NULL, body, message_type, {(table == SchemaMigrator.Incoming ? "COALESCE(received_at, '')" : "destination")}, '', @type, @message, @now, @now, 0, NULL, NULL FROM {table} WHERE id = @id; " +
                    $"DELETE FROM {table} WHERE id = @id;");
                command.Add("@id", EnvelopeRows.Id(id));
                command.Add("@type", typeof(SqliteStoreException).FullName);
                command.Add("@message", error.Message);
                command.Add("@now", EnvelopeRows.ToUnixMs(DateTimeOffset.UtcNow));
                command.ExecuteNonQuery();
            }, $"moving corrupt row {id} of {table} to the dead letters").ConfigureAwait(false);
        }
    }
}
