using System;
using System.Collections.Generic;

namespace Contracts.Upcasting;

/// <summary>
/// What generated upcasters call to carry a list or a map from one version to the next: one new collection,
/// each element converted by a (static, cached) delegate. Collections whose element type does not change are
/// not copied at all: the generated code passes them on.
/// </summary>
public static class UpcastCollections
{
    /// <summary>A new list of the converted items, in order.</summary>
    /// <typeparam name="TFrom">The older version's item type.</typeparam>
    /// <typeparam name="TTo">The newer version's item type.</typeparam>
    /// <param name="items">The older list.</param>
    /// <param name="convert">Converts one item.</param>
    public static IReadOnlyList<TTo> List<TFrom, TTo>(IReadOnlyList<TFrom> items, Func<TFrom, TTo> convert)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(convert);
        if (items.Count == 0) return Array.Empty<TTo>();
        var result = new TTo[items.Count];
        for (var i = 0; i < result.Length; i++) result[i] = convert(items[i]);
        return result;
    }

    /// <summary>A new map with the same keys and the converted values.</summary>
    /// <typeparam name="TFrom">The older version's value type.</typeparam>
    /// <typeparam name="TTo">The newer version's value type.</typeparam>
    /// <param name="map">The older map.</param>
    /// <param name="convert">Converts one value.</param>
    public static IReadOnlyDictionary<string, TTo> Map<TFrom, TTo>(IReadOnlyDictionary<string, TFrom> map, Func<TFrom, TTo> convert)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(convert);
        var result = new Dictionary<string, TTo>(map.Count, StringComparer.Ordinal);
        foreach (var pair in map) result.Add(pair.Key, convert(pair.Value));
        return result;
    }
}
