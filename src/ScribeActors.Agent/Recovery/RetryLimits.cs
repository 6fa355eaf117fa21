namespace ScribeActors.Agent.Recovery;

/// <summary>The limits <see cref="RetryPolicy"/> applies; the workflow options supply them.</summary>
/// <param name="MaxActionAttempts">Tries of a failing action before the workflow fails.</param>
/// <param name="MaxNavigationRetries">Retries of an unreachable page.</param>
/// <param name="MaxDecisionAttempts">Tries when the step source cannot decide.</param>
/// <param name="MaxModelActionFailures">Consecutive failed actions of model-chosen steps.</param>
/// <param name="MaxInfrastructureErrors">Consecutive unexpected or transient errors.</param>
/// <param name="RetryDelay">The first retry delay; doubled on each further retry.</param>
/// <param name="MaxRetryDelay">The longest delay between two retries (storage outages wait at this pace).</param>
public sealed record RetryLimits(
    int MaxActionAttempts = 3,
    int MaxNavigationRetries = 3,
    int MaxDecisionAttempts = 3,
    int MaxModelActionFailures = 5,
    int MaxInfrastructureErrors = 10,
    TimeSpan RetryDelay = default,
    TimeSpan MaxRetryDelay = default)
{
    /// <summary>The first retry delay (500 ms when not set).</summary>
    public TimeSpan FirstDelay => RetryDelay > TimeSpan.Zero ? RetryDelay : TimeSpan.FromMilliseconds(500);

    /// <summary>The cap on retry delays (30 s when not set, never below <see cref="FirstDelay"/>).</summary>
    public TimeSpan DelayCap => MaxRetryDelay > TimeSpan.Zero ? (MaxRetryDelay < FirstDelay ? FirstDelay : MaxRetryDelay) : TimeSpan.FromSeconds(30);
}
