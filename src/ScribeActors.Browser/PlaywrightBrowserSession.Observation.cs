using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>Observation: the capture of the page, its node ids, and the locators that lead back to them.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    private const string MarkAttribute = "data-scribe-node";

    private long _latestObservationId;
    private int _nodeCount;
    private FrameSpan[] _frames = [];

    // The top-frame document count when a secret was last typed: while that document is loaded, the secret may be on
    // screen (a password field shown in clear, a text field), so no screenshot is kept.
    private int? _secretTypedInDocument;

    // The observation a later screenshot may stand for: the latest one, while no action has run since and no secret was
    // on its page (see ScreenshotAsync(long)).
    private long _screenshotMayFollow;

    public async Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var observationId = _latestObservationId + 1;

        // The screenshot waits for Chromium to draw a frame (about 50 ms here), the capture runs a script: taken side by
        // side, an observation costs the longer of the two instead of both. A screenshot taken while a secret may be on
        // screen is dropped below, before it leaves the session.
        var shot = includeScreenshot && _secretTypedInDocument != _guard.DocumentRequests ? TakeScreenshotAsync(cancellationToken) : null;
        JsonElement capture;
        bool raced;
        try
        {
            (capture, raced) = await CaptureAsync(observationId, cancellationToken);
        }
        catch (Exception ex)
        {
            await DropAsync(shot);
            if (ex is PlaywrightException closed && PlaywrightErrors.IsClosed(closed))
            {
                throw Unavailable(closed);
            }

            throw;
        }

        var count = capture.GetProperty("count").GetInt32();
        if (capture.TryGetProperty("tooLarge", out _))
        {
            await DropAsync(shot);
            return TooLarge(observationId, capture, count);
        }

        var frames = new List<FrameSpan>();
        foreach (var frame in capture.GetProperty("frames").EnumerateArray())
        {
            frames.Add(new FrameSpan(frame[0].GetInt32(), frame[1].GetInt32(), frame[2].GetInt32()));
        }

        _latestObservationId = observationId;
        _nodeCount = count;
        _captured = (capture.TryGetProperty("ready", out var ready) ? ready.GetString() ?? "" : "", _time.GetTimestamp());
        _frames = [.. frames.OrderByDescending(f => f.IframeNode)];

        // The secrets the session declared or typed are masked out of everything the capture returns; a screenshot
        // cannot be masked, so none is kept while a secret is on the page.
        await _secrets.PrepareMaskAsync(cancellationToken);
        var dom = _secrets.MaskDom(capture.GetProperty("dom").GetString() ?? "", out var secretOnPage);
        var title = _secrets.Mask(capture.GetProperty("title").GetString() ?? "");
        secretOnPage |= _secretTypedInDocument == _guard.DocumentRequests;

        _screenshotMayFollow = secretOnPage ? 0 : observationId;
        byte[]? screenshot = null;
        if (shot is not null && raced)
        {
            // A navigation replaced the document while the capture ran: the screenshot may show the page before it.
            await DropAsync(shot);
            shot = secretOnPage ? null : TakeScreenshotAsync(cancellationToken);
        }

        if (shot is not null)
        {
            try
            {
                screenshot = await shot;
            }
            catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
            {
                throw Unavailable(ex);
            }

            if (secretOnPage)
            {
                screenshot = null;
            }
        }

        return new Observation
        {
            ObservationId = observationId,
            Url = _secrets.Mask(_page.Url),
            Title = title,
            Dom = dom,
            NodeCount = count,
            Screenshot = screenshot,
            CapturedAt = _time.GetUtcNow(),
        };
    }

    /// <summary>A page over the size limit: measured in the page, not captured. Its node ids were never marked, so the
    /// session forgets the previous ones too (an action on any node id fails as unknown until a page is observed).</summary>
    private Observation TooLarge(long observationId, JsonElement capture, int count)
    {
        _latestObservationId = observationId;
        _nodeCount = 0;
        _captured = ("", 0);
        _frames = [];
        var tooLarge = ObservationLimits.Of(_options).Check(_page.Url, capture.GetProperty("chars").GetInt64(), count)
            ?? throw new InvalidOperationException("The capture reported a page over the limit that is within it.");
        return new Observation
        {
            ObservationId = observationId,
            Url = _page.Url,
            Title = capture.GetProperty("title").GetString() ?? "",
            Dom = "",
            NodeCount = count,
            CapturedAt = _time.GetUtcNow(),
            TooLarge = tooLarge,
        };
    }

    public async Task<byte[]?> ScreenshotAsync(long observationId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (observationId <= 0 || observationId != _screenshotMayFollow || observationId != _latestObservationId
            || _secretTypedInDocument == _guard.DocumentRequests)
        {
            return null;
        }

        try
        {
            return await TakeScreenshotAsync(cancellationToken);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>A PNG of the viewport, straight from DevTools (Playwright's screenshot adds two round trips to the page
    /// for fonts and the caret); encoded for speed over size.</summary>
    private async Task<byte[]> TakeScreenshotAsync(CancellationToken cancellationToken)
    {
        var response = await Bounded(
            _devTools.SendAsync("Page.captureScreenshot", new Dictionary<string, object> { ["format"] = "png", ["optimizeForSpeed"] = true }),
            _options.ActionTimeout,
            $"Taking a screenshot of {Url}",
            cancellationToken);
        return response is { } answer && answer.TryGetProperty("data", out var data) && data.GetString() is { } base64
            ? Convert.FromBase64String(base64)
            : throw new PlaywrightException("Page.captureScreenshot returned no image.");
    }

    /// <summary>Waits for a screenshot that will not be kept, so its failure is observed and its bytes go nowhere.</summary>
    private static async Task DropAsync(Task<byte[]>? shot)
    {
        if (shot is null)
        {
            return;
        }

        try
        {
            await shot;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or OperationCanceledException)
        {
            // The observation already failed or moved on; this screenshot was never going to be kept.
        }
    }

    /// <summary>The capture, and whether a navigation replaced the document while it ran.</summary>
    private async Task<(JsonElement Capture, bool Raced)> CaptureAsync(long observationId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await Bounded(
                    EvaluateInPageAsync(_devTools, BrowserScripts.Capture, string.Create(CultureInfo.InvariantCulture, $"{observationId}, {_options.MaxObservationChars}, {_options.MaxObservationElements}")),
                    _options.NavigationTimeout,
                    $"Capturing {Url}",
                    cancellationToken), attempt > 1);
            }
            catch (PlaywrightException ex) when (attempt < 3 && PlaywrightErrors.IsNavigationRace(ex))
            {
                // A navigation replaced the document mid-capture: let it load, then capture the new one.
                await WaitForLoadQuietlyAsync();
            }
        }
    }

    private async Task WaitForLoadQuietlyAsync()
    {
        try
        {
            await _page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = _navigationTimeoutMs });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            // Capture whatever is there.
        }
    }

    public async Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_latestObservationId == 0)
        {
            return null;
        }

        JsonElement id;
        try
        {
            id = await Bounded(
                _page.Locator(selector).EvaluateAllAsync<JsonElement>(
                    "(els, obs) => els.length === 0 || els[0].ownerDocument.__scribeObservation !== obs ? null : els[0].getAttribute('data-scribe-node')",
                    _latestObservationId),
                _options.ActionTimeout,
                $"Resolving '{selector}'",
                cancellationToken);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            throw Unavailable(ex);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsNavigationRace(ex))
        {
            return null;
        }
        catch (PlaywrightException ex)
        {
            throw new ArgumentException($"'{selector}' is not a usable Playwright selector: {PlaywrightErrors.FirstLine(ex.Message)}", nameof(selector), ex);
        }

        return id.ValueKind == JsonValueKind.String
            && int.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var node)
            && node < _nodeCount
            ? node
            : null;
    }

    /// <summary>The locator of a node: through the chain of same-origin iframes whose inlined content holds it
    /// (recorded by the capture, outermost first), then by its mark.</summary>
    private ILocator NodeLocator(int node)
    {
        ILocator? scope = null;
        foreach (var frame in _frames)
        {
            if (frame.Contains(node))
            {
                scope = scope is null
                    ? _page.Locator(Css(frame.IframeNode)).First
                    : scope.ContentFrame.Locator(Css(frame.IframeNode)).First;
            }
        }

        return scope is null ? _page.Locator(Css(node)).First : scope.ContentFrame.Locator(Css(node)).First;
    }

    private static string Css(int node) => $"[{MarkAttribute}=\"{node.ToString(CultureInfo.InvariantCulture)}\"]";

    /// <summary>A same-origin iframe inlined in the latest observation: its node and the ids of its content.</summary>
    private readonly record struct FrameSpan(int IframeNode, int FirstNode, int LastNode)
    {
        public bool Contains(int node) => node >= FirstNode && node <= LastNode;
    }
}
