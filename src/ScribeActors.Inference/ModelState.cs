namespace ScribeActors.Inference;

/// <summary>Readiness of a configured model in this process.</summary>
public enum ModelLoadStatus
{
    /// <summary>Nobody asked for it yet (or the host was disposed).</summary>
    NotLoaded,

    /// <summary>Loading in the background.</summary>
    Loading,

    /// <summary>Loaded and accepting requests.</summary>
    Ready,

    /// <summary>The last load failed; <see cref="ModelState.FailureReason"/> says why. The next request tries again.</summary>
    Failed,
}

/// <summary>Readiness of one model.</summary>
/// <param name="ModelId">The id under <c>Scribe:Models</c>.</param>
/// <param name="Status">Where the model stands.</param>
/// <param name="FailureReason">Why the last load failed (only with <see cref="ModelLoadStatus.Failed"/>).</param>
public sealed record ModelState(string ModelId, ModelLoadStatus Status, string? FailureReason = null)
{
    /// <summary>Tokens per conversation, once the model is ready (0 before).</summary>
    public int ContextSize { get; init; }

    /// <summary>The chat template in use, once the model is ready.</summary>
    public string? TemplateName { get; init; }
}
