using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.Browser.Tests;

/// <summary>One long-lived Chromium kept healthy: contexts and renderers go away with their sessions, sessions nobody
/// uses are swept, the browser is recycled after many contexts, and the stats say what it holds. Each test owns its host
/// (and Chromium), so the counts are its own.</summary>
public sealed class BrowserLifecycleTests : IAsyncLifetime
{
    private TestSite? _site;

    private TestSite Site => _site!;

    public async Task InitializeAsync()
    {
        BrowserFixture.RequireChromium();
        _site = await TestSite.StartAsync();
    }

    public async Task DisposeAsync() => await _site!.DisposeAsync();

    [Fact]
    public async Task GetStats_SessionsOpenedThenClosed_RenderersAndContextsReturnToTheirIdleValues()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, WarmContexts = 0 });
        await using (await OpenAsync(host))
        {
        }

        var idle = await EventuallyStableAsync(host);
        var sessions = new List<IBrowserSession>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await OpenAsync(host));
        }

        var busy = await host.GetStatsAsync();
        Assert.Equal(3, busy.Contexts);
        Assert.True(busy.Renderers >= idle.Renderers + 3, $"3 open pages should add renderers: idle {idle.Renderers}, busy {busy.Renderers}");
        Assert.True(busy.MemoryBytes > idle.MemoryBytes, "open pages should use memory");

        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        var after = await EventuallyStableAsync(host);
        Assert.Equal(0, after.Contexts);
        Assert.True(after.Renderers <= idle.Renderers, $"renderers did not return to idle: idle {idle.Renderers}, after {after.Renderers}");
        Assert.Equal(4, after.ContextsSinceLaunch);
    }

    [Fact]
    public async Task KeepHouse_SessionUnusedBeyondTheIdleTimeout_IsClosedAndRefusesItsOwner()
    {
        var time = new FakeTimeProvider();
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, IdleSessionTimeout = TimeSpan.FromMinutes(10), HousekeepingPeriod = TimeSpan.FromDays(1) }, time);
        var idle = await OpenAsync(host);
        time.Advance(TimeSpan.FromMinutes(9));
        var used = await OpenAsync(host);
        time.Advance(TimeSpan.FromMinutes(1));
        await used.ObserveAsync();

        var (swept, recycled) = await host.KeepHouseOnceAsync(CancellationToken.None);

        Assert.Equal(1, swept);
        Assert.False(recycled);
        var refused = await Assert.ThrowsAsync<BrowserUnavailableException>(() => idle.ObserveAsync());
        Assert.Contains("unused for 10 min", refused.Message, StringComparison.Ordinal);
        Assert.NotNull((await used.ObserveAsync()).Dom);
        Assert.Equal(1, (await host.GetStatsAsync()).Contexts);
        Assert.Equal(1, (await host.GetStatsAsync()).SweptSessions);
    }

    [Fact]
    public async Task KeepHouse_ContextsBeyondTheLimit_RecyclesAndTheNextSessionGetsAFreshBrowser()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, RecycleAfterContexts = 3, WarmContexts = 0 });
        var open = await OpenAsync(host);
        await (await OpenAsync(host)).DisposeAsync();
        Assert.False((await host.KeepHouseOnceAsync(CancellationToken.None)).Recycled);
        await (await OpenAsync(host)).DisposeAsync();

        var (_, recycled) = await host.KeepHouseOnceAsync(CancellationToken.None);

        Assert.True(recycled);
        var stats = await host.GetStatsAsync();
        Assert.Equal(new BrowserStats(false, 0, 0, 0, 0, 3, 1, 0), stats);
        var refused = await Assert.ThrowsAsync<BrowserUnavailableException>(() => open.ExecuteAsync(BrowserAction.Scroll()));
        Assert.Contains("the browser was recycled (3 contexts opened since launch, the limit is 3)", refused.Message, StringComparison.Ordinal);

        await using var fresh = await OpenAsync(host);
        Assert.NotNull((await fresh.ObserveAsync()).Dom);
        stats = await host.GetStatsAsync();
        Assert.True(stats.Launched);
        Assert.Equal(1, stats.ContextsSinceLaunch);
        Assert.Equal(1, stats.Recycles);
    }

    [Fact]
    public async Task Recycle_WhileAnOperationRuns_WaitsForIt()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, MaxConcurrentOperations = 2 });
        var session = await OpenAsync(host);
        var busy = session.ExecuteAsync(BrowserAction.Goto(Site.Url("/slow?ms=1500")));

        // The server holds the page 1.5 s from the moment it has the request: the navigation is in flight from here on.
        await Eventually.TrueAsync(() => Site.Requests.Any(r => r.EndsWith("/slow?ms=1500", StringComparison.Ordinal)), "the navigation to reach the server");

        await host.RecycleAsync("test", CancellationToken.None);

        Assert.True(busy.IsCompleted, "the recycle did not wait for the navigation in flight");
        Assert.True((await busy).Succeeded, (await busy).ToString());
        await Assert.ThrowsAsync<BrowserUnavailableException>(() => session.ObserveAsync());
    }

    [Fact]
    public async Task WarmContexts_ANewSessionStartsOnTheWarmContextAndAnotherIsMadeAfterIt()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, WarmContexts = 1 });
        await using (var first = await OpenAsync(host))
        {
            // A cookie of this session's own; the warm context must never see it.
            Assert.True((await first.ExecuteAsync(BrowserAction.Goto(Site.Url("/login.html")))).Succeeded);
            var login = await first.ObserveAsync();
            Assert.True((await first.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(login, "name"), "ann"))).Succeeded);
            Assert.True((await first.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(login, "login-btn")))).Succeeded);
        }

        var warmed = await WarmAsync(host);
        Assert.Equal((0, 2), (warmed.Contexts, warmed.ContextsSinceLaunch)); // the first session's, then the warm one

        await using var second = await OpenAsync(host);

        var taken = await host.GetStatsAsync();
        Assert.Equal((1, 0, 2), (taken.Contexts, taken.WarmContexts, taken.ContextsSinceLaunch)); // no context was created for it
        Assert.Equal("Basic page", (await second.ObserveAsync()).Title);
        Assert.True((await second.ExecuteAsync(BrowserAction.Goto(Site.Url("/account")))).Succeeded);
        Assert.DoesNotContain("ann", (await second.ObserveAsync()).Dom, StringComparison.Ordinal);
        var foreign = await second.ExecuteAsync(BrowserAction.Goto($"http://{Site.ForeignHost}/basic.html"));
        Assert.Equal(ActionFailureKind.HostNotAllowed, foreign.Failure); // the session's own guard holds on it

        var again = await WarmAsync(host);
        Assert.Equal((1, 3), (again.Contexts, again.ContextsSinceLaunch));
    }

    [Fact]
    public async Task WarmContexts_ASessionRestoringStorageState_OpensAContextOfItsOwn()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, WarmContexts = 1 });
        string storage;
        await using (var first = await OpenAsync(host))
        {
            storage = (await first.CheckpointAsync()).StorageStateJson;
        }

        var warmed = await WarmAsync(host);

        await using var restored = await host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [Site.Host], Url = Site.Url("/basic.html"), StorageStateJson = storage });

        var stats = await host.GetStatsAsync();
        Assert.Equal((1, 1, warmed.ContextsSinceLaunch + 1), (stats.Contexts, stats.WarmContexts, stats.ContextsSinceLaunch));
    }

    [Fact]
    public async Task WarmContexts_ARecycle_DropsThemAndTheNextSessionWarmsTheNewBrowser()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, WarmContexts = 1 });
        await (await OpenAsync(host)).DisposeAsync();
        await WarmAsync(host);

        await host.RecycleAsync("test", CancellationToken.None);

        Assert.Equal(0, (await host.GetStatsAsync()).WarmContexts);
        await using var fresh = await OpenAsync(host);
        Assert.Equal("Basic page", (await fresh.ObserveAsync()).Title);
        var warmed = await WarmAsync(host);
        Assert.Equal(2, warmed.ContextsSinceLaunch); // the fresh session's, then a warm one on the new browser
    }

    [Fact]
    public async Task WarmContexts_Zero_MakesNone()
    {
        await using var host = CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, WarmContexts = 0 });
        await (await OpenAsync(host)).DisposeAsync();

        await Task.Delay(PlaywrightBrowserHost.WarmDelay * 2);

        var stats = await host.GetStatsAsync();
        Assert.Equal((0, 1), (stats.WarmContexts, stats.ContextsSinceLaunch));
    }

    private static Task<BrowserStats> WarmAsync(IBrowserHost host) =>
        Eventually.ValueAsync(() => host.GetStatsAsync(), stats => stats.WarmContexts == 1, "a warm context to be made", describe: stats => stats.ToString());

    private Task<IBrowserSession> OpenAsync(IBrowserHost host) =>
        host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [Site.Host], Url = Site.Url("/basic.html") });

    private static PlaywrightBrowserHost CreateHost(BrowserOptions options, TimeProvider? time = null) =>
        new(Options.Create(options), NullLogger<PlaywrightBrowserHost>.Instance, time ?? TimeProvider.System);

    /// <summary>Renderer processes exit a moment after their context closes: the stats once three readings in a row (at
    /// least 100 ms from first to last) agree on the browser's contexts and processes. Memory is not waited for: it keeps
    /// moving a little in an idle browser.</summary>
    private static Task<BrowserStats> EventuallyStableAsync(IBrowserHost host) =>
        Eventually.StableAsync(
            () => host.GetStatsAsync(),
            stats => (stats.Launched, stats.Contexts, stats.Renderers, stats.Processes, stats.ContextsSinceLaunch),
            reads: 3,
            "the browser's contexts and processes to settle",
            describe: stats => stats.ToString());
}
