using ScribeActors.Abstractions;

namespace ScribeActors.Client;

/// <summary>One change of a watched workflow.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="Status">The workflow status after the change.</param>
/// <param name="Step">The step, for step events.</param>
/// <param name="Snapshot">The snapshot the event was derived from.</param>
public sealed record WorkflowEvent(WorkflowEventKind Kind, string WorkflowId, WorkflowStatus Status, StepRecord? Step, WorkflowSnapshot Snapshot);
