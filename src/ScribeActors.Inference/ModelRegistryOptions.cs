namespace ScribeActors.Inference;

/// <summary>
/// Every model this process may host. <see cref="Models"/> is bound from <c>Scribe:Models</c> (id → settings) and
/// <see cref="NativeLibraryPath"/> from <c>Scribe:Inference:NativeLibraryPath</c>.
/// </summary>
public sealed class ModelRegistryOptions
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
}
