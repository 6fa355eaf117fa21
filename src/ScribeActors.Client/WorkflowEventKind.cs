namespace ScribeActors.Client;

/// <summary>What a <see cref="WorkflowEvent"/> reports.</summary>
public enum WorkflowEventKind
{
    /// <summary>The workflow's status changed (also reported once at the start of a watch).</summary>
    Status,

    /// <summary>A step was decided and its action handed to the browser.</summary>
    StepStarted,

    /// <summary>A step finished (its outcome is recorded).</summary>
    StepCompleted,
}
