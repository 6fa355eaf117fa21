using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

/// <summary>The allow-list guard on top-frame navigations, seen from the server: what it blocks never leaves the
/// browser, and what it lets through is not slowed down (subresources are neither paused nor kept out of the cache).</summary>
[Collection(ActionCollection.Name)]
public sealed class NavigationGuardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Click_LinkToForeignHost_NeverReachesThatHost()
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var session = await fixture.OpenAsync($"links?tag={tag}");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "foreign")));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.DoesNotContain(fixture.Site.Requests, r => r.Contains(tag, StringComparison.Ordinal) && r.StartsWith(fixture.Site.ForeignHost, StringComparison.Ordinal));
        Assert.Contains(fixture.Site.Requests, r => r == $"{fixture.Site.Host}/links?tag={tag}");
    }

    [Fact]
    public async Task Click_LinkRedirectingToForeignHost_StopsAtTheRedirect()
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var session = await fixture.OpenAsync($"links?tag={tag}");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "redirect")));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.Contains(fixture.Site.Requests, r => r == $"{fixture.Site.Host}/redirect-away?tag={tag}");
        Assert.DoesNotContain(fixture.Site.Requests, r => r.Contains(tag, StringComparison.Ordinal) && r.StartsWith(fixture.Site.ForeignHost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Click_OffTheAllowListAfterMovingToAnotherAllowedSite_IsStillBlocked()
    {
        // 127.0.0.1 and localhost are different sites, so the move swaps the page's renderer process; the guard must
        // hold across it. Nothing listens on 127.0.0.2: a navigation that got through would fail to connect instead.
        await using var session = await fixture.OpenAsync("basic.html", fixture.Site.ForeignHost);
        var offList = $"http://127.0.0.2:{fixture.Site.BaseUri.Port}/basic.html";
        var page = $"http://{fixture.Site.ForeignHost}/link-to?href={Uri.EscapeDataString(offList)}";
        var moved = await session.ExecuteAsync(BrowserAction.Goto(page));
        Assert.True(moved.Succeeded, moved.ToString());
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "out")));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.Contains("'127.0.0.2:", result.Message, StringComparison.Ordinal);
        Assert.Equal(page, result.UrlAfter);
    }

    [Fact]
    public async Task Goto_SamePageAgain_TakesItsStylesheetFromTheHttpCache()
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var session = await fixture.OpenAsync($"styled?tag={tag}&page=1");

        var result = await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url($"styled?tag={tag}&page=2")));

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(fixture.Site.Requests, r => r.EndsWith($"/styled?tag={tag}&page=2", StringComparison.Ordinal));
        Assert.Single(fixture.Site.Requests, r => r.EndsWith($"/cached.css?tag={tag}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_PageWithForeignIframe_LoadsTheIframe()
    {
        // Only the top frame is kept on the allowed hosts; a widget from elsewhere still loads inside the page.
        await using var session = await fixture.OpenAsync("widget-host");

        var observation = await Dom.EventuallyAsync(session, o => o.Dom.Contains("host page", StringComparison.Ordinal), "the widget host page");

        Assert.Contains(fixture.Site.Requests, r => r == $"{fixture.Site.ForeignHost}/storage?set=widget&value=on");
        Assert.Equal(fixture.Site.Url("widget-host"), observation.Url);
    }
}
