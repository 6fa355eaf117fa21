using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>
/// One isolated browser context with one page. Not thread-safe: callers serialise calls, except that
/// <see cref="CheckpointAsync"/> may run while <see cref="ObserveAsync"/> does (both only read the page).
/// Node ids in actions refer to the latest <see cref="ObserveAsync"/> of this session.
/// </summary>
public interface IBrowserSession : IAsyncDisposable
{
    /// <summary>The current page URL.</summary>
    string Url { get; }

    /// <summary>Captures the page: the whole DOM (same-origin iframes and open shadow roots inlined) with a
    /// <c>node="N"</c> id on every element, numbered in reverse document order (last element 0, <c>html</c> the largest),
    /// plus the title and, when asked, a PNG of the viewport. The ids replace those of earlier observations.</summary>
    /// <exception cref="BrowserUnavailableException">The browser or the session's context has gone away.</exception>
    /// <exception cref="TimeoutException">The page did not answer within <see cref="BrowserOptions.NavigationTimeout"/>
    /// (for example a script loop keeps it busy).</exception>
    Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default);

    /// <summary>A PNG of the viewport as it is while observation <paramref name="observationId"/> still describes the page
    /// (taken later than the observation, for a caller that decides meanwhile); <see langword="null"/> when a newer
    /// observation or an action came since, or when a secret may be on the page (a screenshot cannot be masked).</summary>
    /// <exception cref="BrowserUnavailableException">The browser or the session's context has gone away.</exception>
    Task<byte[]?> ScreenshotAsync(long observationId, CancellationToken cancellationToken = default);

    /// <summary>Performs <paramref name="action"/>, waits for the page to settle (a navigation it starts is loaded), and
    /// reports the outcome. Never throws for a failed action: the result carries the <see cref="ActionFailureKind"/>.</summary>
    Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default);

    /// <summary>Looks at the target of <paramref name="action"/> without acting, so that an <see cref="ExecuteAsync"/> of the
    /// same action that follows within a fraction of a second need not look again (a caller runs this while it makes
    /// its intent durable). Never throws for a page problem: <see cref="ExecuteAsync"/> reports it.</summary>
    Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default);

    /// <summary>The node id, in the latest observation, of the first element matching a Playwright
    /// <paramref name="selector"/> in the main frame (open shadow roots pierced); <see langword="null"/> when nothing
    /// matches, nothing was observed yet, or the element was added after the latest observation.</summary>
    /// <exception cref="ArgumentException">The selector is not a valid Playwright selector.</exception>
    /// <exception cref="TimeoutException">The page did not answer within <see cref="BrowserOptions.ActionTimeout"/>.</exception>
    Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken = default);

    /// <summary>Sends a GET to <see cref="ServerCheckRequest.Url"/> with the context's cookies (the context's own request
    /// client, outside the page) and reports the status and the start of the body. A URL off the session's allowed hosts
    /// is not fetched and redirects are not followed; an unreachable server or no answer within
    /// <see cref="ServerCheckRequest.Timeout"/> is reported in <see cref="ServerCheckResult.Error"/>, never thrown.</summary>
    /// <exception cref="BrowserUnavailableException">The browser or the session's context has gone away.</exception>
    Task<ServerCheckResult> CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken = default);

    /// <summary>Captures the URL and the storage state (cookies and local storage) for rebuilding the session with
    /// <see cref="IBrowserHost.OpenSessionAsync"/>.</summary>
    /// <exception cref="BrowserUnavailableException">The browser or the session's context has gone away.</exception>
    Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default);
}
