namespace ScribeActors.Agent.Pruning;

/// <summary>Settings of <see cref="HtmlPruner.Prune"/>; the defaults are those of the ScribeAgent training data.</summary>
public sealed record PruneOptions
{
    private static readonly ITokenCounter SharedCounter = new CachingTokenCounter(ApproximateTokenCounter.Instance);

    /// <summary>The defaults (32, 2.0, a shared cached <see cref="ApproximateTokenCounter"/>).</summary>
    public static PruneOptions Default { get; } = new();

    /// <summary>
    /// A string attribute value longer than this many characters is deleted when its char-to-token ratio is below
    /// <see cref="MinCharsPerToken"/>. Default 32 (training and Mind2Web; the reference's WebArena path uses 16). Values are
    /// never truncated to this length (reference quirk §3.6.1, reproduced). Must be 0 or more.
    /// </summary>
    public int MaxAttributeLength { get; init; } = 32;

    /// <summary>
    /// Least characters per token for a class token (any length) or a long attribute value to survive; default 2.0.
    /// Must be a finite number, 0 or more.
    /// </summary>
    public double MinCharsPerToken { get; init; } = 2.0;

    /// <summary>
    /// The tokenizer used for the ratio. Default: a process-wide <see cref="CachingTokenCounter"/> over
    /// <see cref="ApproximateTokenCounter"/>. Pass a (cached) counter backed by the model's tokenizer for parity.
    /// </summary>
    public ITokenCounter TokenCounter { get; init; } = SharedCounter;
}
