using Microsoft.Extensions.Options;
using Orleans.Configuration;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Workflows;

/// <summary>Keeps one summary per workflow of this service, written by the workflows on every status change.</summary>
public sealed class WorkflowIndexGrain(IPersistentStateFactory states, IGrainContext context, IOptions<ClusterOptions> cluster) : Grain, IWorkflowIndexGrain
{
    /// <summary>Finished workflows beyond this many are dropped from the index, oldest first (their own state stays).</summary>
    public const int MaxFinished = 10_000;

    /// <summary>The service whose index keeps the state name it had before there was one index per service.</summary>
    public const string DefaultServiceId = "scribe";

    // Blob grain storage names a blob after the state name and the grain id only, never the service id: services that
    // share a storage account and container would share one index, and list (and wake) each other's workflows.
    private readonly IPersistentState<WorkflowIndexState> _state = states.Create<WorkflowIndexState>(context,
        new PersistentStateAttribute(StateNameFor(cluster.Value.ServiceId), StorageNames.State));

    /// <summary>The state name of the index of <paramref name="serviceId"/>: <c>index</c> for <see cref="DefaultServiceId"/>
    /// (so its existing index stays), <c>index.&lt;serviceId&gt;</c> for any other.</summary>
    public static string StateNameFor(string serviceId) =>
        string.Equals(serviceId, DefaultServiceId, StringComparison.Ordinal) ? "index" : $"index.{serviceId}";

    Task IWorkflowIndexGrain.UpsertAsync(WorkflowSummary summary) => StateUpdates.UpdateAsync(_state, index =>
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
        _state.State.Workflows.Values
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
