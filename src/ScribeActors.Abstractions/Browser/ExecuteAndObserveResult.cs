namespace ScribeActors.Abstractions;

/// <summary>What <see cref="IBrowserSessionGrain.ExecuteAndObserveAsync"/> and
/// <see cref="IBrowserSessionGrain.OpenAndObserveAsync"/> return: the action's (or the opening's) outcome and the page it
/// left behind.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ExecuteAndObserveResult")]
public sealed record ExecuteAndObserveResult
{
    /// <summary>The outcome of the action, exactly as <see cref="IBrowserSessionGrain.ExecuteAsync"/> returns it.</summary>
    [Id(0)] public required ActionResult Result { get; init; }

    /// <summary>The page after the action (the next step's observation), or <see langword="null"/> when it could not be
    /// taken (the browser went away, the page kept a script busy); call <see cref="IBrowserSessionGrain.ObserveAsync"/>
    /// then.</summary>
    [Id(1)] public Observation? Observation { get; init; }
}
