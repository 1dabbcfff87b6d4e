using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Contracts.Storage.Postgres.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contracts.Storage.Postgres;

/// <summary>
/// The store's health check (registered by <c>PersistMessagesWithPostgres</c> as
/// <c>contracts-postgres-message-store</c>, tag <c>ready</c>): Healthy when a round trip to the server succeeds and
/// the store's tables exist; Unhealthy with the reason (what and where) otherwise. It does not retry: it reports the
/// state now.
/// </summary>
public sealed class PostgresMessageStoreHealthCheck : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "contracts-postgres-message-store";

    private readonly PostgresMessageStore _store;

    internal PostgresMessageStoreHealthCheck(PostgresMessageStore store) => _store = store;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["where"] = _store.Database.Where, ["retries"] = Interlocked.Read(ref _store.Database.Retries) };
        try
        {
            await _store.Database.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PostgreSQL message store reachable ({_store.Database.Where})", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e, data);
        }
    }
}
