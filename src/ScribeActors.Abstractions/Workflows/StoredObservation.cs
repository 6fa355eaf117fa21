namespace ScribeActors.Abstractions;

/// <summary>Asks a workflow for the page observed before one of its steps.</summary>
[GenerateSerializer, Immutable, Alias("scribe.StoredObservationRequest")]
public sealed record StoredObservationRequest
{
    /// <summary>The 0-based step index (<see cref="StepRecord.Index"/>).</summary>
    [Id(0)] public required int StepIndex { get; init; }
}

/// <summary>
/// The page a workflow observed before one of its steps, read back from the artefact store by the step's
/// <see cref="StepRecord.ObservationRef"/>. The DOM is the one the workflow stored: the browser session masks secret
/// values out of every observation before anything stores it, so it holds placeholders and masks, never a value.
/// </summary>
[GenerateSerializer, Immutable, Alias("scribe.StoredObservation")]
public sealed record StoredObservation
{
    /// <summary>The 0-based step index.</summary>
    [Id(0)] public required int StepIndex { get; init; }

    /// <summary>The page URL when the step was observed (<see cref="StepRecord.UrlBefore"/>).</summary>
    [Id(1)] public string? Url { get; init; }

    /// <summary>The artefact reference, <c>dom/{sha256}</c>; <see langword="null"/> when the step names none (observations
    /// not stored, or their upload failed).</summary>
    [Id(2)] public string? Reference { get; init; }

    /// <summary>The whole observed DOM, a <c>node</c> id on every element; <see langword="null"/> when the step names no
    /// artefact or the artefact is gone from the store.</summary>
    [Id(3)] public string? Dom { get; init; }
}
