using ScribeActors.Abstractions;
namespace ScribeActors.Agent.Planning;

/// <summary>The planner's outcome: a validated step with its Target copied from the page, or why there is none, plus
/// everything worth recording about how it was made.</summary>
public sealed record PlannedStep
{
    /// <summary>The validated step; <see langword="null"/> when <see cref="Error"/> is set.</summary>
    public ScribeStep? Step { get; init; }

    /// <summary>What <see cref="Step"/> means for the browser (an action or a finish); <see langword="null"/> without a step.</summary>
    public StepMapping? Mapping { get; init; }

    /// <summary>Why no valid step came out.</summary>
    public string? Error { get; init; }

    /// <summary>The raw text of the last generation.</summary>
    public string RawOutput { get; init; } = "";

    /// <summary>Prompt tokens of the last attempt.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Output tokens of the last attempt.</summary>
    public int OutputTokens { get; init; }

    /// <summary>Tokens of the fitted observation.</summary>
    public int ObservationTokens { get; init; }

    /// <summary>Node ids shown to the model.</summary>
    public int ShownNodes { get; init; }

    /// <summary>The node ids shown to the model (what calibrated exact match asks: was the gold target among them).</summary>
    public IReadOnlySet<int> ShownNodeIds { get; init; } = new HashSet<int>();

    /// <summary>Whether the pruned DOM was cut.</summary>
    public bool Truncated { get; init; }

    /// <summary>The fitter used.</summary>
    public string Fitter { get; init; } = "";

    /// <summary>Generations made.</summary>
    public int Attempts { get; init; }

    /// <summary>Why earlier outputs were rejected.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    /// <summary>Time pruning.</summary>
    public TimeSpan Prune { get; init; }

    /// <summary>Time fitting and building prompt and grammar.</summary>
    public TimeSpan Fit { get; init; }

    /// <summary>Time waiting for a decoding slot (summed over attempts).</summary>
    public TimeSpan Queue { get; init; }

    /// <summary>Prompt evaluation time (summed over attempts).</summary>
    public TimeSpan Prefill { get; init; }

    /// <summary>Generation time (summed over attempts).</summary>
    public TimeSpan Decode { get; init; }

    /// <summary>The prompt the model was given (chat template applied), or <see langword="null"/> when it was never asked.</summary>
    public string? Prompt { get; init; }

    /// <summary>The durable record of this planning (kept in the workflow's step record).</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="template">The chat template used.</param>
    /// <param name="silo">The silo that ran the model.</param>
    /// <param name="total">The whole inference call.</param>
    public Abstractions.StepInference ToRecord(string modelId, string template, string? silo, TimeSpan total) => new()
    {
        ModelId = modelId,
        Silo = silo,
        RawOutput = RawOutput,
        PromptTokens = PromptTokens,
        OutputTokens = OutputTokens,
        ObservationTokens = ObservationTokens,
        ShownNodes = ShownNodes,
        Truncated = Truncated,
        Fitter = Fitter,
        Template = template,
        Attempts = Attempts,
        PruneMs = Prune.TotalMilliseconds,
        FitMs = Fit.TotalMilliseconds,
        QueueMs = Queue.TotalMilliseconds,
        PrefillMs = Prefill.TotalMilliseconds,
        DecodeMs = Decode.TotalMilliseconds,
        TotalMs = total.TotalMilliseconds,
        Rejected = [.. Rejected],
    };
}
