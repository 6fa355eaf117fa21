using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>
/// When a workflow retries, waits, reloads, reopens its browser session or gives up. Pure: the workflow grain counts
/// attempts, classifies what went wrong, and does what this says.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A page that refuses an action is retried up to its kind's limit, re-observing in between; a host outside the
/// allow-list, a malformed action or a secret typed on a host it is not allowed on is fatal at once for a replayed step,
/// and so is a secret the browser silo does not know when the session opens. A model-chosen step that fails is recorded and
/// the model decides again, up to <see cref="RetryLimits.MaxModelActionFailures"/> in a row.</item>
/// <item>A storage conflict means the activation's state is stale: it stops without writing and a fresh activation
/// decides from what is stored (the same path as after a crash). Never counted: the stored state is always a
/// consistent earlier point of the same workflow.</item>
/// <item>Storage that does not answer is waited for, at a pace that backs off to <see cref="RetryLimits.DelayCap"/>:
/// nothing, not even a failure, could be recorded meanwhile, so it never ends the workflow.</item>
/// <item>A browser session that lost its state is opened again; transient and unexpected errors are retried until
/// <see cref="RetryLimits.MaxInfrastructureErrors"/> in a row.</item>
/// </list>
/// </remarks>
public static class RetryPolicy
{
    /// <summary>Decides after an infrastructure fault.</summary>
    /// <param name="fault">What went wrong.</param>
    /// <param name="errors">Consecutive counted faults before this one.</param>
    /// <param name="outage">Consecutive storage-unavailable faults before this one.</param>
    /// <param name="description">The exception's type and message, for the failure reason.</param>
    /// <param name="limits">The limits.</param>
    public static RetryDecision OnFault(InfrastructureFault fault, int errors, int outage, string description, RetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        switch (fault)
        {
            case InfrastructureFault.StorageConflict:
                return new(RetryMove.Reload, TimeSpan.Zero, $"the stored state changed under this activation ({description})", CountsAsError: false);
            case InfrastructureFault.StorageUnavailable:
                return new(RetryMove.Retry, Backoff(outage + 1, limits), $"storage is unavailable ({description}); waiting for it", CountsAsError: false);
        }

        var count = errors + 1;
        if (count >= limits.MaxInfrastructureErrors)
        {
            return new(RetryMove.Fail, TimeSpan.Zero, $"Stopped after {count} consecutive internal errors; last: {description}");
        }

        return fault == InfrastructureFault.SessionNotOpen
            ? new(RetryMove.ReopenSession, TimeSpan.Zero, $"the browser session lost its state ({description}); opening it again")
            : new(RetryMove.Retry, Backoff(count, limits), description);
    }

    /// <summary>Decides after a browser action failed.</summary>
    /// <param name="result">The failed result.</param>
    /// <param name="stepNumber">The 1-based step number, for the reason.</param>
    /// <param name="action">The action, for the reason.</param>
    /// <param name="modelStep">Whether a model chose the step.</param>
    /// <param name="attempts">Failed attempts at this step so far, this one included.</param>
    /// <param name="limits">The limits.</param>
    public static RetryDecision OnActionFailed(ActionResult result, int stepNumber, BrowserAction action, bool modelStep, int attempts, RetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(limits);
        var fatal = !modelStep && result.Failure is ActionFailureKind.HostNotAllowed or ActionFailureKind.InvalidAction or ActionFailureKind.SecretNotAllowed;
        var limit = modelStep ? limits.MaxModelActionFailures
            : result.Failure == ActionFailureKind.NavigationError ? limits.MaxNavigationRetries + 1 : limits.MaxActionAttempts;
        if (fatal || attempts >= limit)
        {
            return new(RetryMove.Fail, TimeSpan.Zero, $"Step {stepNumber} ({action}) failed{(fatal ? "" : $" {attempts} times")}: {result.Failure}: {result.Message}");
        }

        return new(RetryMove.Retry, Backoff(attempts, limits), result.ToString(), CountsAsError: false);
    }

    /// <summary>Decides after a finish was refused because the workflow's success criteria did not hold: a failed step
    /// like a failed action. A model decides again, up to <see cref="RetryLimits.MaxModelActionFailures"/> failed model
    /// steps in a row (refused finishes and failed actions alike); a replayed finish is tried again on a fresh look at
    /// the page (the server may still be catching up) up to <see cref="RetryLimits.MaxActionAttempts"/> times.</summary>
    /// <param name="reason">The verdict's reason: the criteria that failed and what was seen.</param>
    /// <param name="stepNumber">The 1-based step number, for the reason.</param>
    /// <param name="modelStep">Whether a model chose the finish.</param>
    /// <param name="attempts">Failed attempts at this step so far, this one included.</param>
    /// <param name="limits">The limits.</param>
    public static RetryDecision OnFinishRefused(string reason, int stepNumber, bool modelStep, int attempts, RetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var limit = modelStep ? limits.MaxModelActionFailures : limits.MaxActionAttempts;
        if (attempts < limit)
        {
            return new(RetryMove.Retry, Backoff(attempts, limits), reason, CountsAsError: false);
        }

        return new(RetryMove.Fail, TimeSpan.Zero, modelStep
            ? $"Stopped after {attempts} failed model steps in a row; the last, step {stepNumber}, was a finish the success criteria refused: {reason}"
            : $"Step {stepNumber} (finish) was refused {attempts} times: {reason}");
    }

    /// <summary>Decides after opening the browser session at the start URL failed.</summary>
    /// <param name="result">The failed result.</param>
    /// <param name="startUrl">The start URL, for the reason.</param>
    /// <param name="attempts">Failed attempts so far, this one included.</param>
    /// <param name="limits">The limits.</param>
    public static RetryDecision OnOpenFailed(ActionResult result, string startUrl, int attempts, RetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(limits);
        if (result.Failure == ActionFailureKind.SecretUnavailable)
        {
            return new(RetryMove.Fail, TimeSpan.Zero, $"{result.Failure}: {result.Message}");
        }

        var retryable = result.Failure is ActionFailureKind.NavigationError or ActionFailureKind.Timeout or ActionFailureKind.BrowserUnavailable;
        if (!retryable || attempts > limits.MaxNavigationRetries)
        {
            return new(RetryMove.Fail, TimeSpan.Zero, $"Could not open the start URL {startUrl}{(retryable ? $" after {attempts} attempts" : "")}: {result.Failure}: {result.Message}");
        }

        return new(RetryMove.Retry, Backoff(attempts, limits), result.ToString(), CountsAsError: false);
    }

    /// <summary>Decides after the step source could not decide on a page.</summary>
    /// <param name="reason">The source's reason, with the page named.</param>
    /// <param name="attempts">Failed decisions at this step so far, this one included.</param>
    /// <param name="limits">The limits.</param>
    public static RetryDecision OnDecisionFailed(string reason, int attempts, RetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return attempts >= limits.MaxDecisionAttempts
            ? new(RetryMove.Fail, TimeSpan.Zero, reason)
            : new(RetryMove.Retry, Backoff(attempts, limits), reason, CountsAsError: false);
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based): the first delay, doubled each
    /// retry, capped.</summary>
    public static TimeSpan Backoff(int attempt, RetryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var delay = limits.FirstDelay.TotalMilliseconds * Math.Pow(2, doublings);
        return TimeSpan.FromMilliseconds(Math.Min(delay, limits.DelayCap.TotalMilliseconds));
    }
}
