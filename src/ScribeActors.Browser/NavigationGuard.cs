using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace ScribeActors.Browser;

/// <summary>
/// Keeps a session's page on its allowed hosts: a top-frame navigation to any other host is aborted before its request
/// leaves the browser, and the page stays where it was.
/// </summary>
/// <remarks>
/// It intercepts document requests only, through the DevTools <c>Fetch</c> domain of the page's own session. A
/// Playwright route would do the same job at a price on every page: with any route registered, Playwright pauses every
/// request of the context (scripts, styles, images, XHR) and turns the HTTP cache off. Here subresources never pause and
/// stay cached; each document request (every hop of a redirect too) pauses once while its URL is checked. Requests of frames other than the top one
/// (iframes) are let through, as are pages opened beside the session's own (the session closes those at once).
/// </remarks>
internal sealed partial class NavigationGuard
{
    private readonly ICDPSession _devTools;
    private readonly HostAllowList _allowList;
    private readonly ILogger _logger;
    private readonly string _topFrameId;
    private readonly Func<string, string> _mask;
    private string? _blockedUrl;
    private int _documentRequests;

    private NavigationGuard(ICDPSession devTools, HostAllowList allowList, ILogger logger, string topFrameId, Func<string, string>? mask)
    {
        _mask = mask ?? (url => url);
        _devTools = devTools;
        _allowList = allowList;
        _logger = logger;
        _topFrameId = topFrameId;
    }

    /// <summary>Starts guarding the page that <paramref name="devTools"/> is attached to. <paramref name="mask"/> hides
    /// secrets in the URLs it logs (a form that sends a typed secret to a foreign host puts it in the URL).</summary>
    public static async Task<NavigationGuard> StartAsync(ICDPSession devTools, HostAllowList allowList, ILogger logger, Func<string, string>? mask = null)
    {
        var tree = await devTools.SendAsync("Page.getFrameTree") ?? throw new PlaywrightException("Page.getFrameTree returned nothing.");
        var topFrameId = tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()
            ?? throw new PlaywrightException("Page.getFrameTree returned a frame without an id.");
        var guard = new NavigationGuard(devTools, allowList, logger, topFrameId, mask);
        devTools.Event("Fetch.requestPaused").OnEvent += guard.OnRequestPaused;
        await devTools.SendAsync("Fetch.enable", new Dictionary<string, object>
        {
            ["patterns"] = new object[]
            {
                new Dictionary<string, object> { ["urlPattern"] = "*", ["resourceType"] = "Document", ["requestStage"] = "Request" },
            },
        });
        return guard;
    }

    /// <summary>How many top-frame document requests (navigations, form posts, reloads, downloads, each redirect hop)
    /// were let through so far.</summary>
    public int DocumentRequests => Volatile.Read(ref _documentRequests);

    /// <summary>The URL of the last top-frame navigation blocked since the previous call, if any; clears it.</summary>
    public string? TakeBlocked() => Interlocked.Exchange(ref _blockedUrl, null);

    private void OnRequestPaused(object? sender, JsonElement? paused)
    {
        if (paused is { } e)
        {
            _ = DecideAsync(e);
        }
    }

    private async Task DecideAsync(JsonElement paused)
    {
        string? requestId = null;
        try
        {
            requestId = paused.GetProperty("requestId").GetString();
            var url = paused.GetProperty("request").GetProperty("url").GetString() ?? "";
            var topFrame = paused.TryGetProperty("frameId", out var frame) && frame.GetString() == _topFrameId;
            if (topFrame && !_allowList.IsAllowed(url))
            {
                Interlocked.Exchange(ref _blockedUrl, url);
                LogBlockedNavigation(_logger, _mask(url));
                // "Aborted" drops the navigation quietly; "BlockedByClient" would commit Chromium's error page.
                await _devTools.SendAsync("Fetch.failRequest", new Dictionary<string, object> { ["requestId"] = requestId!, ["errorReason"] = "Aborted" });
                return;
            }

            if (topFrame)
            {
                Interlocked.Increment(ref _documentRequests);
            }

            await _devTools.SendAsync("Fetch.continueRequest", new Dictionary<string, object> { ["requestId"] = requestId! });
        }
        catch (Exception ex) when (ex is PlaywrightException or KeyNotFoundException or InvalidOperationException)
        {
            // The page or the request went away (a paused request dies with its page), or the event was not what the
            // protocol promises; nothing is left to decide.
            LogGuardFailed(_logger, requestId, PlaywrightErrors.FirstLine(ex.Message));
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Blocked a navigation to {Url}: its host is not allowed")]
    private static partial void LogBlockedNavigation(ILogger logger, string url);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Debug, Message = "The navigation guard could not settle request {RequestId}: {Reason}")]
    private static partial void LogGuardFailed(ILogger logger, string? requestId, string reason);
}
