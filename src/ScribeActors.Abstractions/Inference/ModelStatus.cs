namespace ScribeActors.Abstractions;

/// <summary>Whether a model can serve.</summary>
[GenerateSerializer, Alias("scribe.ModelReadiness")]
public enum ModelReadiness
{
    /// <summary>Not loaded on this silo yet.</summary>
    NotLoaded = 0,

    /// <summary>Loading.</summary>
    Loading = 1,

    /// <summary>Ready to serve.</summary>
    Ready = 2,

    /// <summary>Loading failed; <see cref="ModelStatus.Error"/> says why.</summary>
    Failed = 3,
}

/// <summary>A model's state on the silo that hosts its inference grain.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ModelStatus")]
public sealed record ModelStatus
{
    /// <summary>The model id.</summary>
    [Id(0)] public required string ModelId { get; init; }

    /// <summary>Readiness.</summary>
    [Id(1)] public ModelReadiness Readiness { get; init; }

    /// <summary>Why loading failed.</summary>
    [Id(2)] public string? Error { get; init; }

    /// <summary>The hosting silo.</summary>
    [Id(3)] public string? Silo { get; init; }

    /// <summary>Context size per sequence, in tokens (0 when unknown).</summary>
    [Id(4)] public int ContextSize { get; init; }

    /// <summary>The chat template used.</summary>
    [Id(5)] public string? Template { get; init; }

    /// <summary>Steps served by this activation.</summary>
    [Id(6)] public long StepsServed { get; init; }
}
