using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using JasperFx;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Configuration;
using Wolverine.Persistence;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// Lets Wolverine's <c>[Transactional]</c> attribute and <c>Policies.AutoApplyTransactions()</c> wrap a handler in a
/// <see cref="SqliteOutboxTransaction"/>: the generated handler code opens it before the handler (which may take it as
/// a parameter), commits it after the handler and its cascading messages, and disposes it (rolling back) in every
/// case. A chain is claimed when a handler takes a <see cref="SqliteOutboxTransaction"/> or is marked
/// <c>[Transactional]</c>. This store has no saga storage, so the saga members are not supported.
/// </summary>
internal sealed class SqliteTransactionFrameProvider : IPersistenceFrameProvider
{
    private const string AppliedTag = "contracts.sqlite.transaction";

    public bool CanApply(IChain chain, IServiceContainer container) =>
        chain.HandlerCalls().Any(call =>
            call.Method.GetParameters().Any(p => p.ParameterType == typeof(SqliteOutboxTransaction))
            || call.Method.GetCustomAttribute<TransactionalAttribute>() is not null
            || call.HandlerType.GetCustomAttribute<TransactionalAttribute>() is not null);

    public void ApplyTransactionSupport(IChain chain, IServiceContainer container)
    {
        if (chain.Tags.ContainsKey(AppliedTag))
        {
            return;
        }

        chain.Tags[AppliedTag] = true;
        chain.Middleware.Add(new MethodCall(typeof(SqliteTransactionFrames), nameof(SqliteTransactionFrames.BeginAsync))
        {
            // `await using`: an exception anywhere in the handler disposes the transaction, which rolls it back.
            DisposalMode = DisposalMode.UsingBlock,
        });
        chain.Postprocessors.Add(new MethodCall(typeof(SqliteTransactionFrames), nameof(SqliteTransactionFrames.CommitAsync)));
    }

    public void ApplyTransactionSupport(IChain chain, IServiceContainer container, Type entityType) =>
        ApplyTransactionSupport(chain, container);

    public bool CanPersist(Type entityType, IServiceContainer container, out Type persistenceService)
    {
        persistenceService = typeof(SqliteOutboxTransaction);
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
        new("The SQLite message store has no saga or entity storage; it only wraps handlers in an outbox transaction.");
}
