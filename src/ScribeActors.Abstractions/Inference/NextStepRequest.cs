namespace ScribeActors.Abstractions;

/// <summary>
/// Asks a model for the next step of a workflow: the objective, the page as observed (whole DOM with node ids) and the
/// steps so far. The inference silo prunes the DOM with the model's own tokenizer, fits it into the model's context,
/// builds the ScribeAgent prompt, decodes under a grammar built for this observation, parses the 5-line step and maps
/// it to what the browser does.
/// </summary>
[GenerateSerializer, Immutable, Alias("scribe.NextStepRequest")]
public sealed record NextStepRequest
{
    /// <summary>The workflow's objective.</summary>
    [Id(0)] public required string Objective { get; init; }

    /// <summary>The page URL the DOM was observed at.</summary>
    [Id(1)] public required string Url { get; init; }

    /// <summary>The observed DOM; every element carries <c>node="N"</c> (raw HTML without ids gets ids assigned).</summary>
    [Id(2)] public required string Dom { get; init; }

    /// <summary>The steps that took effect so far, numbered 1..n; the step to generate is number n + 1.</summary>
    [Id(8)] public ScribeStep[] History { get; init; } = [];

    /// <summary>Decoding and fitting settings.</summary>
    [Id(5)] public ModelStepOptions Options { get; init; } = new();

    /// <summary>Why this step is asked of the model (for example a replay target that could not be found), for the log.</summary>
    [Id(6)] public string? Reason { get; init; }

    /// <summary>Whether the model may end the workflow with a finish step (not when it stands in for one recorded step
    /// of a replay).</summary>
    [Id(7)] public bool AllowFinish { get; init; } = true;
}
