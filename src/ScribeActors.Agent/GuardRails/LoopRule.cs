using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.GuardRails;

/// <summary>
/// Whether a workflow goes round in circles. Pure: the workflow grain asks before each decision, with the page it just
/// observed, and ends the step source with the verdict's reason.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only performed steps count (those whose action took effect). A failed action, a refused finish or a decision
/// that failed is bounded by <see cref="RetryPolicy"/> already (and its retry is the same action by design), so such a
/// step neither counts nor breaks a run of repeats.</item>
/// <item>Repeated action: <see cref="LoopLimits.MaxRepeatedActions"/> performed steps in a row with the same action
/// (kind, node, text, URL) on the same page URL; node ids are positions in a page, so the page is part of the
/// element. Typing into different fields of one form is not a repeat.</item>
/// <item>Unchanged page: <see cref="LoopLimits.MaxUnchangedSteps"/> performed steps in a row after which the page was
/// the same: same URL and same observation content hash (<see cref="StepRecord.ObservationRef"/>; the capture writes
/// form values, so typing changes it). A step or a page without a hash (observations not stored) is never taken as
/// unchanged: the rule would rather miss a loop than end a run that makes progress.</item>
/// <item>A replayed step that moves the recording forward is progress, like a page change: the recording prescribes
/// it (three presses of "+" in a recording are the recording's), and replay is bounded by the recording's length.
/// Replayed steps count when they repeat recorded steps already performed (a cursor rewound after a reload), and steps
/// a model chose always count (the model source, and the model of a self-healing replay).</item>
/// </list>
/// </remarks>
public static class LoopRule
{
    /// <summary>Checks <paramref name="history"/>, ending at the page now observed.</summary>
    /// <param name="history">The workflow's steps, oldest first.</param>
    /// <param name="currentUrl">The URL of the page observed now (after the last step).</param>
    /// <param name="currentObservationRef">The content hash of that observation, in the form of
    /// <see cref="StepRecord.ObservationRef"/>; <see langword="null"/> when not known.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The loop found, or <see langword="null"/>.</returns>
    public static LoopVerdict? Check(IReadOnlyList<StepRecord> history, string currentUrl, string? currentObservationRef, LoopLimits limits)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(limits);
        var performed = PerformedSteps(history);
        return RepeatedAction(performed, limits.MaxRepeatedActions)
            ?? UnchangedPage(performed, currentUrl, currentObservationRef, limits.MaxUnchangedSteps);
    }

    /// <summary>Whether the step's action took effect (a slow navigation that moved the page on counts).</summary>
    public static bool TookEffect(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step is { Phase: StepPhase.Done, Action: not null, Outcome: { } outcome }
            && (outcome.Succeeded || SlowNavigationRule.TookEffect(outcome, step.UrlBefore));
    }

    private static List<Performed> PerformedSteps(IReadOnlyList<StepRecord> history)
    {
        var performed = new List<Performed>();
        var furthest = -1;
        foreach (var step in history)
        {
            if (!TookEffect(step))
            {
                continue;
            }

            var advanced = step.Inference is null && step.SourceCursor is { } cursor && cursor > furthest;
            furthest = Math.Max(furthest, step.SourceCursor ?? furthest);
            performed.Add(new Performed(step, advanced));
        }

        return performed;
    }

    private static LoopVerdict? RepeatedAction(List<Performed> performed, int limit)
    {
        if (performed.Count == 0)
        {
            return null;
        }

        var last = performed[^1].Step;
        var streak = Streak(performed, p => SameAction(p.Step, last));
        if (streak.Count < limit)
        {
            return null;
        }

        var target = TargetOf(last) is { } t ? $" on {t}" : "";
        return new LoopVerdict(LoopKind.RepeatedAction, Indexes(streak), streak.Any(p => p.Step.Inference is not null),
            $"Loop detected: the same action ({last.Action}{target}) was performed {streak.Count} times in a row on {last.UrlBefore} "
            + $"(steps {streak[0].Step.Index + 1} to {last.Index + 1}); the step source is going round in circles.");
    }

    private static LoopVerdict? UnchangedPage(List<Performed> performed, string currentUrl, string? currentRef, int limit)
    {
        if (currentRef is null)
        {
            return null;
        }

        var streak = Streak(performed, p => p.Step.ObservationRef is { } before
            && string.Equals(before, currentRef, StringComparison.Ordinal)
            && string.Equals(p.Step.UrlBefore, currentUrl, StringComparison.Ordinal));
        if (streak.Count < limit)
        {
            return null;
        }

        var last = streak[^1].Step;
        var target = TargetOf(last) is { } t ? $" on {t}" : "";
        return new LoopVerdict(LoopKind.UnchangedPage, Indexes(streak), streak.Any(p => p.Step.Inference is not null),
            $"Loop detected: {streak.Count} steps in a row (steps {streak[0].Step.Index + 1} to {last.Index + 1}) left the page {currentUrl} "
            + $"unchanged; the last was {last.Action}{target}.");
    }

    /// <summary>The performed steps at the end of the history that match, oldest first; a step that moved the recording
    /// forward ends the run (it is the oldest it may hold).</summary>
    private static List<Performed> Streak(List<Performed> performed, Func<Performed, bool> matches)
    {
        var streak = new List<Performed>();
        for (var i = performed.Count - 1; i >= 0 && matches(performed[i]); i--)
        {
            streak.Insert(0, performed[i]);
            if (performed[i].AdvancedRecording)
            {
                break;
            }
        }

        return streak;
    }

    private static bool SameAction(StepRecord a, StepRecord b) =>
        a.Action == b.Action && string.Equals(a.UrlBefore, b.UrlBefore, StringComparison.Ordinal);

    private static string? TargetOf(StepRecord step) => step.DecidedStep()?.Target;

    private static int[] Indexes(List<Performed> streak) => [.. streak.Select(p => p.Step.Index)];

    /// <param name="Step">A step that took effect.</param>
    /// <param name="AdvancedRecording">Whether it is a replayed step that moved the recording forward (progress).</param>
    private sealed record Performed(StepRecord Step, bool AdvancedRecording);
}
