using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

public sealed partial class WorkflowGrain
{
    /// <summary>
    /// The page is over the observation size limit (its DOM never left the browser): nothing can be decided or done on
    /// it and observing again gives the same answer, so the workflow fails with the page's size, the limit and its
    /// setting, at once, instead of retrying into timeouts. Steps recorded so far stay as they are; the failure is
    /// recorded as a step of its own (outcome <see cref="ActionFailureKind.PageTooLarge"/>) after a completed step.
    /// </summary>
    private async Task PageTooLargeAsync(Observation observation, PageTooLarge tooLarge, DateTimeOffset started, double observeMs)
    {
        LogPageTooLarge(Id, observation.Url, tooLarge.DomChars, tooLarge.Elements);
        if (Current.Steps.Count == 0 || Current.Steps[^1].Phase == StepPhase.Done)
        {
            Current.Steps.Add(new StepRecord
            {
                Index = Current.Steps.Count,
                Phase = StepPhase.Done,
                UrlBefore = observation.Url,
                UrlAfter = observation.Url,
                Outcome = ActionResult.Fail(ActionFailureKind.PageTooLarge, tooLarge.Message, observation.Url),
                Note = tooLarge.Message,
                StartedAt = started,
                FinishedAt = time.GetUtcNow(),
                ObserveMs = observeMs,
                NodeCount = observation.NodeCount,
                SourceCursor = Current.Cursor,
            });
        }

        await FailAsync(tooLarge.Message);
    }
}
