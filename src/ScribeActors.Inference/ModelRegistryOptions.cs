using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Inference;

/// <summary>
/// Every model this process may host. <see cref="Models"/> is bound from <c>Scribe:Models</c> (id → settings) and
/// <see cref="NativeLibraryPath"/> from <c>Scribe:Inference:NativeLibraryPath</c>. Checked at host start by
/// <see cref="ModelRegistryOptionsValidator"/>, which runs <see cref="IValidatableObject.Validate"/>: every model's settings.
/// </summary>
public sealed class ModelRegistryOptions : IValidatableObject
{
    /// <summary>Configuration section of the model dictionary.</summary>
    public const string SectionName = "Scribe:Models";

    /// <summary>Configuration key of <see cref="NativeLibraryPath"/>.</summary>
    public const string NativeLibraryPathKey = "Scribe:Inference:NativeLibraryPath";

    /// <summary>Models by id (ids compare case-insensitively). <value>Default: empty.</value></summary>
    public Dictionary<string, ModelOptions> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Full path of a self-built <c>libllama</c> (e.g. a CUDA build of the llama.cpp commit LLamaSharp 0.30.0 targets); its
    /// <c>libggml*</c> files must sit beside it. <value>Default: none: the backend package's libraries are used.</value>
    /// </summary>
    public string? NativeLibraryPath { get; set; }

    /// <summary>The problems of every configured model (<see cref="ModelOptions"/> lists the rules).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Models.SelectMany(m => ModelOptions.Problems(m.Key, m.Value)).Select(problem => new ValidationResult(problem, [nameof(Models)]));
}
