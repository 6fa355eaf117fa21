using System.Globalization;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

/// <summary>A page over the configured size limit is measured in the page and not captured: the observation says how
/// large it is, what the limit is and which setting holds it, and no DOM leaves the browser.</summary>
[Collection(DomCollection.Name)]
public sealed class ObservationLimitTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Observe_PageUnderTheLimits_CapturedWhole()
    {
        await using var host = BrowserFixture.CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, MaxObservationChars = 20_000, MaxObservationElements = 200 });
        await using var session = await OpenAsync(host, "rows.html?rows=10");

        var observation = await session.ObserveAsync();

        Assert.Null(observation.TooLarge);
        Assert.InRange(observation.Dom.Length, 1_000, 20_000);
        Assert.Contains(">INV-9</a>", observation.Dom, StringComparison.Ordinal);
        Assert.Contains("id=\"frame-input\"", observation.Dom, StringComparison.Ordinal);
        Assert.Equal(observation.NodeCount, Dom.OpeningTagCount(observation));
    }

    [Fact]
    public async Task Observe_PageOverTheCharacterLimit_TooLargeWithExactSizeLimitAndSetting()
    {
        // The size the capture measures is the length of the DOM it would have serialised: compare with a capture.
        await using var unlimited = await fixture.OpenAsync("rows.html?rows=300");
        var whole = await unlimited.ObserveAsync();
        await using var host = BrowserFixture.CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, MaxObservationChars = 20_000 });
        await using var session = await OpenAsync(host, "rows.html?rows=300");

        var observation = await session.ObserveAsync();

        var tooLarge = Assert.IsType<PageTooLarge>(observation.TooLarge);
        Assert.Equal("", observation.Dom);
        Assert.Equal("Rows", observation.Title);
        Assert.Equal(whole.Dom.Length, tooLarge.DomChars);
        Assert.Equal(whole.NodeCount, tooLarge.Elements);
        Assert.Equal(whole.NodeCount, observation.NodeCount);
        Assert.Equal(20_000, tooLarge.MaxDomChars);
        Assert.Contains(observation.Url, tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains(whole.Dom.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit of 20,000 characters set by Scribe:Browser:MaxObservationChars", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_PageOverTheElementLimit_TooLargeNamingThatSetting()
    {
        await using var host = BrowserFixture.CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, MaxObservationElements = 200 });
        await using var session = await OpenAsync(host, "rows.html?rows=100");

        var observation = await session.ObserveAsync();

        var tooLarge = Assert.IsType<PageTooLarge>(observation.TooLarge);
        Assert.True(tooLarge.Elements > 600, $"{tooLarge.Elements} elements");
        Assert.Contains("over the limit of 200 elements set by Scribe:Browser:MaxObservationElements", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_AfterATooLargeObservation_NoNodeIdIsActedOn()
    {
        await using var host = BrowserFixture.CreateHost(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath, MaxObservationChars = 50_000 });
        await using var session = await OpenAsync(host, "rows.html?rows=10");
        var small = await session.ObserveAsync();
        var button = Dom.NodeOf(small, "last");
        Assert.True((await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("rows.html?rows=1000")))).Succeeded);

        var large = await session.ObserveAsync();
        var click = await session.ExecuteAsync(BrowserAction.Click(button));

        Assert.NotNull(large.TooLarge);
        Assert.False(click.Succeeded);
        Assert.Equal(ActionFailureKind.UnknownNode, click.Failure);
    }

    private Task<IBrowserSession> OpenAsync(IBrowserHost host, string path) =>
        host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [fixture.Site.Host], Url = fixture.Site.Url(path) });
}
