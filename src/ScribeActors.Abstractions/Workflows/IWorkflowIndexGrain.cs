namespace ScribeActors.Abstractions;

/// <summary>The list of all workflows. Key: <see cref="DefaultKey"/>.</summary>
[Alias("scribe.IWorkflowIndexGrain")]
public interface IWorkflowIndexGrain : IGrainWithStringKey
{
    /// <summary>The key of the one index grain.</summary>
    const string DefaultKey = "all";

    /// <summary>Adds or updates a workflow's summary.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(WorkflowSummary summary);

    /// <summary>Lists workflows, newest first, optionally only those with <paramref name="status"/>.</summary>
    [Alias("List")]
    Task<WorkflowSummary[]> ListAsync(WorkflowStatus? status = null);
}
