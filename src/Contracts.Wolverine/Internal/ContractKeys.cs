using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace Contracts.Wolverine.Internal;

/// <summary>
/// The generated key accessors of a contract type (<c>GetPartitionKey()</c>, <c>GetIdempotencyKey()</c>, emitted by the
/// generator when the subject declares the key), bound once per type as delegates. Envelope headers, partitioned
/// processing, idempotency and the event log's stream key all read keys through here, so they always agree on the
/// text of a key.
/// </summary>
internal static class ContractKeys
{
    private static readonly ConcurrentDictionary<(Type Type, string Method), Func<object, string>?> Accessors = new();

    /// <summary>The partition key accessor of <paramref name="info"/>'s type, or null when the subject declares none.</summary>
    public static Func<object, string>? PartitionKey(ContractInfo info)
        => info.PartitionKeyField is null ? null : Accessor(info.ClrType, "GetPartitionKey");

    /// <summary>The idempotency key accessor of <paramref name="info"/>'s type, or null when the subject declares none.</summary>
    public static Func<object, string>? IdempotencyKey(ContractInfo info)
        => info.IdempotencyKeyField is null ? null : Accessor(info.ClrType, "GetIdempotencyKey");

    private static Func<object, string>? Accessor(Type clrType, string methodName)
        => Accessors.GetOrAdd((clrType, methodName), static key =>
        {
            var method = key.Type.GetMethod(key.Method, BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            if (method is null || method.ReturnType != typeof(string))
            {
                return null;
            }

            var bind = typeof(ContractKeys).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(key.Type);
            return (Func<object, string>)bind.Invoke(null, [method])!;
        });

    private static Func<object, string> Bind<T>(MethodInfo method)
    {
        var typed = method.CreateDelegate<Func<T, string>>();
        return message => typed((T)message);
    }
}
