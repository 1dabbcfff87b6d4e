using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine.Runtime;

namespace Contracts.Wolverine.Internal;

/// <summary>At startup, writes every schema this service knows into the store's schema table (see <see cref="IContractSchemaStore"/>).</summary>
internal sealed class SchemaRegistrationService : IHostedService
{
    private readonly ContractsRuntime _runtime;
    private readonly IWolverineRuntime _wolverine;
    private readonly ILogger<SchemaRegistrationService> _logger;

    public SchemaRegistrationService(ContractsRuntime runtime, IWolverineRuntime wolverine, ILogger<SchemaRegistrationService> logger)
    {
        _runtime = runtime;
        _wolverine = wolverine;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_wolverine.Storage is not IContractSchemaStore store)
        {
            _logger.LogWarning(
                "The message store {Store} has no schema table (it does not implement IContractSchemaStore): messages written with a newer schema version cannot be read here.",
                _wolverine.Storage.GetType().Name);
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var schemas = _runtime.Catalog.All
            .Select(r => new StoredContractSchema(r.Info.Fingerprint, r.Info.Subject, r.Info.Version, r.Info.Schema, now))
            .ToArray();
        await store.RegisterSchemasAsync(schemas, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("Registered {Count} contract schemas in the message store's schema table.", schemas.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
