namespace ScribeActors.Abstractions;

/// <summary>What a model step cost and produced: kept in the <see cref="StepRecord"/> of every model-driven step.</summary>
[GenerateSerializer, Immutable, Alias("scribe.StepInference")]
public sealed record StepInference
{
    /// <summary>The model id.</summary>
    [Id(0)] public required string ModelId { get; init; }

    /// <summary>The raw text of the last generation, exactly as the model wrote it.</summary>
    [Id(1)] public string RawOutput { get; init; } = "";

    /// <summary>Tokens of the whole prompt (chat template included) of the last attempt.</summary>
    [Id(2)] public int PromptTokens { get; init; }

    /// <summary>Tokens the model wrote in the last attempt.</summary>
    [Id(3)] public int OutputTokens { get; init; }

    /// <summary>Tokens of the observation part of the prompt after fitting.</summary>
    [Id(4)] public int ObservationTokens { get; init; }

    /// <summary>Node ids shown to the model (present in the fitted observation).</summary>
    [Id(5)] public int ShownNodes { get; init; }

    /// <summary>Whether the pruned DOM had to be cut to fit the context.</summary>
    [Id(6)] public bool Truncated { get; init; }

    /// <summary>The fitter used.</summary>
    [Id(7)] public string Fitter { get; init; } = "";

    /// <summary>The chat template used (the GGUF's own, or ChatML).</summary>
    [Id(8)] public string Template { get; init; } = "";

    /// <summary>Generations made (1 + invalid-output retries).</summary>
    [Id(9)] public int Attempts { get; init; }

    /// <summary>Milliseconds pruning the DOM.</summary>
    [Id(10)] public double PruneMs { get; init; }

    /// <summary>Milliseconds fitting the pruned DOM and building the prompt and grammar.</summary>
    [Id(11)] public double FitMs { get; init; }

    /// <summary>Milliseconds waiting for a decoding slot.</summary>
    [Id(12)] public double QueueMs { get; init; }

    /// <summary>Milliseconds of prompt evaluation.</summary>
    [Id(13)] public double PrefillMs { get; init; }

    /// <summary>Milliseconds generating output tokens.</summary>
    [Id(14)] public double DecodeMs { get; init; }

    /// <summary>Milliseconds of the whole inference call, as seen by the inference grain.</summary>
    [Id(15)] public double TotalMs { get; init; }

    /// <summary>Why earlier attempts were rejected, one entry per rejected output.</summary>
    [Id(16)] public string[] Rejected { get; init; } = [];

    /// <summary>The silo that ran the model.</summary>
    [Id(17)] public string? Silo { get; init; }
}
