using System.Diagnostics.Metrics;

namespace ScribeActors.Browser;

/// <summary>Keeping one long-lived Chromium healthy: sessions nobody uses are closed, the browser is recycled after
/// many contexts or above a memory ceiling, and what it holds is reported (<see cref="GetStatsAsync"/>, metrics).</summary>
public sealed partial class PlaywrightBrowserHost
{
    /// <summary>The name of the meter the host reports on.</summary>
    public const string MeterName = "ScribeActors.Browser";

    private static readonly Meter Meter = new(MeterName);

    // The host the metrics describe: the one that launched a browser last (a silo has one host).
    private static PlaywrightBrowserHost? _reported;
    private BrowserStats? _lastStats;

    // A switch Chromium ignores, on the browser process's command line, so this host finds its own processes.
    private readonly string _marker = $"--scribe-host={Guid.NewGuid():N}";

    static PlaywrightBrowserHost()
    {
        Meter.CreateObservableGauge("scribe.browser.contexts", () => _reported?._sessions.Count ?? 0, description: "Open browser contexts");
        Meter.CreateObservableGauge("scribe.browser.renderers", () => _reported?._lastStats?.Renderers ?? 0, description: "Chromium renderer processes");
        Meter.CreateObservableGauge("scribe.browser.memory", () => _reported?._lastStats?.MemoryBytes ?? 0, unit: "By", description: "Memory of the Chromium processes (PSS)");
        Meter.CreateObservableGauge("scribe.browser.contexts.warm", () => _reported?._warm.Count ?? 0, description: "Browser contexts made ahead of need, not yet taken");
        Meter.CreateObservableCounter("scribe.browser.recycles", () => _reported?._recycles ?? 0, description: "Browser recycles");
        Meter.CreateObservableCounter("scribe.browser.sessions.swept", () => _reported?._swept ?? 0, description: "Idle sessions closed");
    }

    /// <inheritdoc />
    public Task<BrowserStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var reading = _browser is { IsConnected: true } ? ChromiumProcesses.Read(_marker) : new ChromiumProcesses.Reading(0, 0, 0);
        var stats = new BrowserStats(
            _browser is { IsConnected: true },
            _sessions.Count,
            reading?.Renderers,
            reading?.Processes,
            reading?.MemoryBytes,
            Volatile.Read(ref _contextsSinceLaunch),
            Volatile.Read(ref _recycles),
            Volatile.Read(ref _swept),
            _warm.Count);
        _lastStats = stats;
        return Task.FromResult(stats);
    }

    /// <summary>Closes the sessions idle longer than <see cref="BrowserOptions.IdleSessionTimeout"/>, then recycles the
    /// browser when it is due. Returns what was done (for tests).</summary>
    internal async Task<(int Swept, bool Recycled)> KeepHouseOnceAsync(CancellationToken cancellationToken)
    {
        var swept = 0;
        foreach (var session in _sessions.Keys)
        {
            if (_options.IdleSessionTimeout > TimeSpan.Zero && session.IdleFor >= _options.IdleSessionTimeout)
            {
                await session.CloseAsync($"unused for {_options.IdleSessionTimeout.TotalMinutes:0.#} min");
                Interlocked.Increment(ref _swept);
                swept++;
            }
        }

        if (swept > 0)
        {
            LogSwept(_logger, swept, _options.IdleSessionTimeout.TotalMinutes);
        }

        var stats = await GetStatsAsync(cancellationToken);
        var tooMany = _options.RecycleAfterContexts > 0 && stats.ContextsSinceLaunch >= _options.RecycleAfterContexts;
        var tooBig = _options.RecycleAboveMemoryMB > 0 && stats.MemoryBytes > _options.RecycleAboveMemoryMB * 1024L * 1024L;
        if (stats.Launched && (tooMany || tooBig))
        {
            await RecycleAsync(tooMany
                ? $"{stats.ContextsSinceLaunch} contexts opened since launch, the limit is {_options.RecycleAfterContexts}"
                : $"{stats.MemoryBytes / (1024 * 1024)} MB in use, the ceiling is {_options.RecycleAboveMemoryMB} MB", cancellationToken);
            return (swept, true);
        }

        return (swept, false);
    }

    /// <summary>
    /// Closes the browser at a moment no operation runs (it takes every operation slot, so operations in flight finish
    /// first and new ones wait) and lets the next session launch a fresh one. Open sessions are closed with it: their
    /// owners' next operation fails with <see cref="BrowserUnavailableException"/> and they rebuild from their checkpoints.
    /// </summary>
    internal async Task RecycleAsync(string why, CancellationToken cancellationToken)
    {
        var taken = 0;
        try
        {
            for (; taken < _operationSlots; taken++)
            {
                await _operations.WaitAsync(cancellationToken);
            }

            await _launchLock.WaitAsync(cancellationToken);
            try
            {
                if (_browser is not { } browser)
                {
                    return;
                }

                var open = _sessions.Keys.ToList();
                foreach (var session in open)
                {
                    session.MarkClosed($"the browser was recycled ({why})");
                }

                _browser = null;
                DropWarm();
                try
                {
                    await browser.CloseAsync();
                }
                catch (Microsoft.Playwright.PlaywrightException ex)
                {
                    LogCloseFailed(_logger, ex);
                }

                Interlocked.Increment(ref _recycles);
                LogRecycled(_logger, why, open.Count);
            }
            finally
            {
                _launchLock.Release();
            }
        }
        finally
        {
            if (taken > 0)
            {
                _operations.Release(taken);
            }
        }
    }

    private async Task KeepHouseAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HousekeepingPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await KeepHouseOnceAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHousekeepingFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
