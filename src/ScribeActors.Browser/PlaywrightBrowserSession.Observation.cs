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

    public async Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var observationId = _latestObservationId + 1;
        JsonElement capture;
        try
        {
            capture = await CaptureAsync(observationId, cancellationToken);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            throw Unavailable(ex);
        }

        var count = capture.GetProperty("count").GetInt32();
        if (capture.TryGetProperty("tooLarge", out _))
        {
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

        byte[]? screenshot = null;
        if (includeScreenshot && !secretOnPage)
        {
            try
            {
                screenshot = await _page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png, Timeout = _actionTimeoutMs });
            }
            catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
            {
                throw Unavailable(ex);
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

    private async Task<JsonElement> CaptureAsync(long observationId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Bounded(
                    EvaluateInPageAsync(_devTools, BrowserScripts.Capture, string.Create(CultureInfo.InvariantCulture, $"{observationId}, {_options.MaxObservationChars}, {_options.MaxObservationElements}")),
                    _options.NavigationTimeout,
                    $"Capturing {Url}",
                    cancellationToken);
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
