namespace ScribeActors.Grains.Workflows;

/// <summary>Traces and metrics of the loop (<see cref="WorkflowTelemetry"/>): each step is reported once, when it is
/// done, from its record; the loop calls in at its start, after each step and on each fault.</summary>
public sealed partial class WorkflowGrain
{
    // Steps before this index are reported (or were done before this loop started, by an earlier activation).
    private int _reportedSteps;

    /// <summary>Starts reporting from the first step not yet done; counts a resumption.</summary>
    private void BeginTelemetry(bool resumed)
    {
        var steps = Current.Steps;
        _reportedSteps = steps.Count > 0 && steps[^1].Phase != Abstractions.StepPhase.Done ? steps.Count - 1 : steps.Count;
        if (resumed)
        {
            WorkflowTelemetry.RecordResumption();
        }
    }

    /// <summary>Reports the steps done since the last call, in order (a step still in flight waits for the next call).</summary>
    private void ReportFinishedSteps()
    {
        var steps = Current.Steps;
        _reportedSteps = Math.Min(_reportedSteps, steps.Count); // the state was reloaded shorter
        while (_reportedSteps < steps.Count && steps[_reportedSteps].Phase == Abstractions.StepPhase.Done)
        {
            WorkflowTelemetry.RecordStep(Id, steps[_reportedSteps]);
            _reportedSteps++;
        }
    }
}
