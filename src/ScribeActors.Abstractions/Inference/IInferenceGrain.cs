namespace ScribeActors.Abstractions;

/// <summary>
/// One model, served from one silo that declares the model's capability (GPU pinning). Key: the model id from
/// <c>Scribe:Models</c>, or <c>file:</c> followed by an absolute GGUF path for a model named by path.
/// </summary>
/// <remarks>
/// Calls interleave: every workflow that needs a step is decoded together with the others in one batch. The model is
/// loaded once per silo, off the activation path; until it is ready, calls wait for it (and fail with the load error
/// when it cannot be loaded: the silo stays up).
/// </remarks>
[Alias("scribe.IInferenceGrain")]
public interface IInferenceGrain : IGrainWithStringKey
{
    /// <summary>Generates, validates and completes the next step; never guesses an action on invalid output.</summary>
    [Alias("NextStep"), ResponseTimeout("00:05:00")]
    Task<NextStepResult> NextStepAsync(NextStepRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts loading the model if needed and reports its state without waiting.</summary>
    [Alias("GetStatus")]
    Task<ModelStatus> GetStatusAsync();
}
