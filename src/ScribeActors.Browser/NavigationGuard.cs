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
    private static readonly object DocumentPattern = new Dictionary<string, object> { ["urlPattern"] = "*", ["resourceType"] = "Document", ["requestStage"] = "Request" };

    private static readonly object[] ArmedPatterns =
    [
        DocumentPattern,
        new Dictionary<string, object> { ["urlPattern"] = "*", ["resourceType"] = "XHR", ["requestStage"] = "Request" },
        new Dictionary<string, object> { ["urlPattern"] = "*", ["resourceType"] = "Fetch", ["requestStage"] = "Request" },
    ];

    private readonly ICDPSession _devTools;
    private readonly HostAllowList _allowList;
    private readonly ILogger _logger;
    private readonly string _topFrameId;
    private readonly Func<SentRequest, Task>? _beforeSent;
    private readonly Func<SentRequest, string?>? _idempotencyKey;
    private readonly Func<string, string> _mask;
    private readonly TimeProvider _time;
    private readonly TimeSpan _inProgressWindow;
    private string? _blockedUrl;
    private int _documentRequests;
    private Task? _reported; // the report of this action's first state-changing request, while armed

    private NavigationGuard(ICDPSession devTools, HostAllowList allowList, ILogger logger, string topFrameId, Func<string, string>? mask, Func<SentRequest, Task>? beforeSent, Func<SentRequest, string?>? idempotencyKey, TimeProvider time, TimeSpan inProgressWindow)
    {
        _time = time;
        _inProgressWindow = inProgressWindow;
        _idempotencyKey = idempotencyKey;
        _mask = mask ?? (url => url);
        _devTools = devTools;
        _allowList = allowList;
        _logger = logger;
        _topFrameId = topFrameId;
        _beforeSent = beforeSent;
    }

    /// <summary>Starts guarding the page that <paramref name="devTools"/> is attached to.</summary>
    /// <param name="devTools">The page's DevTools session.</param>
    /// <param name="allowList">The hosts top-frame navigations may reach.</param>
    /// <param name="logger">Where blocked navigations are logged.</param>
    /// <param name="mask">Hides secrets in the URLs it logs (a form that sends a typed secret to a foreign host puts it in the URL).</param>
    /// <param name="beforeSent">Awaited before the first state-changing request of an armed action leaves the browser.</param>
    /// <param name="idempotencyKey">The <c>Idempotency-Key</c> to send with that request, if any (see
    /// <see cref="BrowserSessionOptions.IdempotencyKey"/>).</param>
    /// <param name="time">The clock of the waits between tries of a keyed request the server answered 409.</param>
    /// <param name="inProgressWindow">How long such a request is sent again (<see cref="BrowserOptions.KeyInProgressWait"/>).</param>
    public static async Task<NavigationGuard> StartAsync(ICDPSession devTools, HostAllowList allowList, ILogger logger, Func<string, string>? mask = null, Func<SentRequest, Task>? beforeSent = null, Func<SentRequest, string?>? idempotencyKey = null, TimeProvider? time = null, TimeSpan? inProgressWindow = null)
    {
        var tree = await devTools.SendAsync("Page.getFrameTree") ?? throw new PlaywrightException("Page.getFrameTree returned nothing.");
        var topFrameId = tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()
            ?? throw new PlaywrightException("Page.getFrameTree returned a frame without an id.");
        var guard = new NavigationGuard(devTools, allowList, logger, topFrameId, mask, beforeSent, idempotencyKey, time ?? TimeProvider.System, inProgressWindow ?? new BrowserOptions().KeyInProgressWait);
        devTools.Event("Fetch.requestPaused").OnEvent += guard.OnRequestPaused;
        await devTools.SendAsync("Fetch.enable", new Dictionary<string, object> { ["patterns"] = new[] { DocumentPattern } });
        return guard;
    }

    /// <summary>Whether the guard reports state-changing requests (see <see cref="ArmAsync"/>).</summary>
    public bool CanReport => _beforeSent is not null;

    /// <summary>
    /// From now until <see cref="DisarmAsync"/>, the first request that may change server state (a non-GET document
    /// request, XHR or fetch, of any frame) waits for the report before it leaves the browser. XHR and fetch requests pause
    /// only while armed, so pages pay for the pause during a click or key press, not all the time. A top-frame GET sent
    /// first (a link followed) is not held back, but carries the action's key (it may be a download).
    /// </summary>
    public async Task ArmAsync()
    {
        if (_beforeSent is null)
        {
            return;
        }

        _reported = null;
        _landing = Task.CompletedTask;
        _documentKey = null;
        _keyed.Clear();
        Volatile.Write(ref _keyedDocument, 0);
        Volatile.Write(ref _armed, 1);
        await _devTools.SendAsync("Fetch.enable", new Dictionary<string, object> { ["patterns"] = ArmedPatterns });
    }

    /// <summary>Stops reporting (the action settled) once a report in flight (a download's) is done. Returns whether a
    /// state-changing request was reported.</summary>
    public async Task<bool> DisarmAsync()
    {
        if (Volatile.Read(ref _armed) == 0)
        {
            return false;
        }

        // Still armed until the narrower patterns are in force: DevTools delivers every request paused under the armed
        // ones before it answers this, so each of them is decided (and reported) as part of the action.
        try
        {
            await _devTools.SendAsync("Fetch.enable", new Dictionary<string, object> { ["patterns"] = new[] { DocumentPattern } });
        }
        finally
        {
            Volatile.Write(ref _armed, 0);
        }

        if (Volatile.Read(ref _reported) is not { } report)
        {
            return false;
        }

        try
        {
            await report;
        }
        catch (Exception)
        {
            // Logged where reported; the action's result says what reached the server.
        }

        await Volatile.Read(ref _landing); // never throws

        return true;
    }

    /// <summary>
    /// The page started a download during an action. Its request has reached the server already (the download is the
    /// server's answer), so nothing can be held back; it is reported at once, like a state-changing request, because
    /// servers count downloads, with the <c>Idempotency-Key</c> the action's first document request carried (a download
    /// is only known as one when its response arrives, so that key is what lets a server count it once when the report
    /// was lost with the browser). <see cref="DisarmAsync"/> waits for the report, so it is durable before the action's
    /// result is (and the owner never records two things at once). Only while armed: a download outside an action was
    /// not caused by one.
    /// </summary>
    public void ReportDownload(string url)
    {
        if (_beforeSent is not null && Volatile.Read(ref _armed) == 1)
        {
            _ = ReportAsync(new SentRequest("GET", _mask(url)) { Download = true, IdempotencyKey = Volatile.Read(ref _documentKey) });
        }
    }

    private int _keyedDocument; // 1 once the armed action's first top-frame document request was decided
    private string? _documentKey; // the Idempotency-Key that request carried, if any

    private int _armed;

    /// <summary>How many top-frame document requests (navigations, form posts, reloads, downloads, each redirect hop)
    /// were let through so far.</summary>
    public int DocumentRequests => Volatile.Read(ref _documentRequests);

    /// <summary>The request (method and URL) held back since the previous call because reporting it failed, if any; clears it.</summary>
    public string? TakeHeldBack() => Interlocked.Exchange(ref _heldBack, null);

    private string? _heldBack;

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
            if (paused.TryGetProperty("responseStatusCode", out var status))
            {
                await AnswerAsync(paused, requestId!, status.GetInt32()); // only keyed requests pause for their answer
                return;
            }

            var request = paused.GetProperty("request");
            var url = request.GetProperty("url").GetString() ?? "";
            var document = paused.TryGetProperty("resourceType", out var type) && type.GetString() == "Document";
            var topFrame = document && paused.TryGetProperty("frameId", out var frame) && frame.GetString() == _topFrameId;
            if (topFrame && !_allowList.IsAllowed(url))
            {
                Interlocked.Exchange(ref _blockedUrl, url);
                LogBlockedNavigation(_logger, _mask(url));
                // "Aborted" drops the navigation quietly; "BlockedByClient" would commit Chromium's error page.
                await _devTools.SendAsync("Fetch.failRequest", new Dictionary<string, object> { ["requestId"] = requestId!, ["errorReason"] = "Aborted" });
                return;
            }

            var method = request.TryGetProperty("method", out var m) ? m.GetString() ?? "GET" : "GET";
            string? key = null;
            if (Volatile.Read(ref _armed) == 1 && !SentRequest.IsSafe(method))
            {
                var sent = new SentRequest(method, _mask(url));
                sent = sent with { IdempotencyKey = _idempotencyKey?.Invoke(sent) };
                var report = await ReportAsync(sent);
                if (report == Report.Failed)
                {
                    // What could not be made durable must not reach a server: the action fails instead.
                    Interlocked.Exchange(ref _heldBack, $"{method} {_mask(url)}");
                    await _devTools.SendAsync("Fetch.failRequest", new Dictionary<string, object> { ["requestId"] = requestId!, ["errorReason"] = "Aborted" });
                    return;
                }

                key = report == Report.First ? sent.IdempotencyKey : null; // the key names the reported request only
            }
            else if (topFrame && Volatile.Read(ref _armed) == 1 && Volatile.Read(ref _reported) is null && Interlocked.Exchange(ref _keyedDocument, 1) == 0)
            {
                // The action's first document request, a GET: it may turn out to be a download, which servers count and
                // which is known as one only when its answer arrives. It carries the action's key, so a server that
                // honours the header counts it once even when the action is taken again after its browser went away.
                key = _idempotencyKey?.Invoke(new SentRequest(method, _mask(url)));
                Volatile.Write(ref _documentKey, key);
            }

            key = FollowKeyed(paused, method, url, key);
            if (topFrame)
            {
                Interlocked.Increment(ref _documentRequests);
                if (Volatile.Read(ref _armed) == 1 && SentRequest.IsSafe(method) && Volatile.Read(ref _reported) is { IsCompletedSuccessfully: true })
                {
                    // The page a reported request led to; not held back (a GET), but DisarmAsync waits for the report.
                    Volatile.Write(ref _landing, ReportLandingAsync(new SentRequest(method, url) { Landing = true }));
                }
            }

            await _devTools.SendAsync("Fetch.continueRequest", key is null
                ? new Dictionary<string, object> { ["requestId"] = requestId! }
                : new Dictionary<string, object> { ["requestId"] = requestId!, ["headers"] = WithIdempotencyKey(request, key), ["interceptResponse"] = true });
        }
        catch (Exception ex) when (ex is PlaywrightException or KeyNotFoundException or InvalidOperationException)
        {
            // The page or the request went away (a paused request dies with its page), or the event was not what the
            // protocol promises; nothing is left to decide.
            LogGuardFailed(_logger, requestId, PlaywrightErrors.FirstLine(ex.Message));
        }
    }

    /// <summary>Reports where the action's state-changing request led. Best effort: a failure only means recovery goes
    /// on from the last checkpoint, as it would without it.</summary>
    private async Task ReportLandingAsync(SentRequest landing)
    {
        try
        {
            await _beforeSent!(landing);
        }
        catch (Exception ex)
        {
            LogReportFailed(_logger, landing.ToString(), ex.Message);
        }
    }

    private Task _landing = Task.CompletedTask;

    private enum Report
    {
        Failed,
        First,
        Later,
    }

    /// <summary>Reports the action's first state-changing request and waits for the report; later ones wait for that
    /// same report, so none of them can reach a server before the fact that one may have is durable.</summary>
    private async Task<Report> ReportAsync(SentRequest sent)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Interlocked.CompareExchange(ref _reported, mine.Task, null);
        if (first is null)
        {
            try
            {
                await _beforeSent!(sent);
                mine.SetResult();
            }
            catch (Exception ex)
            {
                mine.SetException(ex);
                LogReportFailed(_logger, $"{sent.Method} {_mask(sent.Url)}", ex.Message);
            }
        }

        try
        {
            await (first ?? mine.Task);
            return first is null ? Report.First : Report.Later;
        }
        catch (Exception)
        {
            return Report.Failed;
        }
    }

    /// <summary>The paused request's headers with <c>Idempotency-Key</c> added, as <c>Fetch.continueRequest</c> takes them
    /// (the list replaces the request's headers; the browser still adds its cookies).</summary>
    private static object[] WithIdempotencyKey(JsonElement request, string key)
    {
        var headers = new List<object>();
        if (request.TryGetProperty("headers", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in given.EnumerateObject())
            {
                if (!header.Name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase))
                {
                    headers.Add(new Dictionary<string, object> { ["name"] = header.Name, ["value"] = header.Value.GetString() ?? "" });
                }
            }
        }

        headers.Add(new Dictionary<string, object> { ["name"] = "Idempotency-Key", ["value"] = key });
        return [.. headers];
    }

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "A state-changing request ({Request}) was held back: recording it failed ({Reason})")]
    private static partial void LogReportFailed(ILogger logger, string request, string reason);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Information, Message = "{Request} was answered 409 (its key's first request is still being processed) {Count} times; sending it again in {DelayMs} ms")]
    private static partial void LogKeyInProgress(ILogger logger, string request, int count, int delayMs);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Blocked a navigation to {Url}: its host is not allowed")]
    private static partial void LogBlockedNavigation(ILogger logger, string url);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Debug, Message = "The navigation guard could not settle request {RequestId}: {Reason}")]
    private static partial void LogGuardFailed(ILogger logger, string? requestId, string reason);
}
