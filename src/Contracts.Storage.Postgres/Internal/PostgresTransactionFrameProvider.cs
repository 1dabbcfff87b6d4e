using System;
using System.Linq;
using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Wolverine.Attributes;
using Wolverine.Configuration;
using Wolverine.Persistence;

namespace Contracts.Storage.Postgres.Internal;

/// <summary>
/// Lets Wolverine's <c>[Transactional]</c> attribute and <c>Policies.AutoApplyTransactions()</c> wrap a handler in a
/// <see cref="PostgresOutboxTransaction"/>: opened before the handler (which may take it as a parameter), committed
/// after the handler and its cascading messages, disposed (rolled back) in every case. Saga and entity storage on
/// PostgreSQL are not part of this store yet.
/// </summary>
internal sealed class PostgresTransactionFrameProvider : IPersistenceFrameProvider
{
    private const string AppliedTag = "contracts.postgres.transaction";

    public bool CanApply(IChain chain, IServiceContainer container) =>
        chain.HandlerCalls().Any(call =>
            call.Method.GetParameters().Any(p => p.ParameterType == typeof(PostgresOutboxTransaction))
            || call.Method.GetCustomAttribute<TransactionalAttribute>() is not null
            || call.HandlerType.GetCustomAttribute<TransactionalAttribute>() is not null);

    public void ApplyTransactionSupport(IChain chain, IServiceContainer container)
    {
        if (!chain.Tags.TryAdd(AppliedTag, true))
        {
            return;
        }

        // `await using`: an exception anywhere in the handler disposes the transaction, which rolls it back.
        chain.Middleware.Add(new MethodCall(typeof(PostgresTransactionFrames), nameof(PostgresTransactionFrames.BeginAsync)) { DisposalMode = DisposalMode.UsingBlock });
        chain.Postprocessors.Add(new MethodCall(typeof(PostgresTransactionFrames), nameof(PostgresTransactionFrames.CommitAsync)));
    }

    public void ApplyTransactionSupport(IChain chain, IServiceContainer container, Type entityType) => ApplyTransactionSupport(chain, container);

    public bool CanPersist(Type entityType, IServiceContainer container, out Type persistenceService)
    {
        persistenceService = typeof(PostgresOutboxTransaction);
        return false;
    }

    public Type DetermineSagaIdType(Type sagaType, IServiceContainer container) => throw NoSagas();

    public Frame DetermineLoadFrame(IServiceContainer container, Type sagaType, Variable sagaId) => throw NoSagas();

    public Frame DetermineInsertFrame(Variable saga, IServiceContainer container) => throw NoSagas();

    public Frame CommitUnitOfWorkFrame(Variable saga, IServiceContainer container) => throw NoSagas();

    public Frame DetermineUpdateFrame(Variable saga, IServiceContainer container) => throw NoSagas();

    public Frame DetermineDeleteFrame(Variable sagaId, Variable saga, IServiceContainer container) => throw NoSagas();

    public Frame DetermineStoreFrame(Variable saga, IServiceContainer container) => throw NoSagas();

    public Frame DetermineDeleteFrame(Variable variable, IServiceContainer container) => throw NoSagas();

    public Frame DetermineStorageActionFrame(Type entityType, Variable action, IServiceContainer container) => throw NoSagas();

    public Frame[] DetermineFrameToNullOutMaybeSoftDeleted(Variable entity) => Array.Empty<Frame>();

    private static NotSupportedException NoSagas() =>
        new("The PostgreSQL message store has no saga or entity storage yet; it only wraps handlers in an outbox transaction.");
}
