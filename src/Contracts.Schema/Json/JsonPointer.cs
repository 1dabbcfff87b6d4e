using System;
using System.Globalization;

namespace Contracts.Schema.Json
{
    /// <summary>JSON Pointer (RFC 6901) evaluation over <see cref="JsonNode"/>.</summary>
    public static class JsonPointer
    {
        /// <summary>
        /// The node at <paramref name="pointer"/> (e.g. <c>/definitions/Money</c>; percent-encoding from a URI
        /// fragment is decoded), or null when there is none. The empty pointer is the document itself.
        /// </summary>
        public static JsonNode? Evaluate(JsonNode document, string pointer)
        {
            if (string.IsNullOrEmpty(pointer)) return document;
            pointer = Uri.UnescapeDataString(pointer);
            if (pointer[0] != '/') return null;
            var current = document;
            foreach (var rawToken in pointer.Substring(1).Split('/'))
            {
                var token = rawToken.Replace("~1", "/").Replace("~0", "~");
                if (current.Kind == JsonNodeKind.Object)
                {
                    current = current.Get(token);
                }
                else if (current.Kind == JsonNodeKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.Items.Count)
                {
                    current = current.Items[index];
                }
                else
                {
                    return null;
                }
                if (current is null) return null;
            }
            return current;
        }
    }
}
