using ScribeActors.Abstractions;
using ScribeActors.Client;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>Renders workflow events and snapshots as plain text lines.</summary>
internal static class EventPrinter
{
    public static string Format(WorkflowEvent e) => e.Kind switch
    {
        WorkflowEventKind.Status => $"[{e.WorkflowId}] status {StatusOf(e.Status, e.Snapshot.Verification)}{(e.Snapshot.FailureReason is { } r ? $": {r}" : "")}{Verified(e.Snapshot)}",
        WorkflowEventKind.StepStarted => $"[{e.WorkflowId}] step {e.Step!.Index + 1,3} ... {Describe(e.Step)}",
        _ => $"[{e.WorkflowId}] step {e.Step!.Index + 1,3} {Outcome(e.Step)} {Describe(e.Step)}{Timing(e.Step)}",
    };

    public static string Describe(StepRecord step)
    {
        var description = step.DecidedStep()?.Description;
        var action = step.Action?.ToString();
        return (description, action) switch
        {
            (not null, not null) => $"{description}  [{action}]",
            (not null, null) => description,
            (null, not null) => action,
            _ => step.Note ?? "",
        };
    }

    public static void PrintSnapshot(TextWriter output, WorkflowSnapshot s)
    {
        output.WriteLine($"Workflow   {s.Id}");
        output.WriteLine($"Objective  {s.Spec.Objective}");
        output.WriteLine($"Start URL  {s.Spec.StartUrl}");
        output.WriteLine($"Status     {StatusOf(s.Status, s.Verification)}{(s.FailureReason is { } r ? $" ({r})" : "")}");
        if (s.VerificationNote is not null)
        {
            output.WriteLine($"Verified   {s.VerificationNote}");
        }

        output.WriteLine($"Steps      {s.Steps.Length} of at most {s.Spec.MaxSteps}; resumed {s.Resumptions} time(s)");
        if (s.Spec.MaxDuration is { } budget)
        {
            output.WriteLine($"Budget     {budget} from the start; deadline {s.CreatedAt + budget:u}");
        }
        if (s.Answer is not null)
        {
            output.WriteLine($"Answer     {s.Answer}{(s.Verification == SuccessVerification.Unverified ? "  (unverified)" : "")}");
        }

        foreach (var step in s.Steps)
        {
            output.WriteLine($"  {step.Index + 1,3} {Outcome(step)} {Describe(step)}{Timing(step)}{(step.Note is { } n ? $"  -- {n}" : "")}");
        }
    }

    /// <summary>The status, with whether a success was verified: <c>Succeeded (unverified)</c> when the spec had no
    /// success criteria and the workflow ended on its step source's word.</summary>
    public static string StatusOf(WorkflowStatus status, SuccessVerification verification) => (status, verification) switch
    {
        (WorkflowStatus.Succeeded, SuccessVerification.Verified) => "Succeeded (verified)",
        (WorkflowStatus.Succeeded, SuccessVerification.Unverified) => "Succeeded (unverified)",
        _ => status.ToString(),
    };

    private static string Verified(WorkflowSnapshot s) =>
        s.Status == WorkflowStatus.Succeeded && s.VerificationNote is { } note
            ? $": {note}{(s.Answer is { } answer ? $" Answer: {answer}" : "")}"
            : "";

    private static string Outcome(StepRecord step) => step.Phase != StepPhase.Done
        ? "..."
        : step.Outcome switch
        {
            null when step.Action is null => "end",
            null => "---",
            { Succeeded: true } => "ok ",
            { } o => $"ERR {o.Failure}: {o.Message} ",
        };

    private static string Timing(StepRecord step) => step.Phase == StepPhase.Done && step.Action is not null
        ? $"  ({step.ObserveMs:F0}+{step.DecideMs:F0}+{step.ExecuteMs:F0} ms)"
        : "";
}
