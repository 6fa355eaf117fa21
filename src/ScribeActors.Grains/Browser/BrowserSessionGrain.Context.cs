using ScribeActors.Abstractions;
using ScribeActors.Browser;

namespace ScribeActors.Grains.Browser;

// The live browser context: opened and rebuilt from the checkpoint, every call into it bounded, closed.
public sealed partial class BrowserSessionGrain
{
    /// <summary>Opens a context whose state-changing requests are reported to this grain while it is the live one.</summary>
    private async Task<IBrowserSession> OpenContextAsync(BrowserSessionOptions options, CancellationToken cancellationToken)
    {
        IBrowserSession? opened = null;
        opened = await AnsweredAsync(browserHost.OpenSessionAsync(options with { BeforeRequestSent = sent => RecordSentAsync(opened, sent), IdempotencyKey = IdempotencyKeyFor }, cancellationToken), "opening a context");
        return opened;
    }

    /// <summary>The key the action in flight sends with its state-changing request, to a host that honours
    /// <c>Idempotency-Key</c> (<see cref="BrowserOptions.IdempotencyKeyHosts"/>); none to any other.</summary>
    private string? IdempotencyKeyFor(SentRequest sent) =>
        _keyInFlight is { } key && _idempotencyKeyHosts.Length > 0 && Uri.TryCreate(sent.Url, UriKind.Absolute, out var url) && HostPattern.IsAllowed(url, _idempotencyKeyHosts)
            ? key
            : null;

    /// <summary>
    /// Waits for a call into the browser for at most <see cref="BrowserOptions.UnresponsiveAfter"/>. Every browser
    /// operation has its own timeouts, so a call that outlives them all is a browser that stopped answering (a renderer
    /// or DevTools connection wedged by a crash); it would otherwise hold this grain's turn, and the workflow behind it,
    /// for ever. The context is closed (the next call rebuilds it from the checkpoint) and the call fails as if the
    /// browser had died.
    /// </summary>
    private async Task<T> AnsweredAsync<T>(Task<T> call, string what)
    {
        await AnsweredAsync((Task)call, what);
        return await call;
    }

    private async Task AnsweredAsync(Task call, string what)
    {
        try
        {
            await call.WaitAsync(_unresponsiveAfter, time);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            LogUnresponsive(this.GetPrimaryKeyString(), what, _unresponsiveAfter.TotalSeconds);
            await DisposeSessionAsync();
            throw new BrowserUnavailableException($"The browser did not answer ({what}) within {_unresponsiveAfter.TotalSeconds:0.#} s; its context was closed.");
        }
    }

    /// <summary>
    /// A read of the live context (an observation, a server check), rebuilding the context from its checkpoint first
    /// when there is none. When the context or the browser dies under the read, it is rebuilt (cookies included) and the
    /// read taken once more: a read changes nothing, so taking it again is safe. The epoch tells the caller.
    /// </summary>
    private async Task<T> OnLiveContextAsync<T>(Func<IBrowserSession, Task<T>> read, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await AnsweredAsync(read(await EnsureSessionAsync(cancellationToken)), what);
        }
        catch (BrowserUnavailableException)
        {
            await DisposeSessionAsync();
            return await AnsweredAsync(read(await EnsureSessionAsync(cancellationToken)), what);
        }
    }

    private async Task<IBrowserSession> EnsureSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            return _session;
        }

        if (!state.State.IsOpen)
        {
            throw new BrowserSessionNotOpenException(this.GetPrimaryKeyString());
        }

        // The previous live context is gone (silo death, deactivation): rebuild from the checkpoint.
        _session = await OpenContextAsync(
            new BrowserSessionOptions
            {
                AllowedHosts = state.State.AllowedHosts,
                SecretNames = state.State.SecretNames,
                StorageStateJson = state.State.StorageStateJson,
                Url = state.State.Url,
            },
            cancellationToken);
        state.State.Epoch++;
        await WriteStateAsync(cancellationToken);
        LogRebuilt(this.GetPrimaryKeyString(), state.State.Url, state.State.Epoch);
        return _session;
    }

    private async Task DisposeSessionAsync()
    {
        if (_session is not null)
        {
            var session = _session;
            _session = null;
            try
            {
                await session.DisposeAsync().AsTask().WaitAsync(_unresponsiveAfter, time);
            }
            catch (Exception e)
            {
                LogDisposeFailed(this.GetPrimaryKeyString(), e);
            }
        }
    }
}
