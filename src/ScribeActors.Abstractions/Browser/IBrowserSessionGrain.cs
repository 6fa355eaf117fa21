namespace ScribeActors.Abstractions;

/// <summary>
/// One browser context driving one workflow's pages. Key: the workflow id.
/// </summary>
/// <remarks>
/// Activations live only on silos with the <c>browser</c> role. After every action the session checkpoints cookies,
/// local storage and the URL durably; an activation whose silo died is rebuilt from that checkpoint on another browser
/// silo, and its <see cref="Observation.SessionEpoch"/> goes up by one.
/// </remarks>
[Alias("scribe.IBrowserSessionGrain")]
public interface IBrowserSessionGrain : IGrainWithStringKey
{
    /// <summary>Opens the session, navigates to the start URL and checkpoints. Opening an open session navigates it again.</summary>
    [Alias("Open"), ResponseTimeout("00:02:00")]
    Task<ActionResult> OpenAsync(OpenSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Opens the session as <see cref="OpenAsync"/> does, then observes the start page while the checkpoint is
    /// being written, so the caller needs no separate <see cref="ObserveAsync"/> for its first step. The observation is
    /// <see langword="null"/> when opening failed or the page could not be captured.</summary>
    [Alias("OpenAndObserve"), ResponseTimeout("00:02:00")]
    Task<ExecuteAndObserveResult> OpenAndObserveAsync(OpenSessionRequest request, bool includeScreenshot = false, CancellationToken cancellationToken = default);

    /// <summary>Observes the current page. The returned node ids are the ones later actions refer to.</summary>
    [Alias("Observe"), ResponseTimeout("00:01:30")]
    Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default);

    /// <summary>A PNG of the viewport while observation <paramref name="observationId"/> (of this session's live context)
    /// still describes the page, for a caller that asked the observation without one and decides meanwhile;
    /// <see langword="null"/> when the page moved on, a secret may be on it, or the browser could not take it (a
    /// screenshot is never worth failing a step for).</summary>
    [Alias("Screenshot"), ResponseTimeout("00:01:30")]
    Task<byte[]?> ScreenshotAsync(long observationId, CancellationToken cancellationToken = default);

    /// <summary>Performs an action on an element of the latest observation, waits for the page to settle and checkpoints.</summary>
    [Alias("Execute"), ResponseTimeout("00:02:00")]
    Task<ActionResult> ExecuteAsync(ExecuteActionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Performs an action as <see cref="ExecuteAsync"/> does, then observes the page it left while the checkpoint
    /// is being written, so the caller needs no separate <see cref="ObserveAsync"/> for its next step. The result is
    /// returned only once the checkpoint (and with it the action's recorded result) is durable. A re-delivered action
    /// returns its recorded result and a fresh observation.</summary>
    [Alias("ExecuteAndObserve"), ResponseTimeout("00:02:00")]
    Task<ExecuteAndObserveResult> ExecuteAndObserveAsync(ExecuteActionRequest request, bool includeScreenshot = false, CancellationToken cancellationToken = default);

    /// <summary>Looks at the target of an action that is about to be executed, without acting, so that the
    /// <see cref="ExecuteAndObserveAsync"/> that follows at once need not look again. A workflow calls it while it makes
    /// the action's intent durable. Never fails for a page problem: the execution reports it.</summary>
    [Alias("Prepare")]
    Task PrepareAsync(ExecuteActionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns the recorded result of the action with <paramref name="actionId"/>, or <see langword="null"/> when
    /// this session never completed it.</summary>
    [Alias("GetActionResult")]
    Task<ActionResult?> GetActionResultAsync(string actionId);

    /// <summary>The first request that may change server state (method and URL) the action with <paramref name="actionId"/>
    /// let out of the browser: the session records it durably before the request leaves. <see langword="null"/> when the
    /// action sent none, is unknown, or a later action has sent one since (the session keeps the last). After the browser
    /// went away mid-action, this tells whether the action could have had an effect on a server, and where it led; after
    /// a context rebuilt from an older checkpoint, whether the page the action led to may be loaded again.</summary>
    [Alias("GetSent")]
    Task<SentRequestRecord?> GetSentAsync(string actionId);

    /// <summary>The steps this session performed whose <see cref="StepRecord.Index"/> is at least
    /// <paramref name="fromStepIndex"/>, oldest first, each with its recorded result as <see cref="StepRecord.Outcome"/>
    /// (from the intents sent with <see cref="ExecuteActionRequest.Intent"/>; the session keeps the most recent ones).
    /// A workflow that resumed from stored state asks for the steps after its last one: any it gets were performed
    /// although storage lost the workflow's record of them.</summary>
    [Alias("GetPerformed")]
    Task<StepRecord[]> GetPerformedAsync(int fromStepIndex);

    /// <summary>Sends a GET to <see cref="ServerCheckRequest.Url"/> from the browser silo with this session's cookies (as
    /// the browser context would, without leaving a trace in the page) and reports the answer. A URL off the session's
    /// allowed hosts is not fetched; redirects are not followed; no answer within the request's timeout is reported as
    /// such. Never throws for a problem of the checked server: the result says what happened.</summary>
    [Alias("Check"), ResponseTimeout("00:01:30")]
    Task<ServerCheckResult> CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken = default);

    /// <summary>Describes the session.</summary>
    [Alias("GetInfo")]
    Task<SessionInfo> GetInfoAsync();

    /// <summary>Closes the browser context and forgets the checkpoint.</summary>
    [Alias("Close")]
    Task CloseAsync();
}
