using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>Keeps one summary per workflow, written by the workflows on every status change.</summary>
public sealed class WorkflowIndexGrain(
    [PersistentState("index", StorageNames.State)] IPersistentState<WorkflowIndexState> state) : Grain, IWorkflowIndexGrain
{
    /// <summary>Finished workflows beyond this many are dropped from the index, oldest first (their own state stays).</summary>
    public const int MaxFinished = 10_000;

    async Task IWorkflowIndexGrain.UpsertAsync(WorkflowSummary summary)
    {
        state.State.Workflows[summary.Id] = summary;
        Trim();
        await state.WriteStateAsync();
    }

    Task<WorkflowSummary[]> IWorkflowIndexGrain.ListAsync(WorkflowStatus? status) => Task.FromResult(
        state.State.Workflows.Values
            .Where(w => status is null || w.Status == status)
            .OrderByDescending(w => w.CreatedAt)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToArray());

    private void Trim()
    {
        var finished = state.State.Workflows.Values
            .Where(w => w.Status is WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled)
            .ToList();
        if (finished.Count <= MaxFinished)
        {
            return;
        }

        foreach (var old in finished.OrderBy(w => w.UpdatedAt).Take(finished.Count - MaxFinished))
        {
            state.State.Workflows.Remove(old.Id);
        }
    }
}
