using LLama;
using LLama.Native;
using Microsoft.Extensions.Logging;
using ScribeActors.Inference.Gguf;

namespace ScribeActors.Inference;

/// <summary>
/// Writes a quantized copy of a llama GGUF through llama.cpp's quantizer (the native library LLamaSharp ships): the
/// tensors whose rows fit the type's blocks are quantized, the rest stay as they are, metadata and vocabulary are kept.
/// </summary>
public static class ModelQuantizer
{
    private static readonly Dictionary<string, LLamaFtype> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["f16"] = LLamaFtype.MOSTLY_F16,
        ["q8_0"] = LLamaFtype.MOSTLY_Q8_0,
        ["q5_0"] = LLamaFtype.MOSTLY_Q5_0,
        ["q4_0"] = LLamaFtype.MOSTLY_Q4_0,
    };

    /// <summary>The types <see cref="Quantize"/> writes.</summary>
    public static IReadOnlyList<string> Types { get; } = [.. Known.Keys];

    /// <summary>Quantizes <paramref name="source"/> to <paramref name="type"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The type is unknown, the source is missing or not a llama GGUF, or the
    /// destination is the source.</exception>
    /// <exception cref="InvalidOperationException">llama.cpp refused to quantize it.</exception>
    public static void Quantize(string source, string destination, string type, ILogger logger)
    {
        if (!Known.TryGetValue(type, out var ftype))
        {
            throw new ArgumentException($"Unknown quantization type '{type}': use one of {string.Join(", ", Types)}.", nameof(type));
        }

        if (!File.Exists(source))
        {
            throw new ArgumentException($"{source} does not exist.", nameof(source));
        }

        if (string.Equals(Path.GetFullPath(source), Path.GetFullPath(destination), StringComparison.Ordinal))
        {
            throw new ArgumentException("The quantized copy cannot replace the model it is made from: give another output path.", nameof(destination));
        }

        GgufDocument document;
        try
        {
            document = GgufReader.Read(source, loadTensorData: false);
        }
        catch (GgufFormatException e)
        {
            throw new ArgumentException($"{source} is not a GGUF model: {e.Message}", nameof(source), e);
        }

        if (!document.Metadata.TryGetValue("general.architecture", out var architecture) || architecture.AsString() != "llama")
        {
            throw new ArgumentException($"{source} is not a llama model; only llama GGUFs are quantized here.", nameof(source));
        }

        LlamaNative.EnsureConfigured(logger);
        NativeApi.llama_empty_call(); // loads the configured library: the quantizer's own entry points do not
        if (!LLamaQuantizer.Quantize(source, destination, ftype, nthread: 1, allowRequantize: false, quantizeOutputTensor: true))
        {
            throw new InvalidOperationException($"llama.cpp could not quantize {source} to {type}.");
        }
    }
}
