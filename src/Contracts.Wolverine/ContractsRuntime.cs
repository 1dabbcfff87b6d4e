using System;
using System.Collections.Generic;
using Contracts.Wolverine.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine;
using Wolverine.Runtime;

namespace Contracts.Wolverine;

/// <summary>
/// The state <c>UseContracts</c> shares between its serializers, envelope rule and handler middleware: the catalog,
/// per-contract metadata and the store. A singleton in the container; application code uses
/// <see cref="ContractCatalog"/> instead.
/// </summary>
public sealed class ContractsRuntime
{
    private readonly Dictionary<Type, ContractEntry> _byType = new();
    private readonly Dictionary<ulong, ContractEntry> _byFingerprint = new();
    private readonly WolverineOptions _wolverineOptions;
    private IServiceProvider? _services;
    private string? _source;
    private ILogger? _logger;

    internal ContractsRuntime(ContractCatalog catalog, ContractsOptions options, WolverineOptions wolverineOptions)
    {
        Catalog = catalog;
        Options = options;
        _wolverineOptions = wolverineOptions;
        foreach (var registration in catalog.All)
        {
            var latest = catalog.Latest(registration.Info.Subject)!;
            var entry = new ContractEntry(registration, latest);
            _byFingerprint[registration.Info.Fingerprint] = entry;
        }

        // Every CLR type, including a second assembly's copy of one contract, maps to the entry of its registration.
        foreach (var registration in options.Registrations)
        {
            var canonical = catalog.Find(registration.Info.Subject, registration.Info.Version)!;
            var entry = _byFingerprint[canonical.Info.Fingerprint];
            _byType.TryAdd(registration.Info.ClrType, entry.ClrType == registration.Info.ClrType ? entry : new ContractEntry(registration, entry.Latest));
        }

        Validator = new JsonPayloadValidator();
        ForwardReader = new ForwardReader(this);
    }

    internal ContractCatalog Catalog { get; }

    internal ContractsOptions Options { get; }

    internal JsonPayloadValidator Validator { get; }

    internal ForwardReader ForwardReader { get; }

    internal string Source => _source ??= Options.Source ?? "/" + _wolverineOptions.ServiceName;

    internal ILogger Logger => _logger ??= _services?.GetService<ILoggerFactory>()?.CreateLogger("Contracts.Wolverine") ?? NullLogger.Instance;

    internal IEnumerable<ContractEntry> Entries => _byFingerprint.Values;

    /// <summary>The message store, once the host has started (the schema table and idempotency keys live there).</summary>
    internal object? Store => _services?.GetService<IWolverineRuntime>()?.Storage;

    internal void Attach(IServiceProvider services) => _services ??= services;

    internal ContractEntry? Find(Type clrType) => _byType.TryGetValue(clrType, out var entry) ? entry : null;

    internal ContractEntry? FindByFingerprint(ulong fingerprint) => _byFingerprint.TryGetValue(fingerprint, out var entry) ? entry : null;

    internal bool IsContract(Type clrType) => _byType.ContainsKey(clrType);

    private HashSet<Uri>? _separatedEndpoints;

    /// <summary>
    /// Whose idempotency-key claim a handling is: null for a message type's one handler chain (the claim is the
    /// subject's), or the endpoint of one of several separated handler chains of its type
    /// (<c>MultipleHandlerBehavior.Separated</c>, or sticky handlers). Each of those gets its own copy of a message,
    /// with an envelope id of its own, so each claims the key for itself.
    /// </summary>
    internal string? ClaimScope(Envelope envelope)
    {
        if (envelope.Destination is not { } destination)
        {
            return null;
        }

        var separated = _separatedEndpoints ??= FindSeparatedEndpoints();
        return separated.Contains(destination) ? destination.ToString() : null;
    }

    /// <summary>The endpoints of the per-endpoint ("sticky") handler chains of contract message types.</summary>
    private HashSet<Uri> FindSeparatedEndpoints()
    {
        var endpoints = new HashSet<Uri>();
        if (_services?.GetService<IWolverineRuntime>() is not WolverineRuntime runtime)
        {
            return endpoints;
        }

        foreach (var chain in runtime.Handlers.Chains)
        {
            if (!IsContract(chain.MessageType))
            {
                continue;
            }

            foreach (var sticky in chain.ByEndpoint)
            {
                foreach (var endpoint in sticky.Endpoints)
                {
                    endpoints.Add(endpoint.Uri);
                }
            }
        }

        return endpoints;
    }
}
