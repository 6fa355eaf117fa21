using ScribeActors.Inference.Gguf;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Training.Models;

/// <summary>
/// Creates a randomly initialised llama model as GGUF: weights N(0, 0.02), <c>attn_output</c> and <c>ffn_down</c>
/// N(0, 0.02/√(2·n_layer)), norms 1, all F32, tensor names and shapes as llama.cpp expects (ne0 first), and the
/// vocabulary in the metadata. The same config, vocabulary and seed give the same bytes.
/// </summary>
public static class LlamaModelFactory
{
    private const float InitStd = 0.02f;

    /// <summary>Creates the model in memory; throws <see cref="ArgumentException"/> for an invalid config or a vocabulary of another size.</summary>
    public static GgufDocument Create(LlamaModelConfig config, SpmVocabulary vocabulary, ulong seed, string name = "scribe-llama")
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(vocabulary);
        config.Validate();
        if (vocabulary.Count != config.VocabSize)
        {
            throw new ArgumentException($"The config's VocabSize {config.VocabSize} differs from the vocabulary's {vocabulary.Count} tokens.", nameof(vocabulary));
        }

        var document = new GgufDocument();
        document.Set("general.architecture", GgufValue.String("llama"));
        document.Set("general.name", GgufValue.String(name));
        document.Set("general.file_type", GgufValue.UInt32(0));
        document.Set("llama.vocab_size", GgufValue.UInt32((uint)config.VocabSize));
        document.Set("llama.context_length", GgufValue.UInt32((uint)config.ContextLength));
        document.Set("llama.embedding_length", GgufValue.UInt32((uint)config.EmbeddingLength));
        document.Set("llama.feed_forward_length", GgufValue.UInt32((uint)config.FeedForwardLength));
        document.Set("llama.block_count", GgufValue.UInt32((uint)config.BlockCount));
        document.Set("llama.attention.head_count", GgufValue.UInt32((uint)config.HeadCount));
        document.Set("llama.attention.head_count_kv", GgufValue.UInt32((uint)config.HeadCountKv));
        document.Set("llama.attention.layer_norm_rms_epsilon", GgufValue.Float32(config.RmsEpsilon));
        document.Set("llama.rope.dimension_count", GgufValue.UInt32((uint)config.HeadDimension));
        document.Set("llama.rope.freq_base", GgufValue.Float32(config.RopeFreqBase));
        vocabulary.WriteTo(document);

        var random = new NormalRandom(seed);
        ulong embd = (ulong)config.EmbeddingLength, vocab = (ulong)config.VocabSize, ff = (ulong)config.FeedForwardLength;
        var kv = (ulong)(config.HeadCountKv * config.HeadDimension);
        var scaled = InitStd / MathF.Sqrt(2f * config.BlockCount);
        var tensors = document.Tensors;
        tensors.Add(Normal("token_embd.weight", [embd, vocab], InitStd, random));
        tensors.Add(Ones("output_norm.weight", embd));
        tensors.Add(Normal("output.weight", [embd, vocab], InitStd, random));
        for (var layer = 0; layer < config.BlockCount; layer++)
        {
            var block = $"blk.{layer}.";
            tensors.Add(Ones(block + "attn_norm.weight", embd));
            tensors.Add(Normal(block + "attn_q.weight", [embd, embd], InitStd, random));
            tensors.Add(Normal(block + "attn_k.weight", [embd, kv], InitStd, random));
            tensors.Add(Normal(block + "attn_v.weight", [embd, kv], InitStd, random));
            tensors.Add(Normal(block + "attn_output.weight", [embd, embd], scaled, random));
            tensors.Add(Ones(block + "ffn_norm.weight", embd));
            tensors.Add(Normal(block + "ffn_gate.weight", [embd, ff], InitStd, random));
            tensors.Add(Normal(block + "ffn_down.weight", [ff, embd], scaled, random));
            tensors.Add(Normal(block + "ffn_up.weight", [embd, ff], InitStd, random));
        }

        return document;
    }

    /// <summary>Creates the model and writes it to <paramref name="path"/> atomically.</summary>
    public static void Write(LlamaModelConfig config, SpmVocabulary vocabulary, ulong seed, string path) =>
        GgufWriter.Write(Create(config, vocabulary, seed), path);

    private static GgufTensor Normal(string name, ulong[] dims, float std, NormalRandom random)
    {
        var values = new float[dims[0] * dims[1]];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = std * random.Next();
        }

        return GgufTensor.FromF32(name, dims, values);
    }

    private static GgufTensor Ones(string name, ulong length)
    {
        var values = new float[length];
        Array.Fill(values, 1f);
        return GgufTensor.FromF32(name, [length], values);
    }
}
