using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScribeActors.DemoSites.Api;

/// <summary>The JSON shape of the API: camelCase properties, enums as strings, dictionary keys as they are.</summary>
internal static class DemoJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,

        // The API is read by people and tools, never embedded in HTML; keep quotes and apostrophes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
