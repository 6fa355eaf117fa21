namespace ScribeActors.Abstractions;

/// <summary>Everything known about a workflow at one moment.</summary>
[GenerateSerializer, Immutable, Alias("scribe.WorkflowSnapshot")]
public sealed record WorkflowSnapshot
{
    /// <summary>The workflow id (the grain key).</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>What the workflow does.</summary>
    [Id(1)] public required WorkflowSpec Spec { get; init; }

    /// <summary>The lifecycle state.</summary>
    [Id(2)] public WorkflowStatus Status { get; init; }

    /// <summary>Why the workflow failed or was cancelled.</summary>
    [Id(3)] public string? FailureReason { get; init; }

    /// <summary>The steps taken so far, oldest first.</summary>
    [Id(4)] public StepRecord[] Steps { get; init; } = [];

    /// <summary>When the workflow was started.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When anything last changed.</summary>
    [Id(6)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Grows by one on every persisted change; watchers use it to ask for what is new.</summary>
    [Id(7)] public long Version { get; init; }

    /// <summary>The answer of a finish step, if it carried one.</summary>
    [Id(8)] public string? Answer { get; init; }

    /// <summary>How many times the workflow resumed after its activation was lost (silo failure, restart).</summary>
    [Id(9)] public int Resumptions { get; init; }

    /// <summary>The silo hosting the workflow's activation when the snapshot was taken.</summary>
    [Id(10)] public string? Silo { get; init; }

    /// <summary>For a succeeded workflow: whether its success criteria were checked (<see cref="SuccessVerification.Verified"/>)
    /// or the workflow ended on its step source's word alone, with an unverified answer (<see cref="SuccessVerification.Unverified"/>).
    /// <see cref="SuccessVerification.None"/> until the workflow succeeds.</summary>
    [Id(11)] public SuccessVerification Verification { get; init; }

    /// <summary>For a succeeded workflow: what the success criteria saw (each criterion and what held), or why the success
    /// is unverified.</summary>
    [Id(12)] public string? VerificationNote { get; init; }

    /// <summary>Whether the workflow has stopped for good.</summary>
    public bool IsTerminal => Status is WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled;
}
