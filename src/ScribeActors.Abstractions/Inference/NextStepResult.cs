namespace ScribeActors.Abstractions;

/// <summary>The model's next step, or why there is none, with everything a step record keeps about the inference.</summary>
[GenerateSerializer, Immutable, Alias("scribe.NextStepResult")]
public sealed record NextStepResult
{
    /// <summary>The completed step (Target copied from the page), or <see langword="null"/> when <see cref="Error"/>
    /// says why there is none.</summary>
    [Id(3)] public ScribeStep? Step { get; init; }

    /// <summary>What <see cref="Step"/> means for the browser (an action or a finish; never an error, a step that cannot
    /// be performed is not valid), or <see langword="null"/> when there is no step.</summary>
    [Id(4)] public StepMapping? Mapping { get; init; }

    /// <summary>Why no valid step came out (model not loadable, prompt too large, every attempt invalid, ...).</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>The inference record (raw output, tokens, timings).</summary>
    [Id(2)] public required StepInference Inference { get; init; }

    /// <summary>The prompt exactly as the model was given it (chat template applied), or <see langword="null"/> when the
    /// model was never asked. Built from the masked DOM and the objective and history with their secret placeholders.</summary>
    [Id(5)] public string? Prompt { get; init; }

    /// <summary>Whether a valid step came out.</summary>
    public bool Succeeded => Step is not null && Mapping is { Succeeded: true } && Error is null;
}
