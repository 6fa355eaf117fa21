namespace ScribeActors.Abstractions;

/// <summary>Where a workflow's steps come from.</summary>
[GenerateSerializer, Alias("scribe.StepSourceKind")]
public enum StepSourceKind
{
    /// <summary>Replay a <see cref="RecordedWorkflow"/>, locating each recorded target in the fresh page.</summary>
    Replay = 0,

    /// <summary>Ask a model (ScribeAgent method) for every step, on an inference grain.</summary>
    Model = 1,
}
