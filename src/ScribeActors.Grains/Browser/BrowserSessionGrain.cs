using System.Diagnostics;
using Orleans.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Browser.Secrets;
using ScribeActors.Grains.Placement;

namespace ScribeActors.Grains.Browser;

/// <summary>
/// Drives one workflow's browser context. Placed only on browser silos. The live context is process state; the
/// checkpoint (cookies, local storage, URL, recent action results) is durable, so a lost activation is rebuilt
/// from it on first use and the epoch goes up.
/// </summary>
[RequireSiloRole(SiloRoles.Browser)]
public sealed partial class BrowserSessionGrain(
    [PersistentState("session", StorageNames.State)] IPersistentState<BrowserSessionState> state,
    IBrowserHost browserHost,
    ISecretProvider secrets,
    ILocalSiloDetails localSilo,
    IOptions<BrowserOptions> browserOptions,
    TimeProvider time,
    ILogger<BrowserSessionGrain> logger) : Grain, IBrowserSessionGrain
{
    private readonly TimeSpan _unresponsiveAfter = browserOptions.Value.UnresponsiveAfter;
    private IBrowserSession? _session;
    private TaskScheduler? _scheduler;
    private string? _actionInFlight;
    private string? _keyInFlight;
    private readonly string[] _idempotencyKeyHosts = browserOptions.Value.IdempotencyKeyHosts ?? [];

    // The checkpoint as last written (or read at activation): what a rebuild would start from.
    private (string? Url, string? StorageStateJson) _written;

    // Who writes this activation's copies, and who wrote the copy it started from (see BrowserSessionState.IsSupersededBy).
    private readonly string _writerId = Guid.NewGuid().ToString("N");
    private string? _basedOn;

    async Task<ActionResult> IBrowserSessionGrain.OpenAsync(OpenSessionRequest request, CancellationToken cancellationToken) =>
        (await OpenCoreAsync(request, observe: false, includeScreenshot: false, cancellationToken)).Result;

    Task<ExecuteAndObserveResult> IBrowserSessionGrain.OpenAndObserveAsync(OpenSessionRequest request, bool includeScreenshot, CancellationToken cancellationToken) =>
        OpenCoreAsync(request, observe: true, includeScreenshot, cancellationToken);

    private async Task<ExecuteAndObserveResult> OpenCoreAsync(OpenSessionRequest request, bool observe, bool includeScreenshot, CancellationToken cancellationToken)
    {
        // A workflow whose secrets this silo cannot type fails at its start, naming the secret, not halfway through.
        if (await secrets.FindUnavailableAsync(request.SecretNames ?? [], cancellationToken) is { } unavailable)
        {
            return new ExecuteAndObserveResult { Result = ActionResult.Fail(ActionFailureKind.SecretUnavailable, unavailable) };
        }

        await DisposeSessionAsync();
        state.State.IsOpen = true;
        state.State.AllowedHosts = request.AllowedHosts;
        state.State.SecretNames = request.SecretNames ?? [];
        state.State.StorageStateJson = null;
        state.State.Url = null;
        if (request.Epoch is { } epoch)
        {
            state.State.Epoch = epoch;
        }

        try
        {
            _session = await OpenContextAsync(new BrowserSessionOptions { AllowedHosts = request.AllowedHosts, SecretNames = state.State.SecretNames }, cancellationToken);
        }
        catch (BrowserUnavailableException e)
        {
            return new ExecuteAndObserveResult { Result = ActionResult.Fail(ActionFailureKind.BrowserUnavailable, e.Message) };
        }

        var session = _session;
        ActionResult result;
        try
        {
            result = await AnsweredAsync(session.ExecuteAsync(BrowserAction.Goto(request.StartUrl), cancellationToken), "opening the start page");
        }
        catch (BrowserUnavailableException e)
        {
            return new ExecuteAndObserveResult { Result = ActionResult.Fail(ActionFailureKind.BrowserUnavailable, e.Message) };
        }

        // As after an action: the result leaves this grain only once the start page's checkpoint is durable.
        var observation = await CheckpointAndObserveAsync(session, forceWrite: true, observe && result.Succeeded, includeScreenshot, cancellationToken);
        LogOpened(this.GetPrimaryKeyString(), request.StartUrl, result.Succeeded);
        return new ExecuteAndObserveResult { Result = result, Observation = observation };
    }

    async Task<Observation> IBrowserSessionGrain.ObserveAsync(bool includeScreenshot, CancellationToken cancellationToken)
    {
        var observation = await OnLiveContextAsync(session => session.ObserveAsync(includeScreenshot, cancellationToken), "an observation", cancellationToken);
        return observation with { SessionEpoch = state.State.Epoch };
    }

    async Task<byte[]?> IBrowserSessionGrain.ScreenshotAsync(long observationId, CancellationToken cancellationToken)
    {
        // Only the live context can show the observed page: a rebuilt one starts its observations afresh.
        if (_session is not { } session)
        {
            return null;
        }

        try
        {
            return await AnsweredAsync(session.ScreenshotAsync(observationId, cancellationToken), "a screenshot");
        }
        catch (Exception e) when (e is BrowserUnavailableException or TimeoutException)
        {
            LogScreenshotFailed(this.GetPrimaryKeyString(), e.Message); // the next call that needs the page rebuilds it
            return null;
        }
    }

    async Task<ActionResult> IBrowserSessionGrain.ExecuteAsync(ExecuteActionRequest request, CancellationToken cancellationToken) =>
        (await ExecuteCoreAsync(request, observe: false, includeScreenshot: false, cancellationToken)).Result;

    Task<ExecuteAndObserveResult> IBrowserSessionGrain.ExecuteAndObserveAsync(ExecuteActionRequest request, bool includeScreenshot, CancellationToken cancellationToken) =>
        ExecuteCoreAsync(request, observe: true, includeScreenshot, cancellationToken);

    private async Task<ExecuteAndObserveResult> ExecuteCoreAsync(ExecuteActionRequest request, bool observe, bool includeScreenshot, CancellationToken cancellationToken)
    {
        // Re-delivery of an action this session already performed returns the recorded outcome instead of acting twice.
        if (state.State.FindResult(request.ActionId) is { } known)
        {
            var current = observe && _session is { } live ? await TryObserveAsync(live, includeScreenshot, cancellationToken) : null;
            return new ExecuteAndObserveResult { Result = known with { Deduplicated = true }, Observation = current };
        }

        IBrowserSession session;
        try
        {
            session = await EnsureSessionAsync(cancellationToken);
        }
        catch (BrowserUnavailableException e)
        {
            return new ExecuteAndObserveResult { Result = ActionResult.Fail(ActionFailureKind.BrowserUnavailable, e.Message) };
        }

        var started = Stopwatch.GetTimestamp();
        ActionResult result;
        (_actionInFlight, _keyInFlight) = (request.ActionId, request.IdempotencyKey ?? request.ActionId);
        var action = session.ExecuteAsync(request.Action, cancellationToken);
        try
        {
            result = await AnsweredAsync(action, "the action");
        }
        catch (BrowserUnavailableException e) when (!action.IsCompleted)
        {
            // The browser stopped answering in the middle of the action (its context is closed now): like a crash
            // mid-action, the action may have happened, so it is never retried here.
            return new ExecuteAndObserveResult { Result = ActionResult.Fail(ActionFailureKind.BrowserUnavailable, e.Message) };
        }
        catch (BrowserUnavailableException)
        {
            // The host closed the context before the action started (swept, or the browser recycled): nothing was
            // done. The caller retries; its next observation rebuilds the context from the checkpoint.
            await DisposeSessionAsync();
            throw;
        }

        if (result.Failure == ActionFailureKind.BrowserUnavailable)
        {
            // Never retried here (the action may have happened); the next call rebuilds the context from the checkpoint.
            await DisposeSessionAsync();
            return new ExecuteAndObserveResult { Result = result };
        }

        state.State.ActionCount++;
        state.State.Remember(request.ActionId, result, request.Intent);

        // The result leaves this grain only after the checkpoint (with this result) is durable. The result of a
        // non-idempotent action is always written, so recovery knows it happened; an idempotent one (type, select,
        // scroll, goto) that left cookies, storage and URL as they were needs no write: recovery takes such an action
        // again, which leaves the page as taking it once.
        Observation? observation;
        try
        {
            observation = await CheckpointAndObserveAsync(session, forceWrite: !request.Action.IsIdempotent, observe, includeScreenshot, cancellationToken);
        }
        catch (BrowserUnavailableException e)
        {
            // The browser died as the action finished: the page the result describes is gone before it was checkpointed,
            // so the result does not stand. The caller resolves the action as interrupted (from the requests it sent).
            state.State.Forget(request.ActionId);
            await DisposeSessionAsync();
            return new ExecuteAndObserveResult { Result = ActionResult.Fail(ActionFailureKind.BrowserUnavailable, $"The browser went away as the action finished: {e.Message}") };
        }

        LogExecuted(this.GetPrimaryKeyString(), request.Action.ToString(), result.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ExecuteAndObserveResult { Result = result, Observation = observation };
    }

    /// <summary>
    /// Makes the settled page's checkpoint durable and, when asked, captures the page for the caller's next step. They
    /// are independent reads of the same page, so they run together and the storage write overlaps the DOM capture.
    /// </summary>
    private async Task<Observation?> CheckpointAndObserveAsync(IBrowserSession session, bool forceWrite, bool observe, bool includeScreenshot, CancellationToken cancellationToken)
    {
        var checkpoint = CheckpointAsync(forceWrite, cancellationToken);
        var next = observe ? TryObserveAsync(session, includeScreenshot, cancellationToken) : Task.FromResult<Observation?>(null);
        await Task.WhenAll(checkpoint, next);
        return next.Result;
    }

    async Task IBrowserSessionGrain.PrepareAsync(ExecuteActionRequest request, CancellationToken cancellationToken)
    {
        // Only a live context is worth looking at: a rebuild, or an action already performed, is the execution's business.
        if (_session is { } session && state.State.FindResult(request.ActionId) is null)
        {
            await AnsweredAsync(session.PrepareAsync(request.Action, cancellationToken), "preparing an action");
        }
    }

    async Task<ServerCheckResult> IBrowserSessionGrain.CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await OnLiveContextAsync(session => session.CheckAsync(request, cancellationToken), "a server check", cancellationToken);

        LogChecked(this.GetPrimaryKeyString(), result.ToString(), result.Duration.TotalMilliseconds);
        return result;
    }

    /// <summary>Observes after an action; a failure only costs the caller a separate <see cref="IBrowserSessionGrain.ObserveAsync"/>
    /// (which rebuilds a lost context), so it never hides the action's result.</summary>
    private async Task<Observation?> TryObserveAsync(IBrowserSession session, bool includeScreenshot, CancellationToken cancellationToken)
    {
        try
        {
            var observation = await AnsweredAsync(session.ObserveAsync(includeScreenshot, cancellationToken), "an observation");
            return observation with { SessionEpoch = state.State.Epoch };
        }
        catch (Exception e) when (e is BrowserUnavailableException or TimeoutException or InvalidOperationException)
        {
            LogObserveAfterActionFailed(this.GetPrimaryKeyString(), e.Message);
            return null;
        }
    }

    Task<ActionResult?> IBrowserSessionGrain.GetActionResultAsync(string actionId) =>
        Task.FromResult(state.State.FindResult(actionId));

    Task<SentRequestRecord?> IBrowserSessionGrain.GetSentAsync(string actionId) =>
        Task.FromResult(state.State.SentActionId == actionId && state.State.SentRequest is { } sent
            ? new SentRequestRecord { Request = sent, LandingUrl = state.State.SentLandingUrl, IdempotencyKey = state.State.SentIdempotencyKey }
            : null);

    Task<StepRecord[]> IBrowserSessionGrain.GetPerformedAsync(int fromStepIndex) =>
        Task.FromResult(state.State.RecentSteps.Where(s => s.Index >= fromStepIndex).OrderBy(s => s.Index).ToArray());

    Task<SessionInfo> IBrowserSessionGrain.GetInfoAsync() => Task.FromResult(new SessionInfo
    {
        IsOpen = state.State.IsOpen,
        Url = state.State.Url,
        Epoch = state.State.Epoch,
        ActionCount = state.State.ActionCount,
        Silo = _session is null ? null : localSilo.SiloAddress.ToString(),
    });

    async Task IBrowserSessionGrain.CloseAsync()
    {
        await DisposeSessionAsync();
        try
        {
            await state.ClearStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Whatever was stored instead (lost writes, another activation) is forgotten all the same.
            await state.ReadStateAsync();
            await state.ClearStateAsync();
        }
        state.State = new BrowserSessionState();
        _written = default;
        this.DeactivateOnIdle();
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _written = (state.State.Url, state.State.StorageStateJson);
        _basedOn = state.State.WriterId;
        _scheduler = TaskScheduler.Current;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await DisposeSessionAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }
}
