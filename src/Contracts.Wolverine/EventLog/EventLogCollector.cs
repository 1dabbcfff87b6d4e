using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Runtime;

namespace Contracts.Wolverine.EventLog;

/// <summary>
/// A store's source of rows to append at outbox commit: the catalog is looked up once, then
/// <see cref="EventLogEntries.Collect"/> picks what the unit of work published. Dialect-free.
/// </summary>
internal sealed class EventLogCollector
{
    private readonly EventLogOptions _options;
    private ContractCatalog? _catalog;
    private bool _catalogResolved;

    public EventLogCollector(EventLogOptions options) => _options = options;

    /// <summary>The rows to append for what <paramref name="context"/> published, or <see langword="null"/> when there are none.</summary>
    public List<EventLogRecord>? Collect(MessageContext context)
    {
        if (!_catalogResolved)
        {
            _catalog = context.Runtime.Services.GetService<ContractCatalog>();
            _catalogResolved = true;
        }

        return _catalog is null ? null : EventLogEntries.Collect(context, _catalog, _options);
    }
}
