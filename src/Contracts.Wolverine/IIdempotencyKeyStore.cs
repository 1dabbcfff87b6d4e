using System;
using System.Threading;
using System.Threading.Tasks;

namespace Contracts.Wolverine;

/// <summary>
/// Business-key de-duplication: the message store records which message first claimed a subject's idempotency key.
/// Implemented by the message store (SQLite, PostgreSQL); <c>UseContracts</c> finds it on Wolverine's main store.
/// </summary>
public interface IIdempotencyKeyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> of <paramref name="subject"/> for <paramref name="messageId"/>. Returns
    /// <see langword="true"/> when the key was free or is already held by this same message (a retry or a re-queued
    /// dead letter), <see langword="false"/> when another message holds it: this one is a duplicate.
    /// </summary>
    /// <param name="subject">The contract's subject.</param>
    /// <param name="key">The idempotency key value.</param>
    /// <param name="messageId">The envelope id of the message being handled.</param>
    /// <param name="cancellation">Cancels the claim.</param>
    Task<bool> TryClaimIdempotencyKeyAsync(string subject, string key, Guid messageId, CancellationToken cancellation);
}
