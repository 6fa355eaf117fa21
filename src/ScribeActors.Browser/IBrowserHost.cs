namespace ScribeActors.Browser;

/// <summary>
/// The process-wide browser: one Playwright driver and one Chromium, launched on first use and relaunched on the next
/// <see cref="OpenSessionAsync"/> after a crash. Thread-safe.
/// </summary>
public interface IBrowserHost : IAsyncDisposable
{
    /// <summary>Opens an isolated browser context with one page.</summary>
    /// <param name="options">The allow-list, optional storage state to restore and optional URL to load.</param>
    /// <param name="cancellationToken">Cancels waiting for the launch or the first navigation.</param>
    /// <returns>The session; the caller disposes it.</returns>
    /// <exception cref="BrowserUnavailableException">Chromium is not installed or cannot start.</exception>
    /// <exception cref="ArgumentException">The options are malformed (blank host entry, storage state that is not JSON,
    /// a <see cref="BrowserSessionOptions.Url"/> that is not absolute or not on the allow-list).</exception>
    /// <exception cref="InvalidOperationException">Loading <see cref="BrowserSessionOptions.Url"/> failed (network error or
    /// timeout); the message names the URL and the error.</exception>
    Task<IBrowserSession> OpenSessionAsync(BrowserSessionOptions options, CancellationToken cancellationToken = default);

    /// <summary>What the browser holds now: open contexts, renderer processes, memory, recycling counts.</summary>
    Task<BrowserStats> GetStatsAsync(CancellationToken cancellationToken = default);
}
