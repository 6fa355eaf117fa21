using Microsoft.Extensions.Options;

namespace ScribeActors.Inference;

/// <summary>Checks <see cref="ModelRegistryOptions"/> (generated: it runs the options'
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject.Validate"/>); every message names the setting,
/// e.g. <c>Scribe:Models:tiny:ContextSize must be &gt; 0</c>.</summary>
[OptionsValidator]
public sealed partial class ModelRegistryOptionsValidator : IValidateOptions<ModelRegistryOptions>
{
    /// <summary>Returns the problems of one model's settings (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string id, ModelOptions? model) => [.. ModelOptions.Problems(id, model)];
}
