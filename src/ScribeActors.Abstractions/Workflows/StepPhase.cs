namespace ScribeActors.Abstractions;

/// <summary>
/// Where a step stands. The workflow persists a step in two phases only: <see cref="Acting"/> (its intent, written before
/// the action is handed to the browser) and <see cref="Done"/> (its outcome); a step that ends without an action
/// (finish, a failure to decide) is written <see cref="Done"/> at once. <see cref="Decided"/> is the phase of a step
/// being formed in memory; a stored step found in it (or in <see cref="Observed"/>) never reached the browser.
/// </summary>
[GenerateSerializer, Alias("scribe.StepPhase")]
public enum StepPhase
{
    /// <summary>Never recorded by the runtime: the default value, kept so stored numbers keep their meaning.</summary>
    Observed = 0,

    /// <summary>The step source chose an action (in memory only; see the type's remarks).</summary>
    Decided = 1,

    /// <summary>The action was handed to the browser (the intent is durable; the outcome is not known yet).</summary>
    Acting = 2,

    /// <summary>The outcome is recorded.</summary>
    Done = 3,
}
