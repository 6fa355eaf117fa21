using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Recovery;
using ScribeActors.Agent.Success;

namespace ScribeActors.Grains.Workflows;

/// <summary>Taking a finish: a step source's finish is its word that the objective is reached, and it ends the workflow
/// only when the spec's success criteria hold (<see cref="SuccessRule"/>).</summary>
public sealed partial class WorkflowGrain
{
    /// <summary>
    /// Judges the finish on the page the source saw (and the server check, fetched now through the browser session,
    /// with its cookies). Met: the workflow succeeds, verified or (without criteria) unverified. Not met: a failed step,
    /// recorded with every criterion that failed and what was seen; the source decides again from a fresh look at the
    /// page, within <see cref="RetryPolicy.OnFinishRefused"/>'s limits.
    /// </summary>
    private async Task FinishWhenMetAsync(StepRecord step, StepDecision decision, Observation observation, DomIndex dom, CancellationToken cancellationToken)
    {
        var criteria = Current.Spec!.Success;
        var check = criteria?.CheckUrl is { } url
            ? await Session.CheckAsync(new ServerCheckRequest { Url = url, Timeout = _options.SuccessCheckTimeout }, cancellationToken)
            : null;
        cancellationToken.ThrowIfCancellationRequested();
        if (Current.Status != WorkflowStatus.Running)
        {
            return;
        }

        var verdict = SuccessRule.Evaluate(criteria, observation, dom, check);
        if (verdict.Met)
        {
            await FinishAsync(step, decision, observation, verdict);
            return;
        }

        Current.Attempts++;
        Current.Steps.Add(step with
        {
            Phase = StepPhase.Done,
            UrlAfter = observation.Url,
            FinishedAt = time.GetUtcNow(),
            Outcome = ActionResult.Fail(ActionFailureKind.ObjectiveNotMet, verdict.Reason, observation.Url),
        });
        var next = RetryPolicy.OnFinishRefused(verdict.Reason, step.Index + 1, step.Inference is not null, Current.Attempts, _limits);
        if (next.Kind == RetryMove.Fail)
        {
            await FailAsync(next.Reason);
            return;
        }

        await PersistAsync();
        LogFinishRefused(Id, step.Index, Current.Attempts, verdict.Reason);
        _nextObservation = null; // the source decides again from a fresh look at the page
        await Task.Delay(next.Delay, time, cancellationToken);
    }
}
