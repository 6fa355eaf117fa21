namespace ScribeActors.Training.Graph;

/// <summary>How the <see cref="Trainer"/> trains; every property documents its default.</summary>
public sealed record TrainerOptions
{
    /// <summary>Tokens per datapoint (T): the graph's fixed input length; examples are packed into it (<see cref="Pack"/>)
    /// or padded to it. Required.</summary>
    public required int Tokens { get; init; }

    /// <summary>Loss positions per datapoint (S): at least the longest answer; a datapoint's answers share them and
    /// repeat their positions cyclically when shorter. Required.</summary>
    public required int LossPositions { get; init; }

    /// <summary>Whether several examples share a datapoint when they fit its T tokens and S answer positions (each sees
    /// only itself, so its logits are those it gets alone); false pads every example to T.
    /// <value>Default true.</value></summary>
    public bool Pack { get; init; } = true;

    /// <summary>Most epochs. <value>Default 10.</value></summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Peak AdamW learning rate (after warm-up). <value>Default 2e-3.</value></summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Learning rate at the end of the cosine decay. <value>Default 1e-4.</value></summary>
    public float MinLearningRate { get; init; } = 1e-4f;

    /// <summary>Optimizer steps of linear warm-up. <value>Default 0.</value></summary>
    public int WarmupSteps { get; init; }

    /// <summary>AdamW decoupled weight decay. <value>Default 0.</value></summary>
    public float WeightDecay { get; init; }

    /// <summary>Examples whose gradients are accumulated per optimizer step (ggml-opt's opt_period). <value>Default 1.</value></summary>
    public int GradientAccumulation { get; init; } = 1;

    /// <summary>Epochs without a better validation loss before stopping; 0 never stops early. <value>Default 3.</value></summary>
    public int Patience { get; init; } = 3;

    /// <summary>CPU threads of the ggml backend. <value>Default: the processor count.</value></summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The smallest T and S that fit <paramref name="examples"/> one per datapoint: the longest input and the
    /// longest answer.</summary>
    public static (int Tokens, int LossPositions) Fit(IEnumerable<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        int t = 0, s = 0;
        foreach (var e in examples)
        {
            t = Math.Max(t, e.InputLength);
            s = Math.Max(s, e.Answer.Count);
        }

        return (Math.Max(t, 2), Math.Max(s, 1));
    }

    /// <summary>T and S for packing <paramref name="examples"/>: T the longest input (or <paramref name="tokens"/> when
    /// given), S as many answer positions as the packs T makes need, so only T limits them.</summary>
    public static (int Tokens, int LossPositions) FitPacked(IReadOnlyList<TrainingExample> examples, int? tokens = null)
    {
        var t = tokens ?? Fit(examples).Tokens;
        return (t, ExamplePacker.LossPositionsFor(examples, t));
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Tokens, 2, nameof(Tokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(LossPositions, 1, nameof(LossPositions));
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate, nameof(LearningRate));
        ArgumentOutOfRangeException.ThrowIfNegative(MinLearningRate, nameof(MinLearningRate));
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupSteps, nameof(WarmupSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(GradientAccumulation, 1, nameof(GradientAccumulation));
        ArgumentOutOfRangeException.ThrowIfNegative(Patience, nameof(Patience));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
    }
}
