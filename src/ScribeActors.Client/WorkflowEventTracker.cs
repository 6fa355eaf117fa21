using ScribeActors.Abstractions;

namespace ScribeActors.Client;

/// <summary>Turns successive snapshots into the events a watcher has not seen yet.</summary>
internal sealed class WorkflowEventTracker
{
    private readonly Dictionary<int, StepPhase> _seenSteps = [];
    private WorkflowStatus? _status;

    public long Version { get; private set; } = -1;

    public IEnumerable<WorkflowEvent> Diff(WorkflowSnapshot snapshot)
    {
        // A lower version is the workflow resumed from what storage kept (it lost writes this watcher saw): take it as
        // the new base; steps already reported are not reported again.
        if (snapshot.Version == Version)
        {
            yield break;
        }

        Version = snapshot.Version;
        foreach (var step in snapshot.Steps)
        {
            var seen = _seenSteps.TryGetValue(step.Index, out var phase);
            if (seen && phase == step.Phase)
            {
                continue;
            }

            _seenSteps[step.Index] = step.Phase;
            if (step.Phase == StepPhase.Done)
            {
                yield return new WorkflowEvent(WorkflowEventKind.StepCompleted, snapshot.Id, snapshot.Status, step, snapshot);
            }
            else if (!seen)
            {
                yield return new WorkflowEvent(WorkflowEventKind.StepStarted, snapshot.Id, snapshot.Status, step, snapshot);
            }
        }

        if (_status != snapshot.Status)
        {
            _status = snapshot.Status;
            yield return new WorkflowEvent(WorkflowEventKind.Status, snapshot.Id, snapshot.Status, null, snapshot);
        }
    }
}
