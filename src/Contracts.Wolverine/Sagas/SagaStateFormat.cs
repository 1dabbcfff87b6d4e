using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wolverine;

namespace Contracts.Wolverine.Sagas;

/// <summary>
/// How a saga's state is stored, the same in every Contracts store: the saga's public properties as one
/// System.Text.Json document (property names as declared), its id as invariant text, its type as
/// <see cref="Type.FullName"/>, and <see cref="Saga.Version"/> in a column of its own (not in the document).
/// </summary>
/// <remarks>
/// The format is evolvable: a property added to the saga class loads from an old row with the value its
/// initializer gives (the document has no member for it), and a member of an old row that the class no longer
/// has is ignored. Renaming a property or changing its type is a breaking change for stored sagas: keep the
/// old name with <c>[JsonPropertyName]</c>. Renaming or moving the saga class orphans its rows (the type name is
/// the key).
/// </remarks>
public static class SagaStateFormat
{
    /// <summary>The serializer options used when a store is not given its own.</summary>
    public static JsonSerializerOptions DefaultOptions { get; } = Configure(new JsonSerializerOptions());

    /// <summary>
    /// Makes <paramref name="options"/> fit for saga state: <see cref="Saga.Version"/> is left out of the document
    /// (the store keeps it in its own column) and unknown members are skipped.
    /// </summary>
    /// <param name="options">Options to adjust, e.g. with the application's converters.</param>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = resolver.WithAddedModifier(static info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object || !typeof(Saga).IsAssignableFrom(info.Type))
            {
                return;
            }

            for (var i = info.Properties.Count - 1; i >= 0; i--)
            {
                if (info.Properties[i].Name == nameof(Saga.Version))
                {
                    info.Properties.RemoveAt(i);
                }
            }
        });
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }

    /// <summary>The name under which a saga type's rows are stored.</summary>
    public static string TypeName(Type sagaType) => sagaType.FullName ?? sagaType.Name;

    /// <summary>A saga id as stored: a <see cref="Guid"/> in the "D" format, numbers in invariant culture, strings as they are.</summary>
    public static string IdText<TId>(TId id)
    {
        return id switch
        {
            null => throw new ArgumentNullException(nameof(id), "A saga id cannot be null."),
            string text => text,
            Guid guid => guid.ToString("D"),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => id.ToString() ?? throw new ArgumentException($"The saga id {typeof(TId)} has no text form.", nameof(id)),
        };
    }

    /// <summary>The state document of <paramref name="saga"/>.</summary>
    public static string Serialize<TSaga>(TSaga saga, JsonSerializerOptions options) where TSaga : Saga
        => JsonSerializer.Serialize(saga, options);

    /// <summary>Reads a saga back from its document and stored version.</summary>
    /// <exception cref="SagaStateException">The document cannot be read as <typeparamref name="TSaga"/>.</exception>
    public static TSaga Deserialize<TSaga>(string state, int version, string where, JsonSerializerOptions options) where TSaga : Saga
    {
        TSaga? saga;
        try
        {
            saga = JsonSerializer.Deserialize<TSaga>(state, options);
        }
        catch (JsonException e)
        {
            throw new SagaStateException($"The stored state of saga {where} cannot be read as {typeof(TSaga)}: {e.Message}", e);
        }

        if (saga is null)
        {
            throw new SagaStateException($"The stored state of saga {where} is JSON null.");
        }

        saga.Version = version;
        return saga;
    }
}
