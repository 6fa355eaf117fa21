using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.Browser.Tests;

/// <summary>Host lifecycle: missing Chromium, malformed session options, relaunch after a crash, timeouts.
/// Each test owns its host (and Chromium), so these run beside the shared-browser collections.</summary>
public sealed class PlaywrightBrowserHostTests
{
    [Fact]
    public async Task OpenSession_ExecutableMissing_ThrowsBrowserUnavailableWithInstallHint()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "chromium");
        await using var host = BrowserFixture.CreateHost(new BrowserOptions { ExecutablePath = missing });

        var ex = await Assert.ThrowsAsync<BrowserUnavailableException>(
            () => host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"] }));

        Assert.Equal($"Chromium not found at {missing}: install it with `apt-get install -y chromium` or set Scribe:Browser:ExecutablePath.", ex.Message);
    }

    [Fact]
    public async Task OpenSession_ExecutableThatIsNotABrowser_ThrowsBrowserUnavailableSayingItFailedToStart()
    {
        const string notABrowser = "/bin/true";
        Assert.True(File.Exists(notABrowser), $"{notABrowser} is expected on every Linux machine.");
        await using var host = BrowserFixture.CreateHost(new BrowserOptions { ExecutablePath = notABrowser });

        var ex = await Assert.ThrowsAsync<BrowserUnavailableException>(
            () => host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"] }));

        Assert.StartsWith($"Chromium at {notABrowser} failed to start: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmlessAndLaterSessionsAreRefused()
    {
        var host = BrowserFixture.CreateHost();

        await host.DisposeAsync();
        await host.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"] }));
    }

    public static TheoryData<string, BrowserSessionOptions, string> MalformedOptions => new()
    {
        { "blank host", new BrowserSessionOptions { AllowedHosts = ["127.0.0.1", " "] }, "AllowedHosts[1] is empty" },
        { "url as host", new BrowserSessionOptions { AllowedHosts = ["http://127.0.0.1:5000/"] }, "looks like a URL" },
        { "state not json", new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"], StorageStateJson = "{cookies" }, "StorageStateJson is not valid JSON" },
        { "state of another shape", new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"], StorageStateJson = "{\"origins\":[{\"origin\":5,\"localStorage\":[]}]}" }, "StorageStateJson is not a Playwright storage state" },
        { "relative url", new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"], Url = "/account" }, "'/account' is not an absolute URL" },
        { "foreign url", new BrowserSessionOptions { AllowedHosts = ["127.0.0.1:5000"], Url = "http://example.com/" }, "host 'example.com' is not in AllowedHosts (127.0.0.1:5000)" },
    };

    [Theory]
    [MemberData(nameof(MalformedOptions))]
    public async Task OpenSession_MalformedOptions_ThrowsArgumentExceptionNamingTheProblem(string label, BrowserSessionOptions options, string reason)
    {
        await using var host = BrowserFixture.CreateHost();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => host.OpenSessionAsync(options));

        Assert.True(ex.Message.Contains(reason, StringComparison.Ordinal), $"{label}: {ex.Message}");
    }

    [Fact]
    public async Task OpenSession_AfterChromiumWentAway_RelaunchesIt()
    {
        BrowserFixture.RequireChromium();
        await using var site = await TestSite.StartAsync();
        await using var host = BrowserFixture.CreateHost();
        var options = new BrowserSessionOptions { AllowedHosts = [site.Host], Url = site.Url("basic.html") };
        var orphan = await host.OpenSessionAsync(options);
        var firstObservation = await orphan.ObserveAsync();

        await host.Browser!.CloseAsync();

        var orphanResult = await orphan.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(firstObservation, "counter")));
        Assert.Equal(ActionFailureKind.BrowserUnavailable, orphanResult.Failure);
        await Assert.ThrowsAsync<BrowserUnavailableException>(() => orphan.ObserveAsync());
        await orphan.DisposeAsync();

        await using var fresh = await host.OpenSessionAsync(options);
        Assert.Equal("Basic page", (await fresh.ObserveAsync()).Title);
        Assert.True(host.Browser!.IsConnected);
    }

    [Fact]
    public async Task ChromiumKilled_ItsTempFilesAreRemovedAtTheRelaunchAndTheLastOnesAtDispose()
    {
        BrowserFixture.RequireChromium();
        await using var site = await TestSite.StartAsync();
        var host = BrowserFixture.CreateHost();
        var options = new BrowserSessionOptions { AllowedHosts = [site.Host], Url = site.Url("basic.html") };
        var first = await host.OpenSessionAsync(options);
        var killed = host.TempDirectory!;
        Assert.NotEmpty(Directory.GetDirectories(killed, "org.chromium.Chromium.*")); // Chromium's own temp files go there

        using (var kill = System.Diagnostics.Process.Start("pkill", ["-9", "-f", host.Marker.TrimStart('-')]))
        {
            await kill!.WaitForExitAsync();
        }

        await Eventually.TrueAsync(() => !host.Browser!.IsConnected, "the killed browser is seen disconnected");
        Assert.True(Directory.Exists(killed), "a killed Chromium leaves its temp files behind");
        await first.DisposeAsync();

        await using (var fresh = await host.OpenSessionAsync(options))
        {
            Assert.Equal("Basic page", (await fresh.ObserveAsync()).Title);
            Assert.False(Directory.Exists(killed), $"the killed browser's temp folder is removed when the next one is launched: {killed}");
            Assert.NotEqual(killed, host.TempDirectory);
        }

        var last = host.TempDirectory!;
        await host.DisposeAsync();
        Assert.False(Directory.Exists(last), $"the host removes its browser's temp folder when disposed: {last}");
    }

    [Fact]
    public async Task Launch_TempFolderOfAHostProcessThatIsGone_IsRemoved()
    {
        BrowserFixture.RequireChromium();
        // No process has the largest pid: this is the folder a silo killed with its browser left behind.
        var orphan = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"scribe-chromium-{int.MaxValue}-{Guid.NewGuid():N}-1"));
        File.WriteAllText(Path.Combine(orphan.FullName, "left-behind"), "x");
        await using var host = BrowserFixture.CreateHost();

        await using (await host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"] }))
        {
            Assert.False(orphan.Exists || Directory.Exists(orphan.FullName), $"the orphaned temp folder is removed: {orphan.FullName}");
        }
    }

    [Fact]
    public async Task Goto_PageThatNeverLoads_FailsWithTimeout()
    {
        BrowserFixture.RequireChromium();
        await using var site = await TestSite.StartAsync();
        await using var host = BrowserFixture.CreateHost(new BrowserOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            NavigationTimeout = TimeSpan.FromSeconds(1),
        });
        await using var session = await host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [site.Host] });

        var result = await session.ExecuteAsync(BrowserAction.Goto(site.Url("never")));

        // Playwright's own default would also time out, after 30 s: the message names the limit it went by, the 1 s set here.
        Assert.True(result.Failure == ActionFailureKind.Timeout, result.ToString());
        Assert.Contains("Timeout 1000ms exceeded", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_PageStuckInAScriptLoop_ThrowsTimeoutAndActionsFailWithTimeout()
    {
        BrowserFixture.RequireChromium();
        await using var site = await TestSite.StartAsync();
        await using var host = BrowserFixture.CreateHost(new BrowserOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            // Short enough to keep the test quick, long enough that loading the page itself never hits it on a busy
            // 2-core CI machine (1 s did, once).
            ActionTimeout = TimeSpan.FromSeconds(3),
            NavigationTimeout = TimeSpan.FromSeconds(3),
        });
        await using var session = await host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [site.Host], Url = site.Url("busy.html") });
        var observation = await session.ObserveAsync();
        var spin = Dom.NodeOf(observation, "spin");
        var clicked = await session.ExecuteAsync(BrowserAction.Click(spin));
        Assert.True(clicked.Succeeded, clicked.ToString());

        // The page starts its loop 500 ms after the click: observe until an observation meets it (each one before
        // that returns at once) rather than sleeping past the start.
        var ex = await Eventually.ValueAsync<TimeoutException?>(
            async () =>
            {
                try
                {
                    await session.ObserveAsync();
                    return null;
                }
                catch (TimeoutException timeout)
                {
                    return timeout;
                }
            },
            timeout => timeout is not null,
            "an observation of the spinning page to time out");
        var result = await session.ExecuteAsync(BrowserAction.Click(spin));

        Assert.Contains("busy", ex!.Message, StringComparison.Ordinal);
        Assert.True(result.Failure == ActionFailureKind.Timeout, result.ToString());
    }

    [Fact]
    public async Task OpenSession_UrlThatCannotLoad_ThrowsInvalidOperationNamingTheError()
    {
        BrowserFixture.RequireChromium();
        await using var host = BrowserFixture.CreateHost();
        var url = $"http://127.0.0.1:{TestSite.ClosedPort()}/";

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"], Url = url }));

        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ERR_CONNECTION_REFUSED", ex.Message, StringComparison.Ordinal);
    }
}
