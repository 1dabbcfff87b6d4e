using System;
using System.Collections.Generic;

namespace Contracts.Wolverine.Replay;

/// <summary>The checks and messages of recording a replay request, the same in every store.</summary>
internal static class ReplayRequests
{
    /// <exception cref="ArgumentException">The request starts before position 1 or ends before it starts.</exception>
    public static void Validate(ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.From < 1 || request.To < request.From)
        {
            throw new ArgumentException($"A replay runs from position 1 or later, and its end ({request.To}) cannot be before its start ({request.From}).", nameof(request));
        }
    }

    /// <summary>The error for a request naming no subscription, listing the ones that exist.</summary>
    public static InvalidOperationException UnknownSubscription(string name, string location, IEnumerable<string> known)
    {
        var list = string.Join(", ", known);
        return new InvalidOperationException(
            $"No subscription named '{name}' in '{location}' (known: {(list.Length == 0 ? "none; a subscription is registered when the service that runs it starts" : list)}).");
    }
}
