using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>
/// Runs a session's operations through the host's shared limiter, so many sessions on one Chromium take turns
/// (each with its full timeout) instead of all running at once and timing out together.
/// </summary>
internal sealed class ThrottledBrowserSession(IBrowserSession inner, SemaphoreSlim limiter) : IBrowserSession
{
    public string Url => inner.Url;

    /// <summary>The session that does the work (for tests).</summary>
    internal IBrowserSession Inner => inner;

    public Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ObserveAsync(includeScreenshot, cancellationToken), limiter, cancellationToken);

    public Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ExecuteAsync(action, cancellationToken), limiter, cancellationToken);

    public async Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        await limiter.WaitAsync(cancellationToken);
        try
        {
            await inner.PrepareAsync(action, cancellationToken);
        }
        finally
        {
            limiter.Release();
        }
    }

    public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.ResolveNodeAsync(selector, cancellationToken), limiter, cancellationToken);

    public Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default) =>
        RunAsync(() => inner.CheckpointAsync(cancellationToken), limiter, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

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
