using System;
using System.Linq.Expressions;
using System.Reflection;
using Wolverine;
using Wolverine.Persistence.Sagas;

namespace Contracts.Wolverine.Sagas;

/// <summary>
/// Reads a saga's id from the saga itself, by the member Wolverine's own conventions pick (<c>[SagaIdentity]</c>,
/// <c>Id</c>, <c>{SagaName}Id</c>), through a delegate compiled once per saga type.
/// </summary>
public static class SagaIdentity<TId, TSaga> where TSaga : Saga
{
    private static readonly Func<TSaga, TId> Getter = Build();

    /// <summary>The id of <paramref name="saga"/>.</summary>
    public static TId Read(TSaga saga) => Getter(saga);

    /// <summary>The id of <paramref name="saga"/> as stores keep it (<see cref="SagaStateFormat.IdText{TId}"/>).</summary>
    public static string ReadText(TSaga saga) => SagaStateFormat.IdText(Getter(saga));

    private static Func<TSaga, TId> Build()
    {
        var member = SagaChain.DetermineSagaIdMember(typeof(TSaga), typeof(TSaga))
                     ?? throw new InvalidOperationException(
                         $"Saga {typeof(TSaga)} has no identity member: add an Id property (or mark one with [SagaIdentity]).");
        var saga = Expression.Parameter(typeof(TSaga), "saga");
        Expression access = member switch
        {
            PropertyInfo property => Expression.Property(saga, property),
            FieldInfo field => Expression.Field(saga, field),
            _ => throw new InvalidOperationException($"The identity member {member.Name} of saga {typeof(TSaga)} is neither a property nor a field."),
        };
        if (access.Type != typeof(TId))
        {
            access = Expression.Convert(access, typeof(TId));
        }

        return Expression.Lambda<Func<TSaga, TId>>(access, saga).Compile();
    }
}
