namespace ScribeActors.Agent.Recovery;

/// <summary>What kind of infrastructure problem interrupted a workflow's step (as opposed to a page refusing an action,
/// which is an <see cref="Abstractions.ActionResult"/>). The grain classifies the exception; <see cref="RetryPolicy"/>
/// decides what to do.</summary>
public enum InfrastructureFault
{
    /// <summary>Something nobody expected (a bug, a malformed answer): counted, retried a few times, then fatal.</summary>
    Unexpected = 0,

    /// <summary>The workflow's state write was refused because the stored copy changed (an ETag conflict): another
    /// activation wrote, or storage lost writes it had acknowledged. The in-memory state can no longer be trusted.</summary>
    StorageConflict = 1,

    /// <summary>Storage did not answer (down, frozen, timing out). Nothing can be recorded meanwhile, not even a failure.</summary>
    StorageUnavailable = 2,

    /// <summary>The browser session has no open state although the workflow opened it (its stored state was lost).</summary>
    SessionNotOpen = 3,

    /// <summary>A silo, a grain call or the browser was briefly unreachable (failover, timeout, a browser restart).</summary>
    Transient = 4,
}
