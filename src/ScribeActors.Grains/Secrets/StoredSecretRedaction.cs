using ScribeActors.Agent.Secrets;
using ScribeActors.Grains.Schedules;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Secrets;

/// <summary>
/// Applies <see cref="ClearTextSecrets"/> to grain state stored before secret placeholders existed, when the grain
/// activates: clear text typed into password fields (and its every other occurrence in that state) is replaced by
/// placeholders before anything is written again. What the rule cannot detect (clear text in ordinary fields, in an
/// objective with no password step) stays as it was.
/// </summary>
internal static class StoredSecretRedaction
{
    /// <summary>Redacts a workflow's state in place; returns the secrets found (none when nothing changed).</summary>
    public static IReadOnlyList<FoundSecret> Apply(WorkflowState state)
    {
        if (state.Spec is null)
        {
            return [];
        }

        var redaction = ClearTextSecrets.RedactWorkflow(state.Spec, state.Steps, state.FailureReason, state.Answer);
        if (redaction.Changed)
        {
            state.Spec = redaction.Spec;
            state.Steps = [.. redaction.Steps];
            state.FailureReason = redaction.FailureReason;
            state.Answer = redaction.Answer;
        }

        return redaction.Found;
    }

    /// <summary>Redacts the workflow template of a schedule's state in place; returns the secrets found.</summary>
    public static IReadOnlyList<FoundSecret> Apply(ScheduleState state)
    {
        if (state.Spec is null)
        {
            return [];
        }

        var redaction = ClearTextSecrets.RedactWorkflow(state.Spec.Workflow, [], null, null);
        if (redaction.Changed)
        {
            state.Spec = state.Spec with { Workflow = redaction.Spec };
        }

        return redaction.Found;
    }

    /// <summary>The placeholders of <paramref name="found"/>, for a log line (names only).</summary>
    public static string Describe(IReadOnlyList<FoundSecret> found) => string.Join(", ", found.Select(f => f.Placeholder));
}
