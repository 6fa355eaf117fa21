namespace ScribeActors.Training.Models;

/// <summary>
/// The shape of a llama-architecture model to create. <see cref="Validate"/> refuses what the GGUF writer, the
/// quantizer or the static training graph cannot express, naming the field and the rule.
/// </summary>
public sealed record LlamaModelConfig
{
    /// <summary>The most layers the static training graph is built for.</summary>
    public const int MaxLayers = 16;

    /// <summary>Rows (n_embd, n_ff) must be multiples of this for Q4_0/Q8_0 quantization.</summary>
    public const int RowMultiple = 32;

    /// <summary>n_vocab: the tokenizer's token count.</summary>
    public required int VocabSize { get; init; }

    /// <summary>n_embd: the width of the residual stream (a multiple of 32). Default 64.</summary>
    public int EmbeddingLength { get; init; } = 64;

    /// <summary>n_layer: transformer blocks (1 to 16). Default 2.</summary>
    public int BlockCount { get; init; } = 2;

    /// <summary>n_head: attention heads (divides n_embd; the head size must be even for RoPE). Default 4.</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>n_head_kv: key/value heads (divides n_head). Default 4.</summary>
    public int HeadCountKv { get; init; } = 4;

    /// <summary>n_ff: the feed-forward width (a multiple of 32). Default 192.</summary>
    public int FeedForwardLength { get; init; } = 192;

    /// <summary>The context length the model is made for. Default 256.</summary>
    public int ContextLength { get; init; } = 256;

    /// <summary>The RMS norm epsilon. Default 1e-5.</summary>
    public float RmsEpsilon { get; init; } = 1e-5f;

    /// <summary>The RoPE frequency base. Default 10000.</summary>
    public float RopeFreqBase { get; init; } = 10000f;

    /// <summary>The size of one attention head (n_embd / n_head).</summary>
    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>Width of the K and V projections (n_head_kv × head size).</summary>
    public int KvWidth => HeadCountKv * HeadDimension;

    /// <summary>Throws <see cref="NotSupportedException"/> naming the reason when the training graph cannot take this
    /// model. Looser than <see cref="Validate"/>: an existing model (stories260K's n_ff is 172) trains though it could not be
    /// created or quantized here.</summary>
    public void EnsureTrainable()
    {
        if (BlockCount > MaxLayers)
        {
            throw new NotSupportedException(
                $"The model has {BlockCount} layers; the training graph takes at most {MaxLayers}: ggml-opt's static graphs hold 2,048 nodes and a deeper model would overflow them (a native abort). Use a model with {MaxLayers} layers or fewer.");
        }

        if (EmbeddingLength <= 0 || BlockCount <= 0 || HeadCount <= 0 || HeadCountKv <= 0 || FeedForwardLength <= 0 || VocabSize <= 0)
        {
            throw new NotSupportedException($"The model's dimensions must all be positive: {this}.");
        }

        if (EmbeddingLength % HeadCount != 0 || HeadCount % HeadCountKv != 0)
        {
            throw new NotSupportedException(
                $"The model's heads do not divide evenly ({EmbeddingLength} embedding, {HeadCount} heads, {HeadCountKv} KV heads): the embedding must be a multiple of the heads and the heads a multiple of the KV heads.");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every rule the config breaks.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The model config cannot be created: {string.Join("; ", problems)}.");
        }
    }

    private IEnumerable<string> Problems()
    {
        if (VocabSize < 259)
        {
            yield return $"{nameof(VocabSize)} {VocabSize} is below 259 (<unk>, <s>, </s> and the 256 byte tokens)";
        }

        if (EmbeddingLength <= 0 || EmbeddingLength % RowMultiple != 0)
        {
            yield return $"{nameof(EmbeddingLength)} (n_embd) {EmbeddingLength} is not a positive multiple of {RowMultiple} (quantized rows need it)";
        }

        if (FeedForwardLength <= 0 || FeedForwardLength % RowMultiple != 0)
        {
            yield return $"{nameof(FeedForwardLength)} (n_ff) {FeedForwardLength} is not a positive multiple of {RowMultiple} (quantized rows need it)";
        }

        if (BlockCount is < 1 or > MaxLayers)
        {
            yield return $"{nameof(BlockCount)} (n_layer) {BlockCount} is outside 1 to {MaxLayers} (the static training graph)";
        }

        if (HeadCount < 1 || EmbeddingLength % HeadCount != 0)
        {
            yield return $"{nameof(HeadCount)} (n_head) {HeadCount} does not divide n_embd {EmbeddingLength}";
        }
        else if (HeadDimension % 2 != 0)
        {
            yield return $"the head size n_embd / n_head = {HeadDimension} is odd (RoPE rotates pairs)";
        }

        if (HeadCountKv < 1 || HeadCount % HeadCountKv != 0)
        {
            yield return $"{nameof(HeadCountKv)} (n_head_kv) {HeadCountKv} does not divide n_head {HeadCount}";
        }

        if (ContextLength is < 8 or > 1 << 20)
        {
            yield return $"{nameof(ContextLength)} {ContextLength} is outside 8 to {1 << 20}";
        }

        if (!(RmsEpsilon > 0 && RmsEpsilon < 1))
        {
            yield return $"{nameof(RmsEpsilon)} {RmsEpsilon} is not in (0, 1)";
        }

        if (!(RopeFreqBase > 1 && float.IsFinite(RopeFreqBase)))
        {
            yield return $"{nameof(RopeFreqBase)} {RopeFreqBase} is not a finite number above 1";
        }
    }
}
