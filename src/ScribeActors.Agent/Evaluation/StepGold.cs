using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Evaluation;

/// <summary>The ground truth of one evaluated step (see docs/metrics.md).</summary>
/// <param name="Action">The gold action token; one of <see cref="StepActions.All"/>.</param>
/// <param name="Node">The gold node id (the recorded target), or <see langword="null"/> for a step without a target.
/// Exact match compares against this id only.</param>
/// <param name="Value">The typed text (<c>keyboard_sequence_action</c>), chosen option (<c>select_option_action</c>) or
/// key combination (<c>keyboard_combination_action</c>); required for those three, ignored for the others.</param>
/// <param name="AlternativeNodes">Further ids that count as the right element for element accuracy (Mind2Web's several
/// positive candidates); <see langword="null"/> for none.</param>
/// <param name="TargetInObservation">Whether the gold target was present in the observation (chunk) shown to the model;
/// calibrated exact match counts only such steps. Ignored (always counted) for a step without a target.</param>
public sealed record StepGold(string Action, int? Node, string? Value = null, IReadOnlyCollection<int>? AlternativeNodes = null, bool TargetInObservation = true)
{
    /// <summary>The action token, checked: known, and with a value when its operation carries one.</summary>
    public string Action { get; init; } = Check(Action, Value);

    /// <summary>Whether <paramref name="node"/> is the right element: <see cref="Node"/> or one of
    /// <see cref="AlternativeNodes"/>; for a gold step without a target, whether <paramref name="node"/> is
    /// <see langword="null"/> too.</summary>
    public bool IsElement(int? node) =>
        Node is null && (AlternativeNodes is null || AlternativeNodes.Count == 0)
            ? node is null
            : node is { } id && (id == Node || (AlternativeNodes?.Contains(id) ?? false));

    /// <summary>The gold form of a recorded step; <paramref name="value"/> defaults to the value <see cref="ActionMapper"/>
    /// reads from the step (quoted text, option, normalised key combination).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="step"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The action is unknown, or it carries a value and none is given or readable.</exception>
    public static StepGold FromStep(ScribeStep step, bool targetInObservation = true, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new StepGold(step.Action, step.Node, value ?? StepMetrics.ValueOf(step), null, targetInObservation);
    }

    private static string Check(string action, string? value)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!StepActions.All.Contains(action))
        {
            throw new ArgumentException($"Unknown gold action \"{action}\"; known actions: {string.Join(", ", StepActions.All)}.", nameof(action));
        }

        if (StepMetrics.CarriesValue(action) && value is null)
        {
            throw new ArgumentException($"A gold {action} step needs its value (typed text, option or key combination) for the operation metrics.", nameof(value));
        }

        return action;
    }
}
