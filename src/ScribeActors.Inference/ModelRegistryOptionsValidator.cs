using Microsoft.Extensions.Options;

namespace ScribeActors.Inference;

/// <summary>Checks <see cref="ModelRegistryOptions"/>; every message names the setting, e.g. <c>Scribe:Models:tiny:ContextSize must be &gt; 0</c>.</summary>
public sealed class ModelRegistryOptionsValidator : IValidateOptions<ModelRegistryOptions>
{
    private const int MaxSequences = 256;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ModelRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (id, model) in options.Models)
        {
            Validate(id, model, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns the problems of one model's settings (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string id, ModelOptions? model)
    {
        var failures = new List<string>();
        Validate(id, model, failures);
        return failures;
    }

    private static void Validate(string id, ModelOptions? model, List<string> failures)
    {
        var key = $"{ModelRegistryOptions.SectionName}:{id}";
        if (model is null)
        {
            failures.Add($"{key} is empty: set {nameof(ModelOptions.Path)} or {nameof(ModelOptions.Endpoint)}.");
            return;
        }

        var hasPath = !string.IsNullOrWhiteSpace(model.Path);
        if (hasPath == model.IsRemote)
        {
            failures.Add($"{key}: set exactly one of {nameof(ModelOptions.Path)} (local GGUF) and {nameof(ModelOptions.Endpoint)} (OpenAI-compatible URL); got {(hasPath ? "both" : "neither")}.");
        }

        if (model.IsRemote)
        {
            if (!Uri.TryCreate(model.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}:{nameof(ModelOptions.Endpoint)} must be an absolute http(s) URL including /v1 (got '{model.Endpoint}').");
            }

            if (model.RequestTimeout <= TimeSpan.Zero)
            {
                failures.Add($"{key}:{nameof(ModelOptions.RequestTimeout)} must be > 0 (got {model.RequestTimeout}).");
            }

            if (model.MaxRetries < 0)
            {
                failures.Add($"{key}:{nameof(ModelOptions.MaxRetries)} must be >= 0 (got {model.MaxRetries}).");
            }
        }
        else
        {
            Positive(failures, key, nameof(ModelOptions.ContextSize), model.ContextSize);
            Positive(failures, key, nameof(ModelOptions.Threads), model.Threads);
            Positive(failures, key, nameof(ModelOptions.BatchSize), model.BatchSize);
            Positive(failures, key, nameof(ModelOptions.Sequences), model.Sequences);
            if (model.Sequences > MaxSequences)
            {
                failures.Add($"{key}:{nameof(ModelOptions.Sequences)} must be <= {MaxSequences} (llama.cpp's limit; got {model.Sequences}).");
            }
            if (model.GpuLayers < 0)
            {
                failures.Add($"{key}:{nameof(ModelOptions.GpuLayers)} must be >= 0 (got {model.GpuLayers}).");
            }
        }

        if (string.IsNullOrWhiteSpace(model.RequiredRole))
        {
            failures.Add($"{key}:{nameof(ModelOptions.RequiredRole)} must not be empty.");
        }
    }

    private static void Positive(List<string> failures, string key, string setting, int value)
    {
        if (value <= 0)
        {
            failures.Add($"{key}:{setting} must be > 0 (got {value}).");
        }
    }
}
