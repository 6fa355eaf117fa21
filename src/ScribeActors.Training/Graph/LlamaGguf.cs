using ScribeActors.Training.Models;
using System.Runtime.InteropServices;
using ScribeActors.Inference.Gguf;

namespace ScribeActors.Training.Graph;

/// <summary>
/// Moves llama weights between GGUF files and the training graph: reads the config and F32 tensors of a llama GGUF
/// (F16 tensors are widened; quantized ones are refused), and writes trained weights back with the base file's
/// metadata block copied verbatim, so the vocabulary, special tokens and context length stay as they were.
/// </summary>
public static class LlamaGguf
{
    /// <summary>
    /// Reads the model at <paramref name="path"/>. Throws <see cref="NotSupportedException"/> for a model that is not a
    /// llama GGUF or has quantized tensors, <see cref="GgufFormatException"/> for a corrupt file.
    /// </summary>
    public static (GgufDocument Document, LlamaWeights Weights) Load(string path)
    {
        var document = GgufReader.Read(path);
        return (document, Weights(document, path));
    }

    /// <summary>The config and F32 weights of a llama <paramref name="document"/> (<paramref name="source"/> names it in errors).</summary>
    public static LlamaWeights Weights(GgufDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        var arch = document.Metadata.TryGetValue("general.architecture", out var a) ? a.AsString() : "(none)";
        if (arch != "llama")
        {
            throw new NotSupportedException($"'{source}' is not a llama GGUF: general.architecture is '{arch}'; the trainer builds the llama graph only.");
        }

        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var tensor in document.Tensors)
        {
            tensors[tensor.Name] = tensor.Type switch
            {
                GgmlType.F32 => tensor.GetF32(),
                GgmlType.F16 => MemoryMarshal.Cast<byte, Half>(tensor.GetData().Span).ToArray().Select(h => (float)h).ToArray(),
                _ => throw new NotSupportedException(
                    $"'{source}' has the {tensor.Type} tensor '{tensor.Name}': the trainer trains F32 weights only (F16 is widened), so a quantized model cannot be a base; start from its F32 or F16 file."),
            };
        }

        int Int(string key, int? fallback = null) =>
            document.Metadata.TryGetValue($"llama.{key}", out var v) ? checked((int)v.AsInt64())
            : fallback ?? throw new NotSupportedException($"'{source}' lacks the metadata key 'llama.{key}' the llama graph needs.");

        var heads = Int("attention.head_count");
        var config = new LlamaModelConfig
        {
            EmbeddingLength = Int("embedding_length"),
            BlockCount = Int("block_count"),
            HeadCount = heads,
            HeadCountKv = Int("attention.head_count_kv", heads),
            FeedForwardLength = Int("feed_forward_length"),
            VocabSize = checked((int)document.Tensor("token_embd.weight").Dimensions[^1]),
            RmsEpsilon = document.Metadata.TryGetValue("llama.attention.layer_norm_rms_epsilon", out var eps) ? (float)eps.AsDouble() : 1e-5f,
            RopeFreqBase = document.Metadata.TryGetValue("llama.rope.freq_base", out var rb) ? (float)rb.AsDouble() : 10000f,
            ContextLength = Int("context_length"),
        };
        if (document.Metadata.TryGetValue("llama.rope.dimension_count", out var rot) && rot.AsInt64() != config.HeadDimension)
        {
            throw new NotSupportedException($"'{source}' rotates {rot.AsInt64()} of {config.HeadDimension} head dimensions; the training graph ropes whole heads only.");
        }

        config.EnsureTrainable();
        return new LlamaWeights(config, tensors);
    }

    /// <summary>
    /// Writes <paramref name="weights"/> to <paramref name="path"/> atomically as an F32 GGUF: the metadata of
    /// <paramref name="baseDocument"/> verbatim, its tensors in its order with the trained values (tensors the graph
    /// does not train, such as <c>rope_freqs</c>, are copied unchanged).
    /// </summary>
    public static void Save(GgufDocument baseDocument, LlamaWeights weights, string path)
    {
        ArgumentNullException.ThrowIfNull(baseDocument);
        ArgumentNullException.ThrowIfNull(weights);
        var output = new GgufDocument();
        foreach (var (key, value) in baseDocument.Metadata)
        {
            output.Set(key, value);
        }

        var trained = weights.Names.ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in baseDocument.Tensors)
        {
            output.Tensors.Add(trained.Contains(tensor.Name)
                ? GgufTensor.FromF32(tensor.Name, tensor.Dimensions, weights[tensor.Name])
                : tensor);
        }

        GgufWriter.Write(output, path);
    }
}
