using ScribeActors.Abstractions;
namespace ScribeActors.Agent.Evaluation;

/// <summary>What the model predicted for one evaluated step (see docs/metrics.md).</summary>
/// <param name="Action">The predicted action token, or <see langword="null"/> when the output could not be parsed.</param>
/// <param name="Node">The predicted node id, or <see langword="null"/> for a step without one.</param>
/// <param name="Value">The predicted typed text, option or key combination, when the action carries one.</param>
public sealed record StepPrediction(string? Action, int? Node, string? Value)
{
    /// <summary>A prediction for an output that could not be parsed: wrong on every metric.</summary>
    public static StepPrediction Unparsable { get; } = new(null, null, null);

    /// <summary>Whether the output was parsed (an action is present).</summary>
    public bool IsValid => Action is not null;

    /// <summary>The prediction of a parsed step; the value is what <see cref="ActionMapper"/> reads from it (quoted text,
    /// option, normalised key combination), <see langword="null"/> when it reads none.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is <see langword="null"/>.</exception>
    public static StepPrediction FromStep(ScribeStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new StepPrediction(step.Action, step.Node, StepMetrics.ValueOf(step));
    }
}
