using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Contracts.Wolverine.Internal;

/// <summary>Validates JSON payloads of JSON Schema subjects with NJsonSchema; schemas are parsed once per fingerprint.</summary>
internal sealed class JsonPayloadValidator
{
    private readonly ConcurrentDictionary<ulong, Lazy<JsonSchema>> _schemas = new();

    /// <exception cref="ContractValidationException">The payload violates the schema.</exception>
    public void Validate(string subject, int version, ulong fingerprint, string schemaText, ReadOnlySpan<byte> utf8Json)
    {
        var schema = _schemas.GetOrAdd(fingerprint, _ => new Lazy<JsonSchema>(() => Parse(subject, version, schemaText))).Value;
        var errors = schema.Validate(Encoding.UTF8.GetString(utf8Json));
        if (errors.Count == 0)
        {
            return;
        }

        var listed = string.Join("; ", errors.Take(10).Select(Describe));
        throw new ContractValidationException(subject, version,
            $"The JSON payload violates the schema of {subject} v{version}: {listed}{(errors.Count > 10 ? $" (and {errors.Count - 10} more)" : "")}.");
    }

    private static string Describe(ValidationError error)
    {
        var path = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        return $"{path}: {error.Kind}";
    }

    private static JsonSchema Parse(string subject, int version, string schemaText)
    {
        try
        {
            // The schema text is self-contained in generated code; NJsonSchema completes synchronously without references.
            return JsonSchema.FromJsonAsync(schemaText).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The JSON Schema of {subject} v{version} cannot be loaded for payload validation: {e.Message}", e);
        }
    }
}
