using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser;

/// <summary>One browser context with one page: observation, actions and checkpoints.</summary>
/// <remarks>This part holds the lifecycle (creation, the start page, page events, disposal) and the page-script
/// evaluation the other parts share. The rest lives by concern: <c>.Observation</c>, <c>.Readiness</c>, <c>.Actions</c>,
/// <c>.Navigation</c>, <c>.Checkpoints</c>, <c>.Failures</c>, <c>.Secrets</c>, <c>.ServerCheck</c> and <c>.Log</c>.</remarks>
internal sealed partial class PlaywrightBrowserSession : IBrowserSession
{
    private readonly IBrowserContext _context;
    private readonly IPage _page;
    private readonly ICDPSession _devTools;
    private readonly NavigationGuard _guard;
    private readonly HostAllowList _allowList;
    private readonly BrowserOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly float _actionTimeoutMs;
    private readonly float _navigationTimeoutMs;

    private readonly StorageStateSnapshot _storage;
    private readonly SecretScope _secrets;
    private bool _disposed;

    private PlaywrightBrowserSession(IBrowserContext context, IPage page, ICDPSession devTools, NavigationGuard guard, HostAllowList allowList, BrowserOptions options, StorageStateSnapshot storage, SecretScope secrets, ILogger logger, TimeProvider time)
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
        _time = time;
        _actionTimeoutMs = (float)options.ActionTimeout.TotalMilliseconds;
        _navigationTimeoutMs = (float)options.NavigationTimeout.TotalMilliseconds;
    }

    public string Url => _secrets.Mask(_page.Url);

    /// <summary>Guards the navigations of <paramref name="target"/>'s page (its context made by the host, timeouts set
    /// and the single-page script installed) and starts following its events. The session's waits, and how long what it
    /// saw of the page stands for it, run on <paramref name="time"/>.</summary>
    public static async Task<PlaywrightBrowserSession> CreateAsync(BrowserPage target, HostAllowList allowList, BrowserOptions options, StorageStateSnapshot storage, SecretScope secrets, ILogger logger, TimeProvider time, Func<SentRequest, Task>? beforeSent = null, Func<SentRequest, string?>? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (_, context, page, devTools) = target;
        var inProgressWindow = TimeSpan.FromTicks(Math.Min(options.KeyInProgressWait.Ticks, options.NavigationTimeout.Ticks / 2));
        var guard = await NavigationGuard.StartAsync(devTools, allowList, logger, secrets.Mask, beforeSent, idempotencyKey, time, inProgressWindow);
        var session = new PlaywrightBrowserSession(context, page, devTools, guard, allowList, options, storage, secrets, logger, time);
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

    private void OnExtraPage(object? sender, IPage page)
    {
        // Popups are turned into top-frame navigations by the single-page script; anything else that opens a page
        // (a pop-up from a script that kept a reference to window.open, say) is closed so the session keeps one page.
        if (page != _page)
        {
            _ = CloseQuietlyAsync(page);
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
    private async Task<T> Bounded<T>(Task<T> evaluation, TimeSpan limit, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await evaluation.WaitAsync(limit, _time, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            _ = evaluation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s; the page may be busy running a script.", ex);
        }
    }
}
