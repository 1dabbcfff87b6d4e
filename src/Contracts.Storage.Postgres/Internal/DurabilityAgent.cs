using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using JasperFx;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;
using Wolverine.Transports;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// The store's background work on one node: fires due scheduled messages, hands unowned incoming envelopes (left by
/// a dead node, or released) to their listeners, re-sends unowned outgoing envelopes, releases envelopes of nodes
/// that are gone, and deletes expired handled markers and dead letters. Every claim is one
/// <c>UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …</c>: any number of nodes run this agent
/// at once, and each row is handed to exactly one of them.
/// </summary>
internal sealed class DurabilityAgent : IAgent
{
    [Flags]
    public enum Duties
    {
        None = 0,
        FireScheduled = 1,
        Recover = 2,
        Cleanup = 4,
        ReleaseOrphans = 8,
    }

    private readonly PostgresMessageStore _store;
    private readonly IWolverineRuntime _runtime;
    private readonly Duties _duties;
    private readonly ILogger _logger;
    private CancellationTokenSource? _cancellation;
    private Task? _loop;

    public DurabilityAgent(PostgresMessageStore store, IWolverineRuntime runtime, Duties duties, Uri uri)
    {
        _store = store;
        _runtime = runtime;
        _duties = duties;
        Uri = uri;
        _logger = runtime.LoggerFactory.CreateLogger<DurabilityAgent>();
    }

    public Uri Uri { get; }

    public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

    private PostgresDatabase Db => _store.Database;

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
                _logger.LogError(e, "The PostgreSQL message store's durability agent failed a pass over {Where}; it tries again in {Interval}", Db.Where, Interval);
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
        // In Balanced mode a node claims nothing before it has its number: rows claimed under a provisional number
        // would look orphaned to the other nodes.
        var canClaim = _store.CanClaim;
        if (_duties.HasFlag(Duties.ReleaseOrphans) && canClaim)
        {
            await ReleaseOrphansAsync(token).ConfigureAwait(false);
        }

        if (_duties.HasFlag(Duties.FireScheduled) && canClaim)
        {
            await FireDueScheduledAsync(token).ConfigureAwait(false);
        }

        if (_duties.HasFlag(Duties.Recover) && canClaim)
        {
            await RecoverIncomingAsync(token).ConfigureAwait(false);
            await RecoverOutgoingAsync(token).ConfigureAwait(false);
        }

        if (_duties.HasFlag(Duties.Cleanup))
        {
            await Db.RunAsync(async (connection, t) =>
            {
                await using var command = EnvelopeRows.Command(connection,
                    $"DELETE FROM {Db.Tables.Incoming} WHERE status = 'Handled' AND keep_until IS NOT NULL AND keep_until <= now();");
                await command.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            }, "deleting expired handled markers", token).ConfigureAwait(false);
            await ((PostgresDeadLetters)_store.DeadLetters).DeleteExpiredAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Releases envelopes owned by node numbers that no longer have a live node record (deleted, or silent for
    /// longer than <c>Durability.StaleNodeTimeout</c>): what a node killed mid-work leaves behind.
    /// </summary>
    private Task ReleaseOrphansAsync(CancellationToken token) =>
        Db.RunAsync(async (connection, t) =>
        {
            var live = $"SELECT node_number FROM {Db.Tables.Nodes} WHERE health_check > now() - @stale";
            await using var command = EnvelopeRows.Command(connection,
                    $"UPDATE {Db.Tables.Incoming} SET owner_id = 0 WHERE owner_id <> 0 AND owner_id <> @me AND owner_id NOT IN ({live}); " +
                    $"UPDATE {Db.Tables.Outgoing} SET owner_id = 0 WHERE owner_id <> 0 AND owner_id <> @me AND owner_id NOT IN ({live});")
                .With("stale", _store.Durability.StaleNodeTimeout)
                .With("me", _store.NodeNumber);
            var released = await command.ExecuteNonQueryAsync(t).ConfigureAwait(false);
            if (released > 0)
            {
                _logger.LogInformation("Released {Count} envelopes owned by nodes that are gone, in {Where}", released, Db.Where);
            }
        }, "releasing envelopes of nodes that are gone", token);

    private async Task FireDueScheduledAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var corrupt = new List<(Guid Id, PostgresStoreException Error)>();
            var node = _store.NodeNumber;
            var claimed = await Db.RunAsync(async (connection, _, t) =>
            {
                await using var command = EnvelopeRows.Command(connection,
                        $"UPDATE {Db.Tables.Incoming} SET owner_id = @owner, status = 'Incoming' WHERE id IN (" +
                        $"SELECT id FROM {Db.Tables.Incoming} WHERE status = 'Scheduled' AND execution_time <= now() ORDER BY execution_time LIMIT @limit FOR UPDATE SKIP LOCKED) " +
                        $"RETURNING {EnvelopeRows.IncomingColumns};")
                    .With("owner", node).With("limit", BatchSize);
                return await EnvelopeRows.ReadIncomingAsync(command, Db, t, corrupt).ConfigureAwait(false);
            }, "claiming due scheduled messages", token).ConfigureAwait(false);
            await QuarantineAsync(Db.Tables.Incoming, corrupt).ConfigureAwait(false);
            foreach (var envelope in claimed)
            {
                envelope.ScheduledTime = null;
                envelope.Status = EnvelopeStatus.Incoming;
                envelope.WasPersistedInInbox = true;
            }

            if (claimed.Count > 0)
            {
                _logger.LogDebug("Firing {Count} due scheduled messages from {Where}", claimed.Count, Db.Where);
                await _runtime.EnqueueDirectlyAsync(claimed).ConfigureAwait(false);
            }

            if (claimed.Count + corrupt.Count < BatchSize)
            {
                return;
            }
        }
    }

    private async Task RecoverIncomingAsync(CancellationToken token)
    {
        var waiting = await Db.RunAsync(async (connection, _, t) =>
        {
            await using var command = EnvelopeRows.Command(connection,
                $"SELECT DISTINCT received_at FROM {Db.Tables.Incoming} WHERE status = 'Incoming' AND owner_id = 0 AND received_at IS NOT NULL;");
            var list = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(t).ConfigureAwait(false);
            while (await reader.ReadAsync(t).ConfigureAwait(false))
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }, "listing listeners with unowned incoming envelopes", token).ConfigureAwait(false);

        foreach (var uriText in waiting)
        {
            var uri = new Uri(uriText);
            var circuit = _runtime.Endpoints.FindListenerCircuit(uri);
            if (circuit is null)
            {
                _logger.LogDebug("No listener for {Uri} on this node; its unowned incoming envelopes wait for a node that has one", uri);
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

                var corrupt = new List<(Guid Id, PostgresStoreException Error)>();
                var node = _store.NodeNumber;
                var claimed = await Db.RunAsync(async (connection, _, t) =>
                {
                    await using var command = EnvelopeRows.Command(connection,
                            $"UPDATE {Db.Tables.Incoming} SET owner_id = @owner WHERE id IN (" +
                            $"SELECT id FROM {Db.Tables.Incoming} WHERE status = 'Incoming' AND owner_id = 0 AND received_at = @uri LIMIT @limit FOR UPDATE SKIP LOCKED) " +
                            $"RETURNING {EnvelopeRows.IncomingColumns};")
                        .With("owner", node).With("uri", uriText).With("limit", pageSize);
                    return await EnvelopeRows.ReadIncomingAsync(command, Db, t, corrupt).ConfigureAwait(false);
                }, $"claiming unowned incoming envelopes of {uri}", token).ConfigureAwait(false);
                await QuarantineAsync(Db.Tables.Incoming, corrupt).ConfigureAwait(false);
                if (claimed.Count == 0 && corrupt.Count == 0)
                {
                    break;
                }

                foreach (var envelope in claimed)
                {
                    envelope.WasPersistedInInbox = true;
                    envelope.Destination ??= uri;
                }

                try
                {
                    await circuit.EnqueueDirectlyAsync(claimed).ConfigureAwait(false);
                    _logger.LogInformation("Recovered {Count} incoming envelopes for {Uri} from {Where}", claimed.Count, uri, Db.Where);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Could not hand {Count} recovered envelopes to {Uri}; releasing them for a later pass", claimed.Count, uri);
                    await _store.ReassignIncomingAsync(0, claimed).ConfigureAwait(false);
                    break;
                }

                if (claimed.Count + corrupt.Count < pageSize)
                {
                    break;
                }
            }
        }
    }

    private async Task RecoverOutgoingAsync(CancellationToken token)
    {
        var destinations = await Db.RunAsync(async (connection, _, t) =>
        {
            await using var command = EnvelopeRows.Command(connection, $"SELECT DISTINCT destination FROM {Db.Tables.Outgoing} WHERE owner_id = 0;");
            var list = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(t).ConfigureAwait(false);
            while (await reader.ReadAsync(t).ConfigureAwait(false))
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }, "listing destinations of unowned outgoing envelopes", token).ConfigureAwait(false);

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

            var corrupt = new List<(Guid Id, PostgresStoreException Error)>();
            var node = _store.NodeNumber;
            var claimed = await Db.RunAsync(async (connection, _, t) =>
            {
                await using var command = EnvelopeRows.Command(connection,
                        $"UPDATE {Db.Tables.Outgoing} SET owner_id = @owner WHERE id IN (" +
                        $"SELECT id FROM {Db.Tables.Outgoing} WHERE owner_id = 0 AND destination = @dest ORDER BY stored_at LIMIT @limit FOR UPDATE SKIP LOCKED) " +
                        $"RETURNING {EnvelopeRows.OutgoingColumns};")
                    .With("owner", node).With("dest", destination).With("limit", BatchSize);
                return await EnvelopeRows.ReadOutgoingAsync(command, Db, t, corrupt).ConfigureAwait(false);
            }, $"claiming unowned outgoing envelopes for {uri}", token).ConfigureAwait(false);
            await QuarantineAsync(Db.Tables.Outgoing, corrupt).ConfigureAwait(false);

            var expired = claimed.Where(e => e.IsExpired()).ToArray();
            if (expired.Length > 0)
            {
                await _store.Outbox.DeleteOutgoingAsync(expired).ConfigureAwait(false);
            }

            var count = 0;
            foreach (var envelope in claimed.Where(e => !e.IsExpired()))
            {
                await sender.EnqueueOutgoingAsync(envelope).ConfigureAwait(false);
                count++;
            }

            if (count > 0 || expired.Length > 0)
            {
                _logger.LogInformation("Recovered {Count} outgoing envelopes for {Uri} (discarded {Expired} expired) from {Where}", count, uri, expired.Length, Db.Where);
            }
        }
    }

    /// <summary>
    /// A row whose body cannot be read would otherwise stop recovery on every pass. It is moved to the dead letters,
    /// raw body and all, with an exception that names the table and row, and logged.
    /// </summary>
    private async Task QuarantineAsync(string table, List<(Guid Id, PostgresStoreException Error)> corrupt)
    {
        foreach (var (id, error) in corrupt)
        {
            _logger.LogError(error, "Moving a corrupt row to the dead letters: {Message}", error.Message);
            var receivedAt = table == Db.Tables.Incoming ? "COALESCE(received_at, '')" : "destination";
            await Db.InTransactionAsync(async (connection, transaction, token) =>
            {
                await using var command = EnvelopeRows.Command(connection,
                        $"INSERT INTO {Db.Tables.DeadLetters} (id, execution_time, body, message_type, received_at, source, exception_type, exception_message, sent_at, failed_at, replayable, expires_at, tenant_id) " +
                        $"SELECT id, NULL, body, message_type, {receivedAt}, '', @type, @message, now(), now(), false, NULL, NULL FROM {table} WHERE id = @id " +
                        "ON CONFLICT (id) DO NOTHING; " +
                        $"DELETE FROM {table} WHERE id = @id;", transaction)
                    .With("id", id).With("type", typeof(PostgresStoreException).FullName).With("message", error.Message);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }, $"moving corrupt row {id} of {table} to the dead letters").ConfigureAwait(false);
        }
    }
}
