using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace Contracts.Wolverine.EventLog;

/// <summary>
/// Reads the value of a contract's partition key field (<see cref="ContractInfo.PartitionKeyField"/>) from a message:
/// the generated property whose name equals the schema field name ignoring case and underscores. A getter is found
/// once per CLR type. (A generated accessor on ContractRegistration would make this reflection-free.)
/// </summary>
internal static class PartitionKeys
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>?> Getters = new();

    public static string? Read(ContractInfo info, object message)
    {
        if (info.PartitionKeyField is null)
        {
            return null;
        }

        var getter = Getters.GetOrAdd(info.ClrType, static (type, field) => Find(type, field), info.PartitionKeyField)
                     ?? throw new EventLogException(
                         $"{info.Subject} v{info.Version} declares partition key field '{info.PartitionKeyField}', but {info.ClrType} has no property for it.");
        return getter(message) switch
        {
            null => null,
            string text => text,
            Guid guid => guid.ToString("D"),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    private static Func<object, object?>? Find(Type type, string field)
    {
        var wanted = Normalize(field);
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.GetMethod is not null && Normalize(p.Name) == wanted);
        return property is null ? null : property.GetValue;
    }

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
