namespace ScribeActors.Abstractions;

/// <summary>Where a step stands. Every transition is persisted before the next one starts.</summary>
[GenerateSerializer, Alias("scribe.StepPhase")]
public enum StepPhase
{
    /// <summary>The page was observed.</summary>
    Observed = 0,

    /// <summary>The step source chose an action.</summary>
    Decided = 1,

    /// <summary>The action was handed to the browser (the intent is durable; the outcome is not known yet).</summary>
    Acting = 2,

    /// <summary>The outcome is recorded.</summary>
    Done = 3,
}
