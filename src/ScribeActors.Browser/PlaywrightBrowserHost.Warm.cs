using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ScribeActors.Browser;

/// <summary>Fresh contexts made ahead of need (<see cref="BrowserOptions.WarmContexts"/>): a new workflow's session
/// starts on one instead of waiting for Chromium to create a context, its page and their renderer. A warm context has
/// loaded nothing and belongs to no one; a session that restores a checkpoint's storage state still gets a new one.</summary>
public sealed partial class PlaywrightBrowserHost
{
    /// <summary>How long after a session opened the host makes the next warm context: not while that session loads its
    /// first page and takes its first action.</summary>
    internal static readonly TimeSpan WarmDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<BrowserPage> _warm = new();
    private Task _warming = Task.CompletedTask;
    private int _warmingNow;

    /// <summary>Creates a context with its page and DevTools session on <paramref name="browser"/>, counted for recycling.</summary>
    private async Task<BrowserPage> NewPageAsync(IBrowser browser, string? storageStateJson)
    {
        Interlocked.Increment(ref _contextsSinceLaunch);
        IBrowserContext context;
        try
        {
            context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = _options.ViewportWidth, Height = _options.ViewportHeight },
                StorageState = storageStateJson,
                // Requests a service worker answers never reach the router, so the allow-list could not hold for them.
                ServiceWorkers = ServiceWorkerPolicy.Block,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new BrowserUnavailableException($"Chromium at {_options.ExecutablePath} could not open a browser context: {ex.Message}", ex);
        }

        try
        {
            context.SetDefaultTimeout((float)_options.ActionTimeout.TotalMilliseconds);
            context.SetDefaultNavigationTimeout((float)_options.NavigationTimeout.TotalMilliseconds);
            await context.AddInitScriptAsync(BrowserScripts.SinglePage);
            var page = await context.NewPageAsync();
            return new BrowserPage(browser, context, page, await context.NewCDPSessionAsync(page));
        }
        catch
        {
            await CloseQuietlyAsync(context);
            throw;
        }
    }

    /// <summary>A warm page of <paramref name="browser"/>, if one is ready; any left from an earlier browser are dropped.</summary>
    private BrowserPage? TakeWarm(IBrowser browser)
    {
        while (_warm.TryDequeue(out var warm))
        {
            if (ReferenceEquals(warm.Browser, browser) && browser.IsConnected && !warm.Page.IsClosed)
            {
                return warm;
            }

            _ = CloseQuietlyAsync(warm.Context);
        }

        return null;
    }

    /// <summary>Starts making warm contexts up to <see cref="BrowserOptions.WarmContexts"/>, after <see cref="WarmDelay"/>,
    /// one at a time, each in an operation slot like any browser operation, on the browser already running (warming
    /// never launches one).</summary>
    private void WarmUp()
    {
        if (_options.WarmContexts <= 0 || _warm.Count >= _options.WarmContexts || Interlocked.Exchange(ref _warmingNow, 1) == 1)
        {
            return;
        }

        _warming = WarmUpAsync();
    }

    private async Task WarmUpAsync()
    {
        try
        {
            await Task.Delay(WarmDelay, _time, _stopping.Token);
            while (_warm.Count < _options.WarmContexts && _browser is { IsConnected: true } browser)
            {
                await _operations.WaitAsync(_stopping.Token);
                try
                {
                    if (ReferenceEquals(_browser, browser))
                    {
                        _warm.Enqueue(await NewPageAsync(browser, null));
                    }
                }
                finally
                {
                    _operations.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is being disposed.
        }
        catch (Exception ex)
        {
            // A browser that went away meanwhile; the next session opens a context the usual way and warming starts again.
            LogWarmingFailed(_logger, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _warmingNow, 0);
        }
    }

    /// <summary>Forgets the warm contexts (their browser is being closed, which closes them).</summary>
    private void DropWarm()
    {
        while (_warm.TryDequeue(out _))
        {
        }
    }

    private async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync();
        }
        catch (PlaywrightException ex)
        {
            LogCloseFailed(_logger, ex);
        }
    }
}
