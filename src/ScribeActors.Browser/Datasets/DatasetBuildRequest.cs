using ScribeActors.Agent.Datasets;

namespace ScribeActors.Browser.Datasets;

/// <summary>What to build and where.</summary>
public sealed record DatasetBuildRequest
{
    /// <summary>The output folder (new, empty, or holding this same dataset to resume).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Task ids, in build order.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>Seeds, ascending.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Observation budget, fitter and token counter.</summary>
    public DatasetSettings Settings { get; init; } = new();

    /// <summary>The configured secrets (name → value) whose values no written byte may carry.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>The template the <c>template</c> split holds out; <see langword="null"/> for the default.</summary>
    public string? HeldOutTask { get; init; }

    /// <summary>The site the <c>site</c> split holds out; <see langword="null"/> for the default.</summary>
    public string? HeldOutSite { get; init; }
}
