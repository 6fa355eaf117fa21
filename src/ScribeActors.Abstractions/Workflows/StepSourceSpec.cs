namespace ScribeActors.Abstractions;

/// <summary>Chooses and configures the step source of a workflow.</summary>
[GenerateSerializer, Immutable, Alias("scribe.StepSourceSpec")]
public sealed record StepSourceSpec
{
    /// <summary>The kind of source.</summary>
    [Id(0)] public StepSourceKind Kind { get; init; } = StepSourceKind.Replay;

    /// <summary>The recording to replay (required for <see cref="StepSourceKind.Replay"/>).</summary>
    [Id(1)] public RecordedWorkflow? Replay { get; init; }

    /// <summary>The model: required for <see cref="StepSourceKind.Model"/>; for <see cref="StepSourceKind.Replay"/> it
    /// is the fallback asked for a step whose recorded target cannot be found in the page (self-healing replay).</summary>
    [Id(2)] public ModelRef? Model { get; init; }

    /// <summary>Creates a replay source, optionally falling back to <paramref name="fallback"/>.</summary>
    public static StepSourceSpec ForReplay(RecordedWorkflow recording, ModelRef? fallback = null) =>
        new() { Kind = StepSourceKind.Replay, Replay = recording, Model = fallback };

    /// <summary>Creates a model-driven source.</summary>
    public static StepSourceSpec ForModel(ModelRef model) => new() { Kind = StepSourceKind.Model, Model = model };
}
