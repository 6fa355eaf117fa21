namespace ScribeActors.Abstractions;

/// <summary>The lifecycle state of a workflow.</summary>
[GenerateSerializer, Alias("scribe.WorkflowStatus")]
public enum WorkflowStatus
{
    /// <summary>Accepted, not yet running.</summary>
    Pending = 0,

    /// <summary>Taking steps.</summary>
    Running = 1,

    /// <summary>Stopped by a user between steps; resumable.</summary>
    Paused = 2,

    /// <summary>The objective was reached.</summary>
    Succeeded = 3,

    /// <summary>Stopped for the reason in <see cref="WorkflowSnapshot.FailureReason"/>.</summary>
    Failed = 4,

    /// <summary>Cancelled by a user; its browser session was closed.</summary>
    Cancelled = 5,
}
