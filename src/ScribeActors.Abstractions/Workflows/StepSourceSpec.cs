namespace ScribeActors.Abstractions;

/// <summary>Chooses and configures the step source of a workflow.</summary>
[GenerateSerializer, Immutable, Alias("scribe.StepSourceSpec")]
public sealed record StepSourceSpec
{
    /// <summary>The kind of source.</summary>
    [Id(0)] public StepSourceKind Kind { get; init; } = StepSourceKind.Replay;

    /// <summary>The recording to replay (required for <see cref="StepSourceKind.Replay"/>).</summary>
    [Id(1)] public RecordedWorkflow? Replay { get; init; }

    /// <summary>Creates a replay source.</summary>
    public static StepSourceSpec ForReplay(RecordedWorkflow recording) => new() { Kind = StepSourceKind.Replay, Replay = recording };
}
