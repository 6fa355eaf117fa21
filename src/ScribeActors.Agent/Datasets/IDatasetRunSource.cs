using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Datasets;

/// <summary>Where stored workflow runs come from: a cluster through the client SDK, or a test's own list.</summary>
public interface IDatasetRunSource
{
    /// <summary>What the runs come from, for the dataset's identity, for example <c>cluster scribe</c> (never a secret such as
    /// a connection string).</summary>
    string Name { get; }

    /// <summary>The workflows with <paramref name="status"/>, in any order.</summary>
    Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowStatus status, CancellationToken cancellationToken);

    /// <summary>A workflow's snapshot.</summary>
    Task<WorkflowSnapshot> GetAsync(string workflowId, CancellationToken cancellationToken);

    /// <summary>The observation stored for one step of a workflow (0-based index).</summary>
    Task<StoredObservation> GetObservationAsync(string workflowId, int stepIndex, CancellationToken cancellationToken);
}

/// <summary>What to export from stored runs and where.</summary>
public sealed record RunExportRequest
{
    /// <summary>The output folder (new, empty, or holding this same export to bring up to date).</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Which runs: by default the succeeded ones.</summary>
    /// <value><see cref="WorkflowStatus.Succeeded"/>.</value>
    public WorkflowStatus Status { get; init; } = WorkflowStatus.Succeeded;

    /// <summary>Only runs created at or after this moment; <see langword="null"/> for all.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Observation budget, fitter and token counter.</summary>
    public DatasetSettings Settings { get; init; } = new();

    /// <summary>The configured secrets (name → value) whose values no written byte may carry.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>The template the <c>template</c> split holds out; <see langword="null"/> for the default.</summary>
    public string? HeldOutTask { get; init; }

    /// <summary>The site the <c>site</c> split holds out; <see langword="null"/> for the default.</summary>
    public string? HeldOutSite { get; init; }
}

/// <summary>What an export did.</summary>
/// <param name="Statistics">The dataset's statistics (also in <c>stats.json</c>).</param>
/// <param name="Exported">Runs whose records were written in this export.</param>
/// <param name="Skipped">Runs found done by an earlier export into the same folder.</param>
/// <param name="Failed">Runs that could not be exported in this export (each in the statistics with its reason).</param>
public sealed record RunExportResult(DatasetStatistics Statistics, int Exported, int Skipped, int Failed);
