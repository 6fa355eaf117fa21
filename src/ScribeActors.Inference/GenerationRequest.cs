namespace ScribeActors.Inference;

/// <summary>
/// One generation. Give either a rendered <see cref="Prompt"/> (local models only) or the <see cref="System"/> and
/// <see cref="User"/> messages (any model). Local models use <see cref="Prompt"/> when it is set and otherwise render
/// System/User with <see cref="ILoadedModel.RenderChat"/>; remote models need System/User, because a chat endpoint
/// applies its own template.
/// </summary>
public sealed record GenerationRequest
{
    /// <summary>Chat-templated prompt text, sent as is (special tokens in it are parsed). <value>Default: none.</value></summary>
    public string? Prompt { get; init; }

    /// <summary>System message, used when <see cref="Prompt"/> is null. <value>Default: none (empty system message).</value></summary>
    public string? System { get; init; }

    /// <summary>User message, used when <see cref="Prompt"/> is null. <value>Default: none.</value></summary>
    public string? User { get; init; }

    /// <summary>
    /// GBNF grammar with root rule <c>root</c> that the output must match. Enforced exactly by local models; remote
    /// models receive it as the request field <c>grammar</c>, which llama-server honours and other servers may ignore.
    /// Bound every repetition: a small model may otherwise never end. <value>Default: none.</value>
    /// </summary>
    public string? Grammar { get; init; }

    /// <summary>Most output tokens (a local model also stops where its context is full). <value>Default: 256.</value></summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Sampling temperature; 0 picks the most likely token. <value>Default: 0.7.</value></summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>Nucleus sampling mass in (0, 1]. <value>Default: 0.95.</value></summary>
    public float TopP { get; init; } = 0.95f;

    /// <summary>Sampling seed for repeatable output. <value>Default: none (random).</value></summary>
    public int? Seed { get; init; }

    /// <summary>Output ends before the first of these strings (which is not included). <value>Default: none.</value></summary>
    public IReadOnlyList<string>? StopStrings { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    internal void Validate()
    {
        if (Prompt is null && User is null)
        {
            throw new ArgumentException($"A generation request needs {nameof(Prompt)} or {nameof(User)} (got neither).", "request");
        }

        if (MaxTokens <= 0)
        {
            throw new ArgumentException($"{nameof(MaxTokens)} must be > 0 (got {MaxTokens}).", "request");
        }

        if (!(Temperature >= 0) || float.IsInfinity(Temperature))
        {
            throw new ArgumentException($"{nameof(Temperature)} must be a finite number >= 0 (got {Temperature}).", "request");
        }

        if (!(TopP > 0 && TopP <= 1))
        {
            throw new ArgumentException($"{nameof(TopP)} must be in (0, 1] (got {TopP}).", "request");
        }

        if (StopStrings?.Any(string.IsNullOrEmpty) == true)
        {
            throw new ArgumentException($"{nameof(StopStrings)} must not contain empty strings.", "request");
        }
    }
}
