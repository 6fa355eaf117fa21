namespace ScribeActors.Training.Graph;

/// <summary>
/// The hyper-parameters of a llama-architecture model that the training graph needs (the <c>llama.*</c> GGUF keys).
/// </summary>
/// <param name="Embedding">Hidden size (<c>llama.embedding_length</c>).</param>
/// <param name="Layers">Transformer blocks (<c>llama.block_count</c>).</param>
/// <param name="Heads">Attention heads (<c>llama.attention.head_count</c>).</param>
/// <param name="KvHeads">Key/value heads (<c>llama.attention.head_count_kv</c>; equal to <paramref name="Heads"/> without GQA).</param>
/// <param name="FeedForward">FFN inner size (<c>llama.feed_forward_length</c>).</param>
/// <param name="Vocab">Vocabulary size (rows of <c>token_embd.weight</c>).</param>
/// <param name="RmsEps">RMSNorm epsilon (<c>llama.attention.layer_norm_rms_epsilon</c>).</param>
/// <param name="RopeBase">RoPE frequency base (<c>llama.rope.freq_base</c>, 10000 when absent).</param>
/// <param name="ContextLength">Trained context (<c>llama.context_length</c>).</param>
public sealed record LlamaConfig(
    int Embedding, int Layers, int Heads, int KvHeads, int FeedForward, int Vocab, float RmsEps, float RopeBase, int ContextLength)
{
    /// <summary>Most blocks the static training graph takes: ggml-opt builds static graphs with 2,048 nodes, and 24
    /// layers overflow them (<c>GGML_ASSERT(cgraph->n_nodes &lt; cgraph->size)</c> aborts the process; study §7).</summary>
    public const int MaxLayers = 16;

    /// <summary>Size of one attention head.</summary>
    public int HeadDim => Embedding / Heads;

    /// <summary>Width of the K and V projections (<see cref="KvHeads"/> × <see cref="HeadDim"/>).</summary>
    public int KvWidth => KvHeads * HeadDim;

    /// <summary>Throws <see cref="NotSupportedException"/> naming the reason when the training graph cannot take this model.</summary>
    public void EnsureTrainable()
    {
        if (Layers > MaxLayers)
        {
            throw new NotSupportedException(
                $"The model has {Layers} layers; the training graph takes at most {MaxLayers}: ggml-opt's static graphs hold 2,048 nodes and a deeper model would overflow them (a native abort). Use a model with {MaxLayers} layers or fewer.");
        }

        if (Embedding <= 0 || Layers <= 0 || Heads <= 0 || KvHeads <= 0 || FeedForward <= 0 || Vocab <= 0)
        {
            throw new NotSupportedException($"The model's dimensions must all be positive: {this}.");
        }

        if (Embedding % Heads != 0 || Heads % KvHeads != 0)
        {
            throw new NotSupportedException(
                $"The model's heads do not divide evenly ({Embedding} embedding, {Heads} heads, {KvHeads} KV heads): the embedding must be a multiple of the heads and the heads a multiple of the KV heads.");
        }
    }
}
