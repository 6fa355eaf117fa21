using ScribeActors.Abstractions;
using ScribeActors.DemoSites.State;

namespace ScribeActors.Testing.Faults;

/// <summary>What one round of <see cref="FaultWorld.RunRoundAsync"/> found.</summary>
/// <param name="Fault">The fault injected.</param>
/// <param name="AfterSteps">How many steps every workflow had taken when it was injected.</param>
/// <param name="Workflows">Each workflow's task and final snapshot.</param>
/// <param name="FailedChecks">Tasks whose server check failed, with the reason.</param>
/// <param name="Duplicated">Forms posted more often than in the fault-free run (sign-in forms excluded), with how many more.</param>
/// <param name="Lost">Forms posted less often than in the fault-free run, with how many fewer.</param>
/// <param name="SignIns">Sign-in posts in this round and in the fault-free run.</param>
/// <param name="Seconds">How long the round took.</param>
/// <param name="KeyedRepeats">Requests the sites got again under an <c>Idempotency-Key</c> they had, by answer (a
/// recovered action sending its request again).</param>
public sealed record FaultRound(
    FaultKind Fault,
    int AfterSteps,
    IReadOnlyList<(string Task, WorkflowSnapshot Final)> Workflows,
    IReadOnlyList<string> FailedChecks,
    IReadOnlyDictionary<string, int> Duplicated,
    IReadOnlyDictionary<string, int> Lost,
    (int Round, int Baseline) SignIns,
    double Seconds,
    KeyedRepeatCounts? KeyedRepeats = null)
{
    /// <summary>Every workflow succeeded, every server check passed, nothing was posted twice or lost.</summary>
    public bool Clean => Workflows.All(w => w.Final.Status == WorkflowStatus.Succeeded) && FailedChecks.Count == 0 && Duplicated.Count == 0 && Lost.Count == 0;

    /// <summary>A report a person reads: each workflow, its notes, and what differs from the fault-free run.</summary>
    public string Describe()
    {
        var lines = new List<string> { $"{Fault} after {AfterSteps} steps: {(Clean ? "clean" : "NOT clean")} in {Seconds:F0} s; sign-ins {SignIns.Round} (fault-free {SignIns.Baseline}){(KeyedRepeats is { } k && k != new KeyedRepeatCounts(0, 0, 0) ? $"; sent again under a key: {k.Replayed} answered as before, {k.InProgress} told 409 (first still running), {k.Mismatched} 422" : "")}" };
        foreach (var (task, final) in Workflows)
        {
            lines.Add($"  {task}: {final.Status} in {final.Steps.Length} steps, resumed {final.Resumptions}x{(final.FailureReason is null ? "" : $": {final.FailureReason}")}");
            foreach (var step in final.Steps.Where(s => s.Note is not null || final.Status != WorkflowStatus.Succeeded))
            {
                lines.Add($"    {step.Index}: cursor {step.SourceCursor} {step.Action} -> {step.Outcome} at {step.UrlAfter} ({step.Note})");
            }
        }

        lines.AddRange(FailedChecks.Select(c => $"  check failed: {c}"));
        lines.AddRange(Duplicated.Select(d => $"  DUPLICATED: {d.Key} +{d.Value}"));
        lines.AddRange(Lost.Select(d => $"  LOST: {d.Key} -{d.Value}"));
        return string.Join('\n', lines);
    }
}
