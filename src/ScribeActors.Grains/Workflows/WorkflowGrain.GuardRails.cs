using ScribeActors.Abstractions;
using ScribeActors.Agent.GuardRails;

namespace ScribeActors.Grains.Workflows;

/// <summary>The guard rails: a workflow that goes round in circles (<see cref="LoopRule"/>) or runs out of its time
/// budget (<see cref="WorkflowSpec.MaxDuration"/>) ends with a failure that says so.</summary>
public sealed partial class WorkflowGrain
{
    /// <summary>When the time budget runs out: the stored start time plus the budget, so a deadline survives a
    /// reactivation or a move to another silo. <see langword="null"/> without a budget.</summary>
    private DateTimeOffset? Deadline => Current.Spec?.MaxDuration is { } budget ? Current.CreatedAt + budget : null;

    private string OutOfTimeReason =>
        $"Ran out of its time budget of {Current.Spec!.MaxDuration}: started {Current.CreatedAt:u}, deadline {Deadline:u}, "
        + $"{Current.Steps.Count} step(s) taken; the objective was not complete.";

    /// <summary>Before each step: a workflow past its deadline fails (a paused one when it is resumed, a lost one when it
    /// is reactivated). Returns whether it did.</summary>
    private async Task<bool> EndIfOutOfTimeAsync()
    {
        if (Deadline is not { } deadline || time.GetUtcNow() < deadline)
        {
            return false;
        }

        LogOutOfTime(Id, Current.Spec!.MaxDuration!.Value, deadline);

        // A step a lost activation left acting is not resolved any more: the deadline ends the workflow first.
        CloseStepsInFlight("Interrupted, and the time budget ran out before its outcome was resolved; outcome unknown.");
        await FailAsync(OutOfTimeReason);
        return true;
    }

    /// <summary>Before each decision, with the page just observed: a looping workflow fails naming the repeated action or
    /// the unchanged page and the count. In a self-healing replay whose recorded steps loop, the model decides the next
    /// step instead (returned as the reason the replay is stuck); steps a model chose that loop end the workflow.</summary>
    /// <returns>Whether the workflow ended, and the reason to hand the replay's step over to its model, if any.</returns>
    private async Task<(bool Ended, string? HandOver)> CheckLoopAsync(Observation observation, string? observationRef)
    {
        if (LoopRule.Check(Current.Steps, observation.Url, observationRef, _loopLimits) is not { } verdict)
        {
            return (false, null);
        }

        LogLoop(Id, verdict.Kind, string.Join(",", verdict.Steps.Select(i => i + 1)), verdict.Reason);
        if (!verdict.ModelChosen && Source is ReplayStepSource { Heals: true })
        {
            return (false, verdict.Reason);
        }

        await FailAsync(verdict.Reason);
        return (true, null);
    }

    /// <summary>Runs beside the step loop while a budget is set: a step still in flight at the deadline (a page or a
    /// model that takes its time) is cut short as a cancel would, and the workflow fails. Never blocks a turn: it waits
    /// on the grain's clock.</summary>
    private async Task WatchDeadlineAsync(CancellationToken cancellationToken)
    {
        if (Deadline is not { } deadline)
        {
            return;
        }

        try
        {
            var wait = deadline - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return; // already past: the loop's first step ends the workflow, before it acts
            }

            await Task.Delay(wait, time, cancellationToken);

            if (_stale || Current.Status != WorkflowStatus.Running)
            {
                return;
            }

            LogOutOfTime(Id, Current.Spec!.MaxDuration!.Value, deadline);
            await StopNowAsync(WorkflowStatus.Failed, OutOfTimeReason, "Stopped by the time budget while acting; outcome unknown.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The loop's own check ends the workflow at its next step; nothing is lost.
            LogDeadlineWatchFailed(Id, e);
        }
    }
}
