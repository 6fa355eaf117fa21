namespace ScribeActors.Agent.Recovery;

/// <summary>What <see cref="RetryPolicy"/> tells the workflow to do next.</summary>
/// <param name="Kind">The move.</param>
/// <param name="Delay">How long to wait first (zero for none).</param>
/// <param name="Reason">The failure reason when <paramref name="Kind"/> is <see cref="RetryMove.Fail"/>; otherwise why.</param>
/// <param name="CountsAsError">Whether the fault counts towards the consecutive-error limit.</param>
public sealed record RetryDecision(RetryMove Kind, TimeSpan Delay, string Reason, bool CountsAsError = true);

/// <summary>The moves of a <see cref="RetryDecision"/>.</summary>
public enum RetryMove
{
    /// <summary>Wait <see cref="RetryDecision.Delay"/>, then go on with the loop (observe afresh).</summary>
    Retry,

    /// <summary>Stop this activation without writing: its state is stale. A fresh activation reads what is stored and
    /// decides from that (the crash-recovery path).</summary>
    Reload,

    /// <summary>Open the browser session again (from the workflow's last known page), then go on.</summary>
    ReopenSession,

    /// <summary>The workflow fails with <see cref="RetryDecision.Reason"/>.</summary>
    Fail,
}
