namespace ScribeActors.Abstractions;

/// <summary>A workflow recorded once and replayable without a model. Stored and exchanged as JSON.</summary>
[GenerateSerializer, Immutable, Alias("scribe.RecordedWorkflow")]
public sealed record RecordedWorkflow
{
    /// <summary>Format version of the file; currently 1.</summary>
    [Id(0)] public int FormatVersion { get; init; } = 1;

    /// <summary>The objective the recording achieves.</summary>
    [Id(1)] public required string Objective { get; init; }

    /// <summary>Where the recording started.</summary>
    [Id(2)] public required string StartUrl { get; init; }

    /// <summary>The steps, in order.</summary>
    [Id(3)] public required RecordedStep[] Steps { get; init; }

    /// <summary>Free-form provenance, for example <c>demo:supplier.dispute seed=7</c>.</summary>
    [Id(4)] public string? Source { get; init; }
}
