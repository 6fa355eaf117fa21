using ScribeActors.Abstractions;

namespace ScribeActors.Client.Tests.Fakes;

/// <summary>A workflow grain that plays the <see cref="FakeWorkflows"/> script of its id; unknown ids are not found.</summary>
public sealed class FakeWorkflowGrain : Grain, IWorkflowGrain
{
    private string Id => this.GetPrimaryKeyString();

    Task<WorkflowSnapshot> IWorkflowGrain.StartAsync(WorkflowSpec spec, CancellationToken cancellationToken)
    {
        var workflow = Script();
        if (workflow.CountStartAndRefuse())
        {
            throw new WorkflowUnavailableException(Id);
        }

        return Task.FromResult(workflow.Versions[0]);
    }

    Task<WorkflowSnapshot> IWorkflowGrain.GetAsync(CancellationToken cancellationToken) => Task.FromResult(Script().Versions[^1]);

    Task<WorkflowSnapshot> IWorkflowGrain.WaitForChangeAsync(long afterVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // The first version the caller has not seen; with none left, the latest (as a real grain answers after maxWait).
        var versions = Script().Versions;
        return Task.FromResult(versions.FirstOrDefault(v => v.Version > afterVersion) ?? versions[^1]);
    }

    Task<WorkflowSnapshot> IWorkflowGrain.PauseAsync() => Task.FromResult(Script().Versions[^1] with { Status = WorkflowStatus.Paused });

    Task<WorkflowSnapshot> IWorkflowGrain.ResumeAsync() => Task.FromResult(Script().Versions[^1] with { Status = WorkflowStatus.Running });

    Task<WorkflowSnapshot> IWorkflowGrain.CancelAsync(string? reason)
    {
        var workflow = Script();
        workflow.CancelReason = reason;
        return Task.FromResult(workflow.Versions[^1] with { Status = WorkflowStatus.Cancelled, FailureReason = reason });
    }

    Task IWorkflowGrain.WakeAsync() => Task.CompletedTask;

    /// <summary>The fake stores no observations.</summary>
    Task<StoredObservation> IWorkflowGrain.GetObservationAsync(StoredObservationRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new StoredObservation { StepIndex = request.StepIndex });

    private FakeWorkflow Script()
    {
        var workflow = FakeWorkflows.Find(Id) ?? throw new WorkflowNotFoundException(Id);
        workflow.LastApiKey = RequestContext.Get(ScribeApiKey.RequestContextKey) as string;
        return workflow;
    }
}
