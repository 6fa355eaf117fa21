using System.Text.Encodings.Web;
using System.Text.Json;

namespace ScribeActors.Agent.Datasets;

/// <summary>The one JSON shape of dataset files: camelCase, nulls written out (a missing node reads back as null), HTML kept readable (only what JSON must
/// escape is escaped), so the bytes depend on the data alone.</summary>
public static class DatasetJson
{
    /// <summary>The encoder: leaves <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and non-ASCII text as they are.</summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>One line per value (records).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Indented (manifests, statistics).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        NewLine = "\n",
        Encoder = Encoder,
        RespectRequiredConstructorParameters = true,
    };
}
