using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser;

/// <summary>
/// The Playwright implementation of <see cref="IBrowserHost"/>: one Playwright driver and one Chromium per process,
/// launched on the first <see cref="OpenSessionAsync"/>, relaunched on the next one after the browser disconnects.
/// Each session is its own browser context (cookies and storage isolated) with one page.
/// </summary>
public sealed partial class PlaywrightBrowserHost : IBrowserHost
{
    /// <summary>Switches every launch gets, before <see cref="BrowserOptions.ExtraArgs"/>.</summary>
    internal static readonly string[] BaseArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    private readonly BrowserOptions _options;
    private readonly ILogger<PlaywrightBrowserHost> _logger;
    private readonly TimeProvider _time;
    private readonly ISecretProvider _secrets;
    private readonly SemaphoreSlim _launchLock = new(1, 1);
    private readonly SemaphoreSlim _operations;
    private readonly int _operationSlots;
    private readonly ConcurrentDictionary<ThrottledBrowserSession, byte> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task? _housekeeping;
    private bool _disposed;
    private int _disposeStarted;
    private int _contextsSinceLaunch;
    private int _recycles;
    private int _swept;

    /// <summary>Creates the host; nothing is launched until the first session.</summary>
    public PlaywrightBrowserHost(IOptions<BrowserOptions> options, ILogger<PlaywrightBrowserHost> logger)
        : this(options, logger, TimeProvider.System)
    {
    }

    /// <summary>Creates the host with a secret provider; nothing is launched until the first session.</summary>
    public PlaywrightBrowserHost(IOptions<BrowserOptions> options, ILogger<PlaywrightBrowserHost> logger, ISecretProvider? secrets)
        : this(options, logger, TimeProvider.System, secrets)
    {
    }

    /// <summary>Creates the host with a clock for its idle sweeps and recycling checks.</summary>
    /// <param name="options">Launch options.</param>
    /// <param name="logger">The host's logger.</param>
    /// <param name="time">The clock of the idle sweeps and recycling checks.</param>
    /// <param name="secrets">Resolves the secret placeholders sessions type; <see langword="null"/> knows no secret.</param>
    public PlaywrightBrowserHost(IOptions<BrowserOptions> options, ILogger<PlaywrightBrowserHost> logger, TimeProvider time, ISecretProvider? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _logger = logger;
        _time = time;
        _secrets = secrets ?? NoSecrets.Instance;
        _operationSlots = Math.Max(1, _options.MaxConcurrentOperations);
        _operations = new SemaphoreSlim(_operationSlots);
    }

    /// <summary>The launched browser, if any (for tests that simulate a crash).</summary>
    internal IBrowser? Browser => _browser;

    /// <inheritdoc />
    public async Task<IBrowserSession> OpenSessionAsync(BrowserSessionOptions options, CancellationToken cancellationToken = default)
    {
        // Opening (context, first page load) takes a turn like every other browser operation of this process.
        var session = await ThrottledBrowserSession.RunAsync(() => OpenCoreAsync(options, cancellationToken), _operations, cancellationToken);
        var hosted = new ThrottledBrowserSession(session, _operations, _time, s => _sessions.TryRemove(s, out _));
        _sessions[hosted] = 0;
        return hosted;
    }

    private async Task<IBrowserSession> OpenCoreAsync(BrowserSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowList = new HostAllowList(options.AllowedHosts);
        var secrets = new SecretScope(_secrets, SecretNames(options));
        StorageStateSnapshot storage;
        try
        {
            storage = StorageStateSnapshot.Parse(options.StorageStateJson);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"StorageStateJson is not valid JSON ({ex.Message}); pass the text a checkpoint returned.", nameof(options), ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException($"StorageStateJson is not a Playwright storage state ({ex.Message}); pass the text a checkpoint returned.", nameof(options), ex);
        }

        if (options.Url is { } url)
        {
            if (!HostAllowList.TryParseAbsolute(url, out var uri))
            {
                throw new ArgumentException($"Url '{url}' is not an absolute URL.", nameof(options));
            }

            if (!allowList.IsAllowed(uri))
            {
                throw new ArgumentException($"Url '{url}' is not allowed: {allowList.WhyNotAllowed(uri).Replace("the allowed hosts", "AllowedHosts", StringComparison.Ordinal)}.", nameof(options));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var browser = await EnsureBrowserAsync(cancellationToken);
        var target = (options.StorageStateJson is null ? TakeWarm(browser) : null) ?? await NewPageAsync(browser, options.StorageStateJson);
        PlaywrightBrowserSession? session = null;
        try
        {
            session = await PlaywrightBrowserSession.CreateAsync(target, allowList, _options, storage, secrets, _logger, _time, options.BeforeRequestSent, options.IdempotencyKey);
            LogSessionOpened(_logger, allowList.Describe(), options.StorageStateJson is not null);
            if (options.Url is { } startUrl)
            {
                await session.LoadStartUrlAsync(startUrl, cancellationToken);
            }

            return session;
        }
        catch
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
            else
            {
                await CloseQuietlyAsync(target.Context);
            }

            throw;
        }
        finally
        {
            WarmUp();
        }
    }

    /// <summary>Closes Chromium and stops the Playwright driver. Open sessions stop working. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_housekeeping is not null)
        {
            await _housekeeping.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _warming; // never throws

        // The lock is not disposed: a launch may still be waiting on it, and it then sees _disposed.
        await _launchLock.WaitAsync();
        try
        {
            _disposed = true;
            if (_browser is not null)
            {
                try
                {
                    await _browser.CloseAsync();
                }
                catch (PlaywrightException ex)
                {
                    LogCloseFailed(_logger, ex);
                }
            }

            _playwright?.Dispose();
            _browser = null;
            _playwright = null;
            RemoveTempDirectory();
        }
        finally
        {
            _launchLock.Release();
        }
    }

    private async Task<IBrowser> EnsureBrowserAsync(CancellationToken cancellationToken)
    {
        var current = _browser;
        if (current is { IsConnected: true })
        {
            return current;
        }

        await _launchLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (_browser is not null)
            {
                LogRelaunching(_logger);
                try
                {
                    await _browser.DisposeAsync();
                }
                catch (PlaywrightException ex)
                {
                    LogCloseFailed(_logger, ex);
                }

                _browser = null;
            }

            // Checked before Playwright is involved, so the message is the install hint, not a driver stack trace.
            if (!File.Exists(_options.ExecutablePath))
            {
                throw new BrowserUnavailableException(
                    $"Chromium not found at {_options.ExecutablePath}: install it with `apt-get install -y chromium` " +
                    $"or set {BrowserOptions.SectionName}:{nameof(BrowserOptions.ExecutablePath)}.");
            }

            var started = _time.GetTimestamp();
            try
            {
                _playwright ??= await Playwright.CreateAsync();
            }
            catch (Exception ex) when (ex is PlaywrightException or InvalidOperationException or IOException)
            {
                throw new BrowserUnavailableException($"The Playwright driver could not start: {ex.Message}", ex);
            }

            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = _options.ExecutablePath,
                    Headless = _options.Headless,
                    Args = [.. BaseArgs, .. _options.ExtraArgs, _marker],
                    Env = BrowserEnvironment(NewTempDirectory()),
                    // Starting Chromium on a busy machine can take seconds; this is not a page-level limit.
                    Timeout = (float)Math.Max(LaunchTimeout.TotalMilliseconds, _options.NavigationTimeout.TotalMilliseconds),
                });
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // The driver may be what failed; start a fresh one on the next attempt.
                _playwright.Dispose();
                _playwright = null;
                throw new BrowserUnavailableException(
                    $"Chromium at {_options.ExecutablePath} failed to start: {PlaywrightErrors.FirstLine(ex.Message)}. " +
                    $"Check that it runs (`{_options.ExecutablePath} --headless --version`) or set {BrowserOptions.SectionName}:{nameof(BrowserOptions.ExecutablePath)}.",
                    ex);
            }

            _browser.Disconnected += OnBrowserDisconnected;
            _contextsSinceLaunch = 0;
            _reported = this;
            _housekeeping ??= Task.Run(() => KeepHouseAsync(_stopping.Token), CancellationToken.None);
            LogLaunched(_logger, _options.ExecutablePath, _browser.Version, _time.GetElapsedTime(started).TotalMilliseconds);
            return _browser;
        }
        finally
        {
            _launchLock.Release();
        }
    }

    private void OnBrowserDisconnected(object? sender, IBrowser browser)
    {
        if (!_disposed)
        {
            LogDisconnected(_logger, _options.ExecutablePath);
        }
    }
}
