namespace ScribeActors.Agent.Pruning;

/// <summary>Settings of <see cref="HtmlPruner.Prune"/>.</summary>
/// <remarks>
/// The default observation is <see cref="ObservationVariant.Project"/>: the runtime's replay never prunes (it finds
/// recorded targets on the live page), so only models read the pruned page, and the project's own models train and run
/// on the project's observation. A model trained on the reference's data asks for <see cref="Reference"/>.
/// </remarks>
public sealed record PruneOptions
{
    private static readonly ITokenCounter SharedCounter = new CachingTokenCounter(ApproximateTokenCounter.Instance);

    /// <summary>The defaults (project observation, 32, 2.0, a shared cached <see cref="ApproximateTokenCounter"/>).</summary>
    public static PruneOptions Default { get; } = new();

    /// <summary>The reference's Variant A with the reference's numbers (32, 2.0) and the shared counter.</summary>
    public static PruneOptions Reference { get; } = new() { Variant = ObservationVariant.Reference };

    /// <summary>Which observation to write.</summary>
    /// <value>Default <see cref="ObservationVariant.Project"/>.</value>
    public ObservationVariant Variant { get; init; } = ObservationVariant.Project;

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
