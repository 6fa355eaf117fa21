using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Workflows;

/// <summary>Keeps one summary per workflow, written by the workflows on every status change.</summary>
public sealed class WorkflowIndexGrain(
    [PersistentState("index", StorageNames.State)] IPersistentState<WorkflowIndexState> state) : Grain, IWorkflowIndexGrain
{
    /// <summary>Finished workflows beyond this many are dropped from the index, oldest first (their own state stays).</summary>
    public const int MaxFinished = 10_000;

    Task IWorkflowIndexGrain.UpsertAsync(WorkflowSummary summary) => StateUpdates.UpdateAsync(state, index =>
    {
        // A summary older than the stored one (a late retry after a conflict or an outage) does not roll it back.
        if (index.Workflows.TryGetValue(summary.Id, out var known) && (known.UpdatedAt > summary.UpdatedAt || known == summary))
        {
            return false;
        }

        index.Workflows[summary.Id] = summary;
        Trim(index);
        return true;
    });

    Task<WorkflowSummary[]> IWorkflowIndexGrain.ListAsync(WorkflowStatus? status) => Task.FromResult(
        state.State.Workflows.Values
            .Where(w => status is null || w.Status == status)
            .OrderByDescending(w => w.CreatedAt)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToArray());

    private static void Trim(WorkflowIndexState index)
    {
        var finished = index.Workflows.Values
            .Where(w => w.Status is WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled)
            .ToList();
        if (finished.Count <= MaxFinished)
        {
            return;
        }

        foreach (var old in finished.OrderBy(w => w.UpdatedAt).Take(finished.Count - MaxFinished))
        {
            index.Workflows.Remove(old.Id);
        }
    }
}
