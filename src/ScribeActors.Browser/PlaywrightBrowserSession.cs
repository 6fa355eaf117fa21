using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser;

/// <summary>One browser context with one page: observation, actions and checkpoints.</summary>
internal sealed partial class PlaywrightBrowserSession : IBrowserSession
{
    private const string MarkAttribute = "data-scribe-node";

    /// <summary>How long a probe taken by <see cref="PrepareAsync"/> stands for the page: about the time a durable intent
    /// write takes, with room to spare; an older one is taken again.</summary>
    private static readonly TimeSpan PreparedProbeLifetime = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the capture's description of the usual targets stands for the page, for the first action after
    /// it: the time a replayed step takes to decide and write its intent, with room to spare. A slower step source
    /// (a model) probes the page as it is then.</summary>
    private static readonly TimeSpan CapturedReadinessLifetime = TimeSpan.FromMilliseconds(100);

    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly ICDPSession _devTools;
    private readonly NavigationGuard _guard;
    private readonly HostAllowList _allowList;
    private readonly BrowserOptions _options;
    private readonly ILogger _logger;
    private readonly float _actionTimeoutMs;
    private readonly float _navigationTimeoutMs;

    private readonly StorageStateSnapshot _storage;
    private readonly SecretScope _secrets;
    private readonly HashSet<string> _loadedOrigins = new(StringComparer.Ordinal);
    private string? _lastPageOrigin;
    private long _latestObservationId;
    private (long Observation, int Node, JsonElement Probe, long TakenAt)? _prepared;
    private (string Ready, long TakenAt) _captured = ("", 0); // for the first action after the capture only
    private int _nodeCount;
    private int _documentsBeforeAction;
    private int _pageCommits;
    private int _commitsBeforeAction;
    private TaskCompletionSource _downloadStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long an action whose document request committed no page waits for it to turn into a download.</summary>
    private static readonly TimeSpan DownloadWait = TimeSpan.FromSeconds(2);
    private FrameSpan[] _frames = [];
    private bool _disposed;

    // The top-frame document count when a secret was last typed: while that document is loaded, the secret may be on
    // screen (a password field shown in clear, a text field), so no screenshot is kept.
    private int? _secretTypedInDocument;

    private PlaywrightBrowserSession(IBrowserContext context, IPage page, ICDPSession devTools, NavigationGuard guard, HostAllowList allowList, BrowserOptions options, StorageStateSnapshot storage, SecretScope secrets, ILogger logger)
    {
        _secrets = secrets;
        _devTools = devTools;
        _guard = guard;
        _storage = storage;
        _context = context;
        _page = page;
        _allowList = allowList;
        _options = options;
        _logger = logger;
        _actionTimeoutMs = (float)options.ActionTimeout.TotalMilliseconds;
        _navigationTimeoutMs = (float)options.NavigationTimeout.TotalMilliseconds;
    }

    public string Url => _secrets.Mask(_page.Url);

    /// <summary>The latest capture's description of the usual targets, one character per node id (for tests).</summary>
    internal string CapturedReadiness => _captured.Ready;

    /// <summary>Sets up the context (timeouts, single-page script), opens its page and guards its navigations.</summary>
    public static async Task<PlaywrightBrowserSession> CreateAsync(IBrowserContext context, HostAllowList allowList, BrowserOptions options, StorageStateSnapshot storage, SecretScope secrets, ILogger logger, Func<SentRequest, Task>? beforeSent = null)
    {
        context.SetDefaultTimeout((float)options.ActionTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)options.NavigationTimeout.TotalMilliseconds);
        await context.AddInitScriptAsync(BrowserScripts.SinglePage);
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        var guard = await NavigationGuard.StartAsync(devTools, allowList, logger, secrets.Mask, beforeSent);
        var session = new PlaywrightBrowserSession(context, page, devTools, guard, allowList, options, storage, secrets, logger);
        context.Page += session.OnExtraPage;

        // Dialogs would block the page until dismissed; the agent cannot see them, so they are accepted.
        page.Dialog += OnDialog;
        page.FrameNavigated += session.OnFrameNavigated;
        page.Download += session.OnDownload;
        return session;
    }

    /// <summary>Loads the URL a session was opened with.</summary>
    public async Task LoadStartUrlAsync(string url, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = _navigationTimeoutMs });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException($"Loading {url} failed: {PlaywrightErrors.FirstLine(ex.Message)}", ex);
        }

        var blocked = _guard.TakeBlocked();
        if (blocked is not null || !IsAcceptablePageUrl(_page.Url))
        {
            throw new InvalidOperationException($"Loading {url} ended on {_secrets.Mask(blocked ?? _page.Url)}, whose host is not in the allowed hosts ({_allowList.Describe()}).");
        }
    }

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
        _captured = (capture.TryGetProperty("ready", out var ready) ? ready.GetString() ?? "" : "", Stopwatch.GetTimestamp());
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
            CapturedAt = TimeProvider.System.GetUtcNow(),
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
            CapturedAt = TimeProvider.System.GetUtcNow(),
            TooLarge = tooLarge,
        };
    }

    public async Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // A click or key press may send something to a server: the guard holds the first such request back until its
        // owner recorded that it is leaving (see BrowserSessionOptions.BeforeRequestSent).
        var armed = !action.IsIdempotent && _guard.CanReport;
        if (armed)
        {
            try
            {
                await _guard.ArmAsync();
            }
            catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
            {
                return ActionResult.Fail(ActionFailureKind.BrowserUnavailable, $"The browser session has gone away: {PlaywrightErrors.FirstLine(ex.Message)}");
            }
        }

        try
        {
            _guard.TakeHeldBack();
            var result = await PerformAndSettleAsync(action, cancellationToken);
            return _guard.TakeHeldBack() is { } held
                ? ActionResult.Fail(ActionFailureKind.NavigationError,
                    $"'{action}' sent {held}, which was held back because recording that it was leaving failed; nothing reached the server.", _page.Url, result.Duration)
                : result;
        }
        finally
        {
            if (armed)
            {
                await DisarmQuietlyAsync();
            }
        }
    }

    private async Task DisarmQuietlyAsync()
    {
        try
        {
            await _guard.DisarmAsync();
        }
        catch (PlaywrightException ex)
        {
            LogCloseFailed(_logger, ex); // the page went away; nothing is armed on a closed page
        }
    }

    private async Task<ActionResult> PerformAndSettleAsync(BrowserAction action, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _documentsBeforeAction = _guard.DocumentRequests;
        _commitsBeforeAction = Volatile.Read(ref _pageCommits);
        _downloadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Validate(action) is { } invalid)
        {
            return Done(started, invalid);
        }

        _guard.TakeBlocked();
        var captured = _captured;
        _captured = ("", 0); // whatever this action does, the capture no longer describes the page
        try
        {
            var failure = action.Kind switch
            {
                BrowserActionKind.Goto => await GotoAsync(action.Url!),
                BrowserActionKind.Back => await BackAsync(),
                BrowserActionKind.Key when action.NodeId is null => await PressOnPageAsync(action.Text!),
                BrowserActionKind.Scroll when action.NodeId is null => await ScrollPageAsync(action.Text),
                _ => await ActOnNodeAsync(action, action.NodeId!.Value, captured),
            };
            if (failure is not null)
            {
                return Done(started, failure.Value);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return Done(started, await SettleAsync());
        }
        catch (TimeoutException ex)
        {
            return Done(started, new Failure(ActionFailureKind.Timeout, $"'{action}' did not finish in time: {PlaywrightErrors.FirstLine(ex.Message)}"));
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            return Done(started, new Failure(ActionFailureKind.BrowserUnavailable, $"The browser session has gone away: {PlaywrightErrors.FirstLine(ex.Message)}"));
        }
        catch (PlaywrightException ex)
        {
            return Done(started, Classify(action, ex));
        }
    }

    public async Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _prepared = null;
        if (action.NodeId is not { } node || Validate(action) is not null || _latestObservationId == 0 || node < 0 || node >= _nodeCount)
        {
            return; // nothing to look at, or ExecuteAsync fails it without looking
        }

        if (ReadyFromCapture(action, node, _captured))
        {
            return; // the capture that just happened already says the action can go ahead
        }

        try
        {
            var probe = await ProbeAsync(node);
            _prepared = (_latestObservationId, node, probe, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // ExecuteAsync probes again and reports whatever is wrong.
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

    public async Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var url = _page.Url;
            var pageOrigin = StorageStateSnapshot.OriginOf(url);
            var elsewhere = OriginsToVisit(pageOrigin);
            var cookies = _context.CookiesAsync();
            var storage = pageOrigin is null ? Task.FromResult<(string, List<KeyValuePair<string, string>>)?>(null) : ReadPageStorageAsync(cancellationToken);

            // Another origin had a page or frame open since the last checkpoint (a sign-in on an identity provider, a
            // widget): Playwright reads first-party storage of every origin it has seen, visiting those not open.
            var full = elsewhere.Count > 0 ? _context.StorageStateAsync() : Task.FromResult("");
            await Task.WhenAll(cookies, storage, full);
            if (elsewhere.Count > 0)
            {
                _storage.Merge(full.Result, elsewhere);
            }

            if (storage.Result is var (origin, items))
            {
                _storage.SetLocalStorage(origin, items);
            }

            lock (_loadedOrigins)
            {
                _loadedOrigins.ExceptWith(elsewhere); // read now; a checkpoint that failed leaves them for the next one
            }

            _lastPageOrigin = pageOrigin;
            return new BrowserCheckpoint(_secrets.Mask(url), _storage.ToJson(cookies.Result));
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Origins other than the page's own whose local storage may have changed since the last checkpoint: the
    /// page's origin then, and the origin of every document loaded since or open now in a frame.</summary>
    private HashSet<string> OriginsToVisit(string? pageOrigin)
    {
        var origins = new HashSet<string>(StringComparer.Ordinal);
        lock (_loadedOrigins)
        {
            origins.UnionWith(_loadedOrigins);
            if (pageOrigin is not null)
            {
                _loadedOrigins.Remove(pageOrigin); // read in the page below
            }
        }

        if (_lastPageOrigin is not null)
        {
            origins.Add(_lastPageOrigin);
        }

        foreach (var frame in _page.Frames)
        {
            if (StorageStateSnapshot.OriginOf(frame.Url) is { } origin)
            {
                origins.Add(origin);
            }
        }

        if (pageOrigin is not null)
        {
            origins.Remove(pageOrigin);
        }

        return origins;
    }

    /// <summary>Reads the main frame's origin and local storage in the page. A navigation that replaces the document
    /// meanwhile leaves the origin at its previous reading (the next checkpoint reads it).</summary>
    private async Task<(string Origin, List<KeyValuePair<string, string>> Items)?> ReadPageStorageAsync(CancellationToken cancellationToken)
    {
        JsonElement reading;
        try
        {
            reading = await Bounded(EvaluateInPageAsync(_devTools, BrowserScripts.LocalStorage, ""), _options.ActionTimeout, $"Reading local storage of {Url}", cancellationToken);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsNavigationRace(ex))
        {
            return null;
        }

        var origin = reading.GetProperty("origin").GetString();
        if (StorageStateSnapshot.OriginOf(origin) is null || reading.GetProperty("items").ValueKind != JsonValueKind.Array)
        {
            return null; // an opaque origin, or storage the page may not read
        }

        var items = reading.GetProperty("items").EnumerateArray()
            .Select(i => new KeyValuePair<string, string>(i[0].GetString() ?? "", i[1].GetString() ?? ""))
            .ToList();
        return (origin!, items);
    }

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

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _context.Page -= OnExtraPage;
        _page.FrameNavigated -= OnFrameNavigated;
        _page.Download -= OnDownload;
        try
        {
            await _context.CloseAsync();
        }
        catch (PlaywrightException ex)
        {
            LogCloseFailed(_logger, ex);
        }
    }

    private static void OnDialog(object? sender, IDialog dialog) => _ = AcceptQuietlyAsync(dialog);

    private static async Task AcceptQuietlyAsync(IDialog dialog)
    {
        try
        {
            await dialog.AcceptAsync();
        }
        catch (PlaywrightException)
        {
            // The page went away with its dialog.
        }
    }

    private static async Task CloseQuietlyAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already closed.
        }
    }

    private static ActionResult Fail(Failure failure, string? urlAfter, TimeSpan duration) =>
        ActionResult.Fail(failure.Kind, failure.Message, urlAfter, duration);

    private static string Css(int node) => $"[{MarkAttribute}=\"{node.ToString(CultureInfo.InvariantCulture)}\"]";

    private static Failure? Validate(BrowserAction action)
    {
        var needsNode = action.Kind is BrowserActionKind.Click or BrowserActionKind.Type or BrowserActionKind.Select;
        if (needsNode && action.NodeId is null)
        {
            return new Failure(ActionFailureKind.InvalidAction, $"A {action.Kind} action needs a node id.");
        }

        if (SecretProblem(action) is { } secretProblem)
        {
            return new Failure(ActionFailureKind.InvalidAction, secretProblem);
        }

        switch (action.Kind)
        {
            case BrowserActionKind.Type when action.Text is null:
                return new Failure(ActionFailureKind.InvalidAction, $"A Type action needs text (use \"\" to clear node {action.NodeId}).");
            case BrowserActionKind.Select or BrowserActionKind.Key when string.IsNullOrEmpty(action.Text):
                return new Failure(ActionFailureKind.InvalidAction, action.Kind == BrowserActionKind.Select
                    ? $"A Select action needs the option label or value to choose in node {action.NodeId}."
                    : "A Key action needs a key or combination, for example Enter or Control+A.");
            case BrowserActionKind.Scroll when action.NodeId is null && ScrollDirection(action.Text) is null:
                return new Failure(ActionFailureKind.InvalidAction, $"Scroll direction '{action.Text}' is not 'up' or 'down'.");
            case BrowserActionKind.Goto when string.IsNullOrWhiteSpace(action.Url):
                return new Failure(ActionFailureKind.InvalidAction, "A Goto action needs a URL.");
            case BrowserActionKind.Goto when !HostAllowList.TryParseAbsolute(action.Url, out _):
                return new Failure(ActionFailureKind.InvalidAction, $"Goto URL '{action.Url}' is not an absolute URL.");
            case BrowserActionKind.Click or BrowserActionKind.Type or BrowserActionKind.Key or BrowserActionKind.Select
                or BrowserActionKind.Scroll or BrowserActionKind.Goto or BrowserActionKind.Back:
                return null;
            default:
                return new Failure(ActionFailureKind.InvalidAction, $"Action kind {(int)action.Kind} is not known.");
        }
    }

    private static int? ScrollDirection(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "DOWN" => 1,
        "UP" => -1,
        _ => null,
    };

    private static Failure Classify(BrowserAction action, PlaywrightException ex)
    {
        var message = PlaywrightErrors.FirstLine(ex.Message);
        if (PlaywrightErrors.Contains(ex, "not attached") || PlaywrightErrors.Contains(ex, "detached") || PlaywrightErrors.IsNavigationRace(ex))
        {
            return new Failure(ActionFailureKind.ElementDetached, $"Node {action.NodeId} left the page during '{action}': {message}");
        }

        if (PlaywrightErrors.Contains(ex, "Unknown key"))
        {
            return new Failure(ActionFailureKind.InvalidAction, $"'{action.Text}' is not a key Playwright knows: {message}");
        }

        if (action.Kind is BrowserActionKind.Goto or BrowserActionKind.Back || PlaywrightErrors.Contains(ex, "net::ERR"))
        {
            return new Failure(ActionFailureKind.NavigationError, message);
        }

        return new Failure(ActionFailureKind.NotInteractable, $"Node {action.NodeId} cannot take '{action}': {message}");
    }

    private static Failure NotInteractable(BrowserAction action, int node, JsonElement probe, string why) =>
        new(ActionFailureKind.NotInteractable, $"Node {node} ({Describe(probe)}) cannot take '{action}': {why}.");

    private static string Describe(JsonElement probe)
    {
        var tag = probe.GetProperty("tag").GetString();
        var type = probe.GetProperty("type").GetString();
        return string.IsNullOrEmpty(type) ? $"<{tag}>" : $"<{tag} type={type}>";
    }

    private static int? MatchOption(JsonElement options, string text)
    {
        var list = options.EnumerateArray().Select(o => (Label: o[0].GetString() ?? "", Value: o[1].GetString() ?? "")).ToList();
        var trimmed = text.Trim();
        int Find(Func<(string Label, string Value), bool> match) => list.FindIndex(o => match(o));
        var index = Find(o => o.Label == text);
        if (index < 0)
        {
            index = Find(o => o.Label.Trim() == trimmed);
        }

        if (index < 0)
        {
            index = Find(o => o.Value == text);
        }

        if (index < 0)
        {
            index = Find(o => string.Equals(o.Label.Trim(), trimmed, StringComparison.OrdinalIgnoreCase));
        }

        return index < 0 ? null : index;
    }

    private static string ListOptions(JsonElement options)
    {
        var labels = options.EnumerateArray().Select(o => $"'{o[0].GetString()}'").ToList();
        return labels.Count <= 20 ? string.Join(", ", labels) : string.Join(", ", labels.Take(20)) + $", … ({labels.Count} in all)";
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

    /// <summary>
    /// Calls <paramref name="function"/> with <paramref name="argumentJson"/> in the main world of the top document of the page <paramref name="devTools"/> is attached to
    /// through the DevTools protocol and returns its result as JSON. The capture, the probe and the storage reading run
    /// this way: Playwright's own evaluation first installs a helper script in every new document, which cost several
    /// milliseconds on the first evaluation after each navigation.
    /// </summary>
    /// <exception cref="PlaywrightException">The script threw, the document went away during the call, or the page is closed.</exception>
    internal static async Task<JsonElement> EvaluateInPageAsync(ICDPSession devTools, string function, string argumentJson)
    {
        var response = await devTools.SendAsync("Runtime.evaluate", new Dictionary<string, object>
        {
            ["expression"] = $"({function})({argumentJson})",
            ["returnByValue"] = true,
        }) ?? throw new PlaywrightException("Runtime.evaluate returned nothing.");
        if (response.TryGetProperty("exceptionDetails", out var details))
        {
            var description = details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var text)
                ? text.GetString()
                : details.GetProperty("text").GetString();
            throw new PlaywrightException($"The page script failed: {description}");
        }

        return response.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Waits for a script evaluation, which Playwright does not time out: a page stuck in a script loop would
    /// otherwise hang the caller. On timeout the evaluation is abandoned (it ends when the page does).</summary>
    private static async Task<T> Bounded<T>(Task<T> evaluation, TimeSpan limit, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await evaluation.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            _ = evaluation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s; the page may be busy running a script.", ex);
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

    private async Task<Failure?> PressOnPageAsync(string key)
    {
        // Pressing "on" the root element focuses nothing (html is not focusable), so the key goes to whatever has focus,
        // while Playwright still waits for a navigation the key starts (Enter submitting a form) to commit.
        await _page.Locator(":root").PressAsync(key, new LocatorPressOptions { Timeout = _actionTimeoutMs });
        return null;
    }

    private async Task<Failure?> ScrollPageAsync(string? direction)
    {
        var sign = ScrollDirection(direction)!.Value;
        await _page.Mouse.MoveAsync(_options.ViewportWidth / 2f, _options.ViewportHeight / 2f);
        await _page.Mouse.WheelAsync(0, sign * _options.ViewportHeight);

        // The wheel only queues the scroll; wait for a frame so the next observation sees the new position.
        await Bounded(
            _page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"),
            _options.ActionTimeout,
            "Scrolling the page",
            CancellationToken.None);
        return null;
    }

    /// <summary>Describes node <paramref name="node"/> of the latest observation. The probe runs in the page's main world
    /// on the element list the capture left there: one evaluation, no selector and no Playwright injected script (a
    /// locator evaluation cost about ten times as much).</summary>
    private Task<JsonElement> ProbeAsync(int node) => Bounded(
        EvaluateInPageAsync(_devTools, BrowserScripts.Probe, JsonSerializer.Serialize(new { observation = _latestObservationId, node })),
        _options.ActionTimeout,
        $"Finding node {node}",
        CancellationToken.None);

    /// <summary>Whether <paramref name="captured"/>, the description of the usual targets that the latest capture took
    /// moments ago with no action since, says node <paramref name="node"/> is ready for <paramref name="action"/>:
    /// visible, enabled and fillable as the action needs. Only that answer is taken from the capture; any other (or an
    /// older capture, or an element it does not describe, such as a select) is left to a probe of the page as it is now,
    /// which also words the failure. Playwright's own actionability checks still run before any input is sent.</summary>
    /// <remarks>The price of skipping the probe: a page that removes or replaces the element by itself within
    /// <see cref="CapturedReadinessLifetime"/> of the capture makes the action wait out its timeout instead of failing
    /// at once as detached.</remarks>
    private static bool ReadyFromCapture(BrowserAction action, int node, (string Ready, long TakenAt) captured)
    {
        var (ready, takenAt) = captured;
        if (node >= ready.Length || ready[node] == '.' || Stopwatch.GetElapsedTime(takenAt) > CapturedReadinessLifetime)
        {
            return false;
        }

        var bits = ready[node] - 'A';
        bool visible = (bits & 1) != 0, disabled = (bits & 2) != 0, fillable = (bits & 4) != 0, readOnly = (bits & 8) != 0;
        return action.Kind switch
        {
            BrowserActionKind.Click or BrowserActionKind.Scroll => visible && !disabled,
            BrowserActionKind.Type => visible && !disabled && fillable && !readOnly,
            BrowserActionKind.Key => true,
            _ => false, // a select needs the live list of options
        };
    }

    /// <summary>The probe <see cref="PrepareAsync"/> took of this node in the latest observation, if it is recent enough to
    /// stand for the page now; it is used once.</summary>
    private JsonElement? TakePreparedProbe(int node)
    {
        var prepared = _prepared;
        _prepared = null;
        return prepared is { } p && p.Observation == _latestObservationId && p.Node == node
            && Stopwatch.GetElapsedTime(p.TakenAt) <= PreparedProbeLifetime
            ? p.Probe
            : null;
    }

    private async Task<Failure?> ActOnNodeAsync(BrowserAction action, int node, (string Ready, long TakenAt) captured)
    {
        if (_latestObservationId == 0)
        {
            return new Failure(ActionFailureKind.UnknownNode, $"Node {node} is unknown: nothing has been observed in this session yet.");
        }

        if (node < 0 || node >= _nodeCount)
        {
            return new Failure(ActionFailureKind.UnknownNode, $"Node {node} is not in observation {_latestObservationId} (its ids are 0..{_nodeCount - 1}).");
        }

        var locator = NodeLocator(node);
        if (ReadyFromCapture(action, node, captured))
        {
            return await PerformAsync(action, locator);
        }

        var probe = TakePreparedProbe(node) ?? await ProbeAsync(node);
        var state = probe.GetProperty("state").GetString();
        if (state != "ok")
        {
            return new Failure(ActionFailureKind.ElementDetached, $"Node {node} of observation {_latestObservationId} is no longer in the page (now {_page.Url}); observe again.");
        }

        var tag = probe.GetProperty("tag").GetString();
        var visible = probe.GetProperty("visible").GetBoolean();
        var disabled = probe.GetProperty("disabled").GetBoolean();
        switch (action.Kind)
        {
            case BrowserActionKind.Click when tag == "option":
                return await ClickOptionAsync(action, node, probe);
            case BrowserActionKind.Click:
                if (!visible)
                {
                    return NotInteractable(action, node, probe, "it is hidden");
                }

                if (disabled)
                {
                    return NotInteractable(action, node, probe, "it is disabled");
                }

                return await PerformAsync(action, locator);
            case BrowserActionKind.Type:
                if (!probe.GetProperty("fillable").GetBoolean())
                {
                    return NotInteractable(action, node, probe, "it is not a text field, text area or editable element");
                }

                if (disabled || probe.GetProperty("readOnly").GetBoolean())
                {
                    return NotInteractable(action, node, probe, disabled ? "it is disabled" : "it is read-only");
                }

                if (!visible)
                {
                    return NotInteractable(action, node, probe, "it is hidden");
                }

                return await PerformAsync(action, locator);
            case BrowserActionKind.Key:
                return await PerformAsync(action, locator);
            case BrowserActionKind.Select:
                if (tag != "select")
                {
                    return NotInteractable(action, node, probe, "it is not a select element");
                }

                if (disabled)
                {
                    return NotInteractable(action, node, probe, "it is disabled");
                }

                var options = probe.GetProperty("options");
                if (MatchOption(options, action.Text!) is not { } index)
                {
                    return NotInteractable(action, node, probe, $"it has no option labelled or valued '{action.Text}' (options: {ListOptions(options)})");
                }

                return await PerformAsync(action, locator, index);
            case BrowserActionKind.Scroll:
                if (!visible)
                {
                    return NotInteractable(action, node, probe, "it is hidden");
                }

                return await PerformAsync(action, locator);
            default:
                return new Failure(ActionFailureKind.InvalidAction, $"A {action.Kind} action does not take a node.");
        }
    }

    /// <summary>Sends the action's input to its target, once the target is known to be ready for it (by a probe, or by
    /// the capture just taken); Playwright's own actionability checks run first. A select takes the index of the option
    /// its probe matched.</summary>
    private async Task<Failure?> PerformAsync(BrowserAction action, ILocator locator, int? optionIndex = null)
    {
        switch (action.Kind)
        {
            case BrowserActionKind.Click:
                await locator.ClickAsync(new LocatorClickOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Type when SecretPlaceholder.Contains(action.Text):
                return await TypeSecretAsync(locator, action.Text!);
            case BrowserActionKind.Type:
                await locator.FillAsync(action.Text!, new LocatorFillOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Key:
                await locator.PressAsync(action.Text!, new LocatorPressOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Select when optionIndex is { } index:
                await locator.SelectOptionAsync(new SelectOptionValue { Index = index }, new LocatorSelectOptionOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Scroll:
                await locator.ScrollIntoViewIfNeededAsync(new LocatorScrollIntoViewIfNeededOptions { Timeout = _actionTimeoutMs });
                break;
            default:
                throw new InvalidOperationException($"No input is sent for a {action.Kind} action here (option index: {optionIndex}).");
        }

        return null;
    }

    /// <summary>A click on an option of a native select cannot be performed with the mouse (the list is drawn by the
    /// browser), so it selects that option in its select, which is what the click means.</summary>
    private async Task<Failure?> ClickOptionAsync(BrowserAction action, int node, JsonElement probe)
    {
        var selectNode = probe.GetProperty("selectNode").GetString();
        if (selectNode is null || !int.TryParse(selectNode, NumberStyles.None, CultureInfo.InvariantCulture, out var select))
        {
            return NotInteractable(action, node, probe, "it is an option outside any select");
        }

        if (probe.GetProperty("selectDisabled").GetBoolean() || probe.GetProperty("disabled").GetBoolean())
        {
            return NotInteractable(action, node, probe, "it or its select is disabled");
        }

        var index = probe.GetProperty("optionIndex").GetInt32();
        await NodeLocator(select).SelectOptionAsync(new SelectOptionValue { Index = index }, new LocatorSelectOptionOptions { Timeout = _actionTimeoutMs });
        return null;
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
            await Task.WhenAny(_downloadStarted.Task, Task.Delay(DownloadWait));
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

    private Failure HostNotAllowed(string url)
    {
        var why = HostAllowList.TryParseAbsolute(url, out var uri) ? _allowList.WhyNotAllowed(uri) : $"it is not on the allowed hosts ({_allowList.Describe()})";
        return new Failure(ActionFailureKind.HostNotAllowed, $"Navigation to {url} was blocked: {why}.");
    }

    private ActionResult Done(long started, Failure? failure)
    {
        var duration = Stopwatch.GetElapsedTime(started);
        var url = _disposed || _page.IsClosed ? null : _secrets.Mask(_page.Url);
        var result = failure is { } f ? Fail(f with { Message = _secrets.Mask(f.Message) }, url, duration) : ActionResult.Success(url, duration);
        return result with { LoadedDocument = _guard.DocumentRequests != _documentsBeforeAction };
    }

    private void OnDownload(object? sender, IDownload download)
    {
        _guard.ReportDownload(download.Url);
        _downloadStarted.TrySetResult();
    }

    private void OnExtraPage(object? sender, IPage page)
    {
        // Popups are turned into top-frame navigations by the single-page script; anything else that opens a page
        // (a pop-up from a script that kept a reference to window.open, say) is closed so the session keeps one page.
        if (page != _page)
        {
            _ = CloseQuietlyAsync(page);
        }
    }

    private BrowserUnavailableException Unavailable(Exception ex) =>
        new($"The browser session has gone away ({PlaywrightErrors.FirstLine(ex.Message)}); open a new session from the last checkpoint.", ex);

    private readonly record struct Failure(ActionFailureKind Kind, string Message);

    /// <summary>A same-origin iframe inlined in the latest observation: its node and the ids of its content.</summary>
    private readonly record struct FrameSpan(int IframeNode, int FirstNode, int LastNode)
    {
        public bool Contains(int node) => node >= FirstNode && node <= LastNode;
    }
}
