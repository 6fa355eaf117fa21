using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Datasets;

/// <summary>How observations are turned into records; part of a dataset's identity (a folder built with other settings
/// is another dataset).</summary>
public sealed record DatasetSettings
{
    /// <summary>The default observation budget in tokens.</summary>
    public const int DefaultObservationTokens = 1024;

    /// <summary>The budget, in tokens, the pruned DOM is fitted into for the prompt's observation.</summary>
    /// <value>1024.</value>
    public int ObservationTokens { get; init; } = DefaultObservationTokens;

    /// <summary>The fitter: <c>interactive</c> (the project's) or <c>tail</c> (the reference's).</summary>
    /// <value><c>interactive</c>.</value>
    public string Fitter { get; init; } = "interactive";

    /// <summary>The token counter used for pruning, fitting and the statistics.</summary>
    /// <value>The built-in approximation of the Qwen tokenizer.</value>
    public ITokenCounter TokenCounter { get; init; } = ApproximateTokenCounter.Instance;

    /// <summary>Every problem with these settings, as messages naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ObservationTokens < Planning.ModelStepPlanner.MinObservationTokens)
        {
            problems.Add($"The observation budget must be at least {Planning.ModelStepPlanner.MinObservationTokens} tokens (got {ObservationTokens}).");
        }

        if (Fitter is not ("interactive" or "tail"))
        {
            problems.Add($"Unknown fitter '{Fitter}'; use 'interactive' or 'tail'.");
        }

        return problems;
    }
}
