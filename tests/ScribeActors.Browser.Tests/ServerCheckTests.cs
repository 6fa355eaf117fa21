using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

/// <summary>Server checks (success criteria) sent by a real Chromium context's request client.</summary>
[Collection(ActionCollection.Name)]
public sealed class ServerCheckTests(BrowserFixture fixture)
{
    private static ServerCheckRequest Check(string url, double seconds = 5) => new() { Url = url, Timeout = TimeSpan.FromSeconds(seconds) };

    [Fact]
    public async Task CheckAsync_AfterSignIn_SendsTheSessionCookies()
    {
        await using var session = await fixture.OpenAsync("login.html");
        var before = await session.CheckAsync(Check(fixture.Site.Url("api/signed-in")));

        var login = await session.ObserveAsync();
        Assert.True((await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(login, "name"), "alice"))).Succeeded);
        Assert.True((await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(login, "login-btn")))).Succeeded);
        var after = await session.CheckAsync(Check(fixture.Site.Url("api/signed-in")));

        Assert.Equal(401, before.Status);
        Assert.False(before.Passed);
        Assert.Equal("nobody is signed in", before.Body);
        Assert.Equal(200, after.Status);
        Assert.True(after.Passed, after.ToString());
        Assert.Equal("signed in as alice", after.Body);
        Assert.Null(after.Error);
    }

    [Fact]
    public async Task CheckAsync_RestoredFromACheckpoint_StillCarriesTheCookies()
    {
        BrowserCheckpoint checkpoint;
        await using (var first = await fixture.OpenAsync("login.html"))
        {
            var login = await first.ObserveAsync();
            await first.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(login, "name"), "bob"));
            await first.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(login, "login-btn")));
            checkpoint = await first.CheckpointAsync();
        }

        await using var rebuilt = await fixture.Host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [fixture.Site.Host],
            StorageStateJson = checkpoint.StorageStateJson,
        });

        var result = await rebuilt.CheckAsync(Check(fixture.Site.Url("api/signed-in")));

        Assert.True(result.Passed, result.ToString());
        Assert.Equal("signed in as bob", result.Body);
    }

    [Fact]
    public async Task CheckAsync_HostOffTheAllowList_IsNotFetched()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var url = $"http://{fixture.Site.ForeignHost}/api/signed-in?tag={Guid.NewGuid():N}";

        var result = await session.CheckAsync(Check(url));

        Assert.False(result.Passed);
        Assert.Null(result.Status);
        Assert.Contains("not fetched", result.Error, StringComparison.Ordinal);
        Assert.Contains($"host '{fixture.Site.ForeignHost}' is not in the allowed hosts", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Site.Requests, r => r.Contains(url[(url.IndexOf("?tag=", StringComparison.Ordinal) + 1)..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_RedirectOffTheAllowList_IsNotFollowed()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var tag = Guid.NewGuid().ToString("N");

        var result = await session.CheckAsync(Check(fixture.Site.Url($"redirect-away?tag={tag}")));

        Assert.False(result.Passed);
        Assert.Equal(302, result.Status);
        Assert.Contains("redirects to http://localhost:", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Site.Requests, r => r.StartsWith("localhost", StringComparison.Ordinal) && r.Contains(tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_ServerUnreachable_ReportsItWithoutThrowing()
    {
        var port = TestSite.ClosedPort();
        await using var open = await fixture.Host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"] });

        var result = await open.CheckAsync(Check($"http://127.0.0.1:{port}/api/done"));

        Assert.False(result.Passed);
        Assert.Null(result.Status);
        Assert.StartsWith("unreachable:", result.Error, StringComparison.Ordinal);
        Assert.Contains("ECONNREFUSED", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NoAnswerInTime_ReportsTheTimeout()
    {
        await using var session = await fixture.OpenAsync("basic.html");

        var result = await session.CheckAsync(Check(fixture.Site.Url("slow?ms=5000"), seconds: 0.5));

        Assert.False(result.Passed);
        Assert.Null(result.Status);
        // The server answers 200 after 5 s, so a check that had waited for it would have come back with that status: the
        // timeout's wording and the missing status prove it gave up at its limit, with no wall-clock bound here.
        Assert.Equal("no answer within 0.5 s", result.Error);
    }

    [Fact]
    public async Task CheckAsync_LeavesThePageAlone()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var before = await session.ObserveAsync();

        await session.CheckAsync(Check(fixture.Site.Url("api/signed-in")));
        var after = await session.ObserveAsync();

        Assert.Equal(before.Url, after.Url);
        Assert.Equal(before.Dom.Replace(" ", "", StringComparison.Ordinal).Length, after.Dom.Replace(" ", "", StringComparison.Ordinal).Length);
    }
}
