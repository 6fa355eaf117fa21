using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>
/// A session as the host hands it out. Its operations run through the host's shared limiter, so many sessions on one
/// Chromium take turns (each with its full timeout) instead of all running at once and timing out together; and the host
/// sees when it was last used, so an orphaned session is swept and the browser recycled while no operation runs.
/// A session the host closed (swept, or its browser recycled) refuses every operation with
/// <see cref="BrowserUnavailableException"/>: its owner rebuilds it from its checkpoint.
/// </summary>
internal sealed class ThrottledBrowserSession(IBrowserSession inner, SemaphoreSlim limiter, TimeProvider time, Action<ThrottledBrowserSession> forget) : IBrowserSession
{
    private long _lastUsed = time.GetTimestamp();
    private int _running;
    private string? _closedBecause;

    public string Url => inner.Url;

    /// <summary>The session that does the work (for tests).</summary>
    internal IBrowserSession Inner => inner;

    /// <summary>How long nobody has used the session (zero while an operation runs).</summary>
    internal TimeSpan IdleFor => Volatile.Read(ref _running) > 0 ? TimeSpan.Zero : time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ObserveAsync(includeScreenshot, cancellationToken), cancellationToken);

    public Task<byte[]?> ScreenshotAsync(long observationId, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ScreenshotAsync(observationId, cancellationToken), cancellationToken);

    public Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ExecuteAsync(action, cancellationToken), cancellationToken);

    public Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            await inner.PrepareAsync(action, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ResolveNodeAsync(selector, cancellationToken), cancellationToken);

    public Task<ServerCheckResult> CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.CheckAsync(request, cancellationToken), cancellationToken);

    public Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.CheckpointAsync(cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        forget(this);
        await inner.DisposeAsync();
    }

    /// <summary>Closes the session on the host's behalf; its owner's next operation fails with the reason.</summary>
    internal async Task CloseAsync(string because)
    {
        MarkClosed(because);
        await DisposeAsync();
    }

    /// <summary>Marks the session closed without closing its context (the browser is closing with every context).</summary>
    internal void MarkClosed(string because)
    {
        Volatile.Write(ref _closedBecause, because);
        forget(this);
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _running);
        try
        {
            if (Volatile.Read(ref _closedBecause) is { } because)
            {
                throw new BrowserUnavailableException($"The browser context of this session was closed: {because}. Rebuild the session from its checkpoint.");
            }

            return await operation();
        }
        finally
        {
            Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
            Interlocked.Decrement(ref _running);
            limiter.Release();
        }
    }

    /// <summary>Runs an operation that is not a session's (opening one) through <paramref name="limiter"/>.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> operation, SemaphoreSlim limiter, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(cancellationToken);
        try
        {
            return await operation();
        }
        finally
        {
            limiter.Release();
        }
    }
}
