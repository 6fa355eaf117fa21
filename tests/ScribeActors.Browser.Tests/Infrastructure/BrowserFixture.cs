using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ScribeActors.Browser.Tests.Infrastructure;

/// <summary>One test site and one <see cref="PlaywrightBrowserHost"/> (one Chromium) per test collection; each test opens
/// its own session. Chromium is a real dependency: without it every test in the collection fails with the reason.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private TestSite? _site;
    private PlaywrightBrowserHost? _host;

    public TestSite Site => _site ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IBrowserHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public static void RequireChromium()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"These tests drive a real Chromium and it is missing at {ChromiumPath}: install it with `apt-get install -y chromium` (Debian/Ubuntu).");
        }
    }

    public static PlaywrightBrowserHost CreateHost(BrowserOptions? options = null) =>
        new(Options.Create(options ?? new BrowserOptions { ExecutablePath = ChromiumPath }), NullLogger<PlaywrightBrowserHost>.Instance);

    public async Task InitializeAsync()
    {
        RequireChromium();
        _site = await TestSite.StartAsync();
        _host = CreateHost();
    }

    /// <summary>Opens a session allowed to reach the test site, optionally on a page of it.</summary>
    public Task<IBrowserSession> OpenAsync(string? path = null, params string[] extraHosts) =>
        Host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [Site.Host, .. extraHosts],
            Url = path is null ? null : Site.Url(path),
        });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}

/// <summary>Tests of observation and node ids.</summary>
[CollectionDefinition(Name)]
public sealed class DomCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser: DOM capture";
}

/// <summary>Tests of actions, navigation and checkpoints.</summary>
[CollectionDefinition(Name)]
public sealed class ActionCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser: actions";
}
