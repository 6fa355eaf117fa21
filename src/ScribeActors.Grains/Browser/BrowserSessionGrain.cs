using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
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
    ILocalSiloDetails localSilo,
    ILogger<BrowserSessionGrain> logger) : Grain, IBrowserSessionGrain
{
    private IBrowserSession? _session;

    async Task<ActionResult> IBrowserSessionGrain.OpenAsync(OpenSessionRequest request, CancellationToken cancellationToken)
    {
        await DisposeSessionAsync();
        state.State.IsOpen = true;
        state.State.AllowedHosts = request.AllowedHosts;
        state.State.StorageStateJson = null;
        state.State.Url = null;

        try
        {
            _session = await browserHost.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = request.AllowedHosts }, cancellationToken);
        }
        catch (BrowserUnavailableException e)
        {
            return ActionResult.Fail(ActionFailureKind.BrowserUnavailable, e.Message);
        }

        var result = await _session.ExecuteAsync(BrowserAction.Goto(request.StartUrl), cancellationToken);
        await CheckpointAsync(cancellationToken);
        LogOpened(this.GetPrimaryKeyString(), request.StartUrl, result.Succeeded);
        return result;
    }

    async Task<Observation> IBrowserSessionGrain.ObserveAsync(bool includeScreenshot, CancellationToken cancellationToken)
    {
        Observation observation;
        try
        {
            observation = await (await EnsureSessionAsync(cancellationToken)).ObserveAsync(includeScreenshot, cancellationToken);
        }
        catch (BrowserUnavailableException)
        {
            // The context or the browser died under us: rebuild from the checkpoint once (the epoch tells the caller).
            await DisposeSessionAsync();
            observation = await (await EnsureSessionAsync(cancellationToken)).ObserveAsync(includeScreenshot, cancellationToken);
        }

        return observation with { SessionEpoch = state.State.Epoch };
    }

    async Task<ActionResult> IBrowserSessionGrain.ExecuteAsync(ExecuteActionRequest request, CancellationToken cancellationToken)
    {
        // Re-delivery of an action this session already performed returns the recorded outcome instead of acting twice.
        if (state.State.FindResult(request.ActionId) is { } known)
        {
            return known with { Deduplicated = true };
        }

        IBrowserSession session;
        try
        {
            session = await EnsureSessionAsync(cancellationToken);
        }
        catch (BrowserUnavailableException e)
        {
            return ActionResult.Fail(ActionFailureKind.BrowserUnavailable, e.Message);
        }

        var started = Stopwatch.GetTimestamp();
        var result = await session.ExecuteAsync(request.Action, cancellationToken);
        if (result.Failure == ActionFailureKind.BrowserUnavailable)
        {
            // Never retried here (the action may have happened); the next call rebuilds the context from the checkpoint.
            await DisposeSessionAsync();
            return result;
        }

        state.State.ActionCount++;
        state.State.Remember(request.ActionId, result);
        await CheckpointAsync(cancellationToken);
        LogExecuted(this.GetPrimaryKeyString(), request.Action.ToString(), result.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    Task<ActionResult?> IBrowserSessionGrain.GetActionResultAsync(string actionId) =>
        Task.FromResult(state.State.FindResult(actionId));

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
        await state.ClearStateAsync();
        state.State = new BrowserSessionState();
        this.DeactivateOnIdle();
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await DisposeSessionAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task<IBrowserSession> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            return _session;
        }

        if (!state.State.IsOpen)
        {
            throw new InvalidOperationException($"Browser session '{this.GetPrimaryKeyString()}' is not open: call OpenAsync first.");
        }

        // The previous live context is gone (silo death, deactivation): rebuild from the checkpoint.
        _session = await browserHost.OpenSessionAsync(
            new BrowserSessionOptions
            {
                AllowedHosts = state.State.AllowedHosts,
                StorageStateJson = state.State.StorageStateJson,
                Url = state.State.Url,
            },
            cancellationToken);
        state.State.Epoch++;
        await state.WriteStateAsync(cancellationToken);
        LogRebuilt(this.GetPrimaryKeyString(), state.State.Url, state.State.Epoch);
        return _session;
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            return;
        }

        var checkpoint = await _session.CheckpointAsync(cancellationToken);
        state.State.Url = checkpoint.Url;
        state.State.StorageStateJson = checkpoint.StorageStateJson;
        await state.WriteStateAsync(cancellationToken);
    }

    private async Task DisposeSessionAsync()
    {
        if (_session is not null)
        {
            var session = _session;
            _session = null;
            try
            {
                await session.DisposeAsync();
            }
            catch (Exception e)
            {
                LogDisposeFailed(this.GetPrimaryKeyString(), e);
            }
        }
    }
}
