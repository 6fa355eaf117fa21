namespace ScribeActors.Inference;

/// <summary>
/// One configured model, bound from <c>Scribe:Models:{id}</c>. Set exactly one of <see cref="Path"/> (a local GGUF run by
/// LLamaSharp) or <see cref="Endpoint"/> (an OpenAI-compatible server: vLLM, llama-server, OpenAI). Settings that only
/// apply to one kind are ignored for the other. Checked by <see cref="ModelRegistryOptionsValidator"/> through
/// <see cref="ModelRegistryOptions"/> (<see cref="Problems"/>): the rules depend on the kind of model and the options
/// sit in a dictionary, so no data annotation states them.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>llama.cpp's limit on sequences decoded together.</summary>
    private const int MaxSequences = 256;

    private string? _requiredRole;

    /// <summary>Local GGUF file (absolute, or relative to the current directory). <value>Default: none.</value></summary>
    public string? Path { get; set; }

    /// <summary>
    /// Tokens each conversation may use (prompt + output). The context is sized so that every one of
    /// <see cref="Sequences"/> conversations gets this many. <value>Default: 4096.</value>
    /// </summary>
    public int ContextSize { get; set; } = 4096;

    /// <summary>
    /// Options for a model named only by its file: the defaults, with <see cref="ContextSize"/> the context the model was
    /// trained for (its <c>{architecture}.context_length</c>) when that is smaller. A model trained here fits its prompts
    /// into that context; asked with a larger one, the planner would show it more of the page than it ever saw.
    /// </summary>
    public static ModelOptions ForFile(string path)
    {
        var options = new ModelOptions { Path = path };
        try
        {
            var header = Gguf.GgufReader.Read(path, loadTensorData: false);
            if (header.Metadata.TryGetValue("general.architecture", out var architecture)
                && header.Metadata.TryGetValue($"{architecture.AsString()}.context_length", out var trained)
                && trained.AsInt64() is > 0 and var context && context < options.ContextSize)
            {
                options.ContextSize = (int)context;
            }
        }
        catch (Exception e) when (e is Gguf.GgufFormatException or IOException or UnauthorizedAccessException or InvalidOperationException or OverflowException)
        {
            // Loading reports what is wrong with the file; the defaults stand until then.
        }

        return options;
    }

    /// <summary>CPU threads for decoding. <value>Default: the number of processors.</value></summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Most tokens sent to llama.cpp in one decode call; longer prompts are fed in chunks. <value>Default: 512.</value></summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Layers offloaded to the GPU (needs the CUDA backend; ignored on CPU; 0 = none). <value>Default: 0.</value></summary>
    public int GpuLayers { get; set; }

    /// <summary>Most conversations decoded together; further requests wait in a queue. <value>Default: 8.</value></summary>
    public int Sequences { get; set; } = 8;

    /// <summary>
    /// One KV cache shared by all sequences (llama.cpp <c>kv_unified</c>) instead of one slice per sequence; either way
    /// each conversation gets <see cref="ContextSize"/> tokens. Only the unified cache decodes concurrent requests in
    /// one batch, but every token then attends over the cells of all sequences, so long prompts cost in proportion to
    /// the sum of all prompts. <see langword="null"/> (auto) picks unified when layers are offloaded to a GPU, where
    /// batched decoding pays, and split on the CPU: measured on the 2-core development machine with whole step
    /// requests (1,710-token prompts, tiny model, flash attention off), split served 1.89 steps/s alone and 1.24 at 8
    /// concurrent, unified 1.33 alone and 0.35 at 8; unified gained only on short prompts (2048x8 F32 synthetic llama,
    /// 64-token prompts: 2.4x aggregate tokens/s at 8 concurrent, split 1.0x).
    /// <value>Default: auto (unified on a GPU, split on the CPU).</value>
    /// </summary>
    public bool? UnifiedKvCache { get; set; }

    /// <summary>Flash attention: true forces it on, false off; <see langword="null"/> lets llama.cpp decide when layers are
    /// offloaded to a GPU (<see cref="GpuLayers"/> &gt; 0) and turns it off for a model on the CPU, where llama.cpp's
    /// CPU kernel made the prefill of 1,700-token step prompts 3.5 times slower (1.17 s vs 0.34 s, tiny model, 2 threads).
    /// <value>Default: auto on a GPU, off on the CPU.</value></summary>
    public bool? FlashAttention { get; set; }

    /// <summary>OpenAI-compatible base URL including <c>/v1</c>, e.g. <c>http://gpu-host:8000/v1</c>. <value>Default: none.</value></summary>
    public string? Endpoint { get; set; }

    /// <summary>API key sent to <see cref="Endpoint"/>; local servers usually ignore it. <value>Default: none ("none" is sent).</value></summary>
    public string? ApiKey { get; set; }

    /// <summary>Model name sent to <see cref="Endpoint"/> (vLLM requires the served name). <value>Default: the model id.</value></summary>
    public string? RemoteModelName { get; set; }

    /// <summary>Time limit of one remote attempt. <value>Default: 2 minutes.</value></summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a remote request after a transient failure (refused connection, 5xx, 408/429, timeout). <value>Default: 2.</value></summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Silo role that may host this model (placement uses it). <value>Default: <c>"gpu"</c> for a local model,
    /// <c>"inference"</c> for a remote one (any silo that can reach the endpoint).</value>
    /// </summary>
    public string RequiredRole
    {
        get => _requiredRole ?? (IsRemote ? "inference" : "gpu");
        set => _requiredRole = value;
    }

    /// <summary>True when <see cref="Endpoint"/> is set (a remote model).</summary>
    public bool IsRemote => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The problems of the settings of model <paramref name="id"/> (none when valid); each message names the
    /// setting by its key, e.g. <c>Scribe:Models:tiny:ContextSize must be &gt; 0 (got 0).</c></summary>
    internal static IEnumerable<string> Problems(string id, ModelOptions? model)
    {
        var key = $"{ModelRegistryOptions.SectionName}:{id}";
        if (model is null)
        {
            yield return $"{key} is empty: set {nameof(Path)} or {nameof(Endpoint)}.";
            yield break;
        }

        var hasPath = !string.IsNullOrWhiteSpace(model.Path);
        if (hasPath == model.IsRemote)
        {
            yield return $"{key}: set exactly one of {nameof(Path)} (local GGUF) and {nameof(Endpoint)} (OpenAI-compatible URL); got {(hasPath ? "both" : "neither")}.";
        }

        if (model.IsRemote)
        {
            if (!Uri.TryCreate(model.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return $"{key}:{nameof(Endpoint)} must be an absolute http(s) URL including /v1 (got '{model.Endpoint}').";
            }

            if (model.RequestTimeout <= TimeSpan.Zero)
            {
                yield return $"{key}:{nameof(RequestTimeout)} must be > 0 (got {model.RequestTimeout}).";
            }

            if (model.MaxRetries < 0)
            {
                yield return $"{key}:{nameof(MaxRetries)} must be >= 0 (got {model.MaxRetries}).";
            }
        }
        else
        {
            foreach (var (setting, value) in new[] { (nameof(ContextSize), model.ContextSize), (nameof(Threads), model.Threads), (nameof(BatchSize), model.BatchSize), (nameof(Sequences), model.Sequences) })
            {
                if (value <= 0)
                {
                    yield return $"{key}:{setting} must be > 0 (got {value}).";
                }
            }

            if (model.Sequences > MaxSequences)
            {
                yield return $"{key}:{nameof(Sequences)} must be <= {MaxSequences} (llama.cpp's limit; got {model.Sequences}).";
            }

            if (model.GpuLayers < 0)
            {
                yield return $"{key}:{nameof(GpuLayers)} must be >= 0 (got {model.GpuLayers}).";
            }
        }

        if (string.IsNullOrWhiteSpace(model.RequiredRole))
        {
            yield return $"{key}:{nameof(RequiredRole)} must not be empty.";
        }
    }
}
