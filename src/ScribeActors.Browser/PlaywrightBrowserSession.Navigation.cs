using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>Navigation: going to a URL or back, settling after an action, downloads, and pages off the allowed hosts.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    private int _documentsBeforeAction;
    private int _pageCommits;
    private int _commitsBeforeAction;
    private TaskCompletionSource _downloadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long an action whose document request committed no page waits for it to turn into a download.</summary>
    private static readonly TimeSpan DownloadWait = TimeSpan.FromSeconds(2);

    private async Task<Failure?> GotoAsync(string url)
    {
        HostAllowList.TryParseAbsolute(url, out var uri);
        if (!_allowList.IsAllowed(uri!))
        {
            return HostNotAllowed(url);
        }

        try
        {
            await _page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = _navigationTimeoutMs });
        }
        catch (PlaywrightException ex) when (!PlaywrightErrors.IsClosed(ex))
        {
            if (_guard.TakeBlocked() is { } blocked)
            {
                return HostNotAllowed(blocked);
            }

            return new Failure(ActionFailureKind.NavigationError, $"Navigating to {url} failed: {PlaywrightErrors.FirstLine(ex.Message)}");
        }

        return null;
    }

    private async Task<Failure?> BackAsync()
    {
        var before = _page.Url;
        var response = await _page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Load, Timeout = _navigationTimeoutMs });
        if (response is null && _page.Url == before)
        {
            return new Failure(ActionFailureKind.NavigationError, $"There is no earlier page in this session's history (still at {before}).");
        }

        return null;
    }

    /// <summary>Waits for a navigation the action started to load, then checks where the page ended up.</summary>
    private async Task<Failure?> SettleAsync()
    {
        try
        {
            await _page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = _navigationTimeoutMs });
        }
        catch (TimeoutException)
        {
            return new Failure(ActionFailureKind.Timeout, $"The page did not finish loading within {_options.NavigationTimeout.TotalSeconds:0.#} s after the action (at {_page.Url}).");
        }

        if (_guard.TakeBlocked() is { } blocked)
        {
            return HostNotAllowed(blocked);
        }

        if (_guard.DocumentRequests != _documentsBeforeAction && Volatile.Read(ref _pageCommits) == _commitsBeforeAction)
        {
            // A document request left but no page came of it: the server is answering with a file. The action is not
            // over until the download has started (and been reported).
            await Task.WhenAny(_downloadStarted.Task, Task.Delay(DownloadWait, _time));
        }

        var url = _page.Url;
        if (!IsAcceptablePageUrl(url))
        {
            // The guard stops requests off the allow-list, redirects included; a page that still got here without one
            // (a blob: or other non-network URL) is left at once.
            LogLeftForeignPage(_logger, _secrets.Mask(url));
            await LeaveForeignPageAsync();
            return HostNotAllowed(url);
        }

        return null;
    }

    private async Task LeaveForeignPageAsync()
    {
        try
        {
            await _page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Load, Timeout = _navigationTimeoutMs });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Fall through to about:blank.
        }

        if (!IsAcceptablePageUrl(_page.Url))
        {
            await _page.GotoAsync("about:blank");
        }
    }

    private bool IsAcceptablePageUrl(string url) =>
        url == "about:blank" || url.StartsWith("chrome-error://", StringComparison.Ordinal) || _allowList.IsAllowed(url);

    private void OnFrameNavigated(object? sender, IFrame frame)
    {
        if (frame == _page.MainFrame)
        {
            Interlocked.Increment(ref _pageCommits);
        }

        if (StorageStateSnapshot.OriginOf(frame.Url) is { } origin)
        {
            lock (_loadedOrigins)
            {
                _loadedOrigins.Add(origin);
            }
        }
    }

    private void OnDownload(object? sender, IDownload download)
    {
        _guard.ReportDownload(download.Url);
        _downloadStarted.TrySetResult();
    }
}
