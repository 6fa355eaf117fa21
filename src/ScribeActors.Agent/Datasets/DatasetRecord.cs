using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// One training record: the state of the page before one expert step of one task instance, and that step
/// (scribeagent-format.md §2.2, plus what the reference's CSV left implicit). Objective and typed text carry secret
/// placeholders (<c>{{secret:NAME}}</c>), never values.
/// </summary>
public sealed record DatasetRecord
{
    /// <summary>The record id, <c>{task}/{seed}/{step}</c>, for example <c>supplier.dispute-invoice/7/3</c>; for a run
    /// exported from a cluster <c>{workflow id}/{step}</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The task instance, <c>{task}/{seed}</c>; for a run, its workflow id.</summary>
    public required string Instance { get; init; }

    /// <summary>The task template id, for example <c>supplier.dispute-invoice</c>.</summary>
    public required string Task { get; init; }

    /// <summary>The site the task runs on, for example <c>supplier</c>.</summary>
    public required string Site { get; init; }

    /// <summary>The seed of the task's parameters and the site's layout; for a run, its workflow id's split number
    /// (<see cref="DatasetSplits.RunSeed"/>).</summary>
    public required int Seed { get; init; }

    /// <summary>The 1-based number of the target step.</summary>
    public required int Step { get; init; }

    /// <summary>How many steps the instance's expert solution has.</summary>
    public required int StepCount { get; init; }

    /// <summary>The objective, with secret placeholders.</summary>
    public required string Objective { get; init; }

    /// <summary>The page URL when the step was taken.</summary>
    public required string Url { get; init; }

    /// <summary>The whole observed DOM, a <c>node</c> id on every element; empty in the light form the exporters read.</summary>
    public required string Dom { get; init; }

    /// <summary>The pruned DOM (<see cref="Pruning.HtmlPruner"/>), the reference's <c>processed_dom</c>.</summary>
    public required string Pruned { get; init; }

    /// <summary>The pruned DOM fitted into the dataset's observation budget: what the prompt carries.</summary>
    public required string Observation { get; init; }

    /// <summary>Tokens of <see cref="Observation"/> by the dataset's token counter.</summary>
    public required int ObservationTokens { get; init; }

    /// <summary>Whether fitting left part of the pruned DOM out.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Whether the gold node appears in <see cref="Observation"/> (always true for a step without a node).</summary>
    public required bool GoldShown { get; init; }

    /// <summary>The previous steps, numbered 1..n, each with its target's cleaned opening tag.</summary>
    public required IReadOnlyList<ScribeStep> PreviousSteps { get; init; }

    /// <summary>The target step.</summary>
    public required ScribeStep TargetStep { get; init; }

    /// <summary>The target step in the 5-line label form the model learns to write (node id five times, §2.4).</summary>
    public required string Target { get; init; }

    /// <summary>The gold node id; <see langword="null"/> for a step without a target (finish).</summary>
    public int? GoldNode { get; init; }

    /// <summary>The text the step types, the key it presses, the option it selects or the answer it gives.</summary>
    public string? Value { get; init; }

    /// <summary>The outcome of the whole instance: the task's server check after the expert solution ran; for a run, the
    /// workflow's status and what its success criteria saw.</summary>
    public required DatasetOutcome Outcome { get; init; }
}
