using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Secrets;

/// <summary>A workflow's stored data after <see cref="ClearTextSecrets.RedactWorkflow"/>.</summary>
/// <param name="Spec">The spec, its recording's clear-text passwords replaced by placeholders.</param>
/// <param name="Steps">The step records, scrubbed.</param>
/// <param name="FailureReason">The failure reason, scrubbed.</param>
/// <param name="Answer">The answer, scrubbed.</param>
/// <param name="Found">What was found; empty when nothing changed.</param>
public sealed record WorkflowRedaction(WorkflowSpec Spec, IReadOnlyList<StepRecord> Steps, string? FailureReason, string? Answer, IReadOnlyList<FoundSecret> Found)
{
    /// <summary>Whether anything was replaced.</summary>
    public bool Changed => Found.Count > 0;
}
