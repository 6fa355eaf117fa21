using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

[Collection(ActionCollection.Name)]
public sealed class ActionFailureTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Execute_BeforeAnyObservation_FailsWithUnknownNode()
    {
        await using var session = await fixture.OpenAsync("basic.html");

        var result = await session.ExecuteAsync(BrowserAction.Click(0));

        Assert.Equal(ActionFailureKind.UnknownNode, result.Failure);
        Assert.False(result.Succeeded);
        Assert.Contains("nothing has been observed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_NodeOutsideTheObservation_FailsWithUnknownNode()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var observation = await session.ObserveAsync();

        var tooLarge = await session.ExecuteAsync(BrowserAction.Click(observation.NodeCount));
        var negative = await session.ExecuteAsync(BrowserAction.Type(-1, "x"));

        Assert.Equal(ActionFailureKind.UnknownNode, tooLarge.Failure);
        Assert.Contains($"0..{observation.NodeCount - 1}", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(ActionFailureKind.UnknownNode, negative.Failure);
    }

    [Fact]
    public async Task Execute_NodeOfAPageNavigatedAway_FailsWithElementDetached()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var observation = await session.ObserveAsync();
        var navigated = await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("form.html")));
        Assert.True(navigated.Succeeded, navigated.ToString());

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "counter")));

        Assert.Equal(ActionFailureKind.ElementDetached, result.Failure);
        Assert.Contains("observe again", result.Message, StringComparison.Ordinal);
        AssertFailedOnTheProbe(result, Dom.NodeOf(observation, "counter")); // at once, not after the action timeout
    }

    [Fact]
    public async Task Execute_NodeInAnIframeThatWasRemoved_FailsWithElementDetachedAtOnce()
    {
        await using var session = await fixture.OpenAsync("frames.html");
        var observation = await session.ObserveAsync();
        await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("basic.html")));

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "frame-btn")));

        Assert.True(result.Failure == ActionFailureKind.ElementDetached, result.ToString());
        AssertFailedOnTheProbe(result, Dom.NodeOf(observation, "frame-btn")); // at once, not after the action timeout
    }

    [Fact]
    public async Task Execute_NodeRemovedByThePage_FailsWithElementDetached()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "remove")));

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "doomed")));

        Assert.Equal(ActionFailureKind.ElementDetached, result.Failure);
    }

    [Fact]
    public async Task Execute_AfterPrepare_UsesTheProbeAndFailsAtOnceOnAnElementThatCannotTakeIt()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        var action = BrowserAction.Click(Dom.NodeOf(observation, "disabled-btn"));

        await session.PrepareAsync(action);
        var result = await session.ExecuteAsync(action);

        Assert.Equal(ActionFailureKind.NotInteractable, result.Failure);
        Assert.Contains("disabled", result.Message, StringComparison.Ordinal);
        AssertFailedOnTheProbe(result, action.NodeId!.Value);
    }

    [Fact]
    public async Task Execute_PreparedLongAgo_LooksAtThePageAgain()
    {
        // The session's clock is the host's: this host's stands still until the test moves it.
        var time = new FakeTimeProvider();
        await using var host = new PlaywrightBrowserHost(
            Options.Create(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath }), NullLogger<PlaywrightBrowserHost>.Instance, time);
        await using var session = await host.OpenSessionAsync(
            new BrowserSessionOptions { AllowedHosts = [fixture.Site.Host], Url = fixture.Site.Url("form.html") });
        var observation = await session.ObserveAsync();
        var doomed = BrowserAction.Click(Dom.NodeOf(observation, "doomed"));
        await session.PrepareAsync(doomed); // the element is there now

        // The remove button goes by the capture just taken, so the probe of the doomed element is kept, and then ages.
        await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "remove")));
        time.Advance(TimeSpan.FromMilliseconds(400));
        var result = await session.ExecuteAsync(doomed);

        // A stale probe would have let the click wait out the action timeout for an element that is gone.
        Assert.Equal(ActionFailureKind.ElementDetached, result.Failure);
        AssertFailedOnTheProbe(result, doomed.NodeId!.Value);
    }

    [Theory]
    [InlineData("disabled-btn", "click", "disabled")]
    [InlineData("invisible", "click", "hidden")]
    [InlineData("secret", "type", "not a text field")]
    [InlineData("ro", "type", "read-only")]
    [InlineData("submit", "type", "not a text field")]
    [InlineData("q", "select", "not a select")]
    [InlineData("color", "select", "no option labelled or valued 'Purple' (options: 'Red', 'Green', 'Blue')")]
    public async Task Execute_ElementThatCannotTakeTheAction_FailsWithNotInteractable(string elementId, string kind, string reason)
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        var node = Dom.NodeOf(observation, elementId);
        var action = kind switch
        {
            "click" => BrowserAction.Click(node),
            "type" => BrowserAction.Type(node, "x"),
            _ => BrowserAction.Select(node, "Purple"),
        };

        var result = await session.ExecuteAsync(action);

        Assert.Equal(ActionFailureKind.NotInteractable, result.Failure);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
        Assert.Contains($"Node {node}", result.Message, StringComparison.Ordinal);
        AssertFailedOnTheProbe(result, node); // at once, not after the action timeout
    }

    [Fact]
    public async Task Goto_ForeignHost_FailsWithHostNotAllowedWithoutNavigating()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var foreign = $"http://{fixture.Site.ForeignHost}/form.html";

        var result = await session.ExecuteAsync(BrowserAction.Goto(foreign));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.Contains($"'{fixture.Site.ForeignHost}'", result.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Site.Url("basic.html"), result.UrlAfter);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "'file:' URLs are not allowed")]
    [InlineData("javascript:alert(1)", "'javascript:' URLs are not allowed")]
    public async Task Goto_NonWebScheme_FailsWithHostNotAllowed(string url, string reason)
    {
        await using var session = await fixture.OpenAsync("basic.html");

        var result = await session.ExecuteAsync(BrowserAction.Goto(url));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Site.Url("basic.html"), result.UrlAfter);
    }

    [Fact]
    public async Task Click_LinkToForeignHost_IsBlockedWithHostNotAllowed()
    {
        await using var session = await fixture.OpenAsync("links");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "foreign")));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.Contains($"'{fixture.Site.ForeignHost}'", result.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Site.Url("links"), result.UrlAfter);
        Assert.Equal("Links", (await session.ObserveAsync()).Title);
    }

    [Fact]
    public async Task Click_LinkRedirectingToForeignHost_FailsWithHostNotAllowedAndLeavesThatPage()
    {
        await using var session = await fixture.OpenAsync("links");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "redirect")));

        Assert.Equal(ActionFailureKind.HostNotAllowed, result.Failure);
        Assert.Contains($"'{fixture.Site.ForeignHost}'", result.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Site.Url("links"), result.UrlAfter);
    }

    [Fact]
    public async Task Goto_ClosedPort_FailsWithNavigationErrorNamingTheNetworkError()
    {
        await using var session = await fixture.Host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = ["127.0.0.1"] });

        var result = await session.ExecuteAsync(BrowserAction.Goto($"http://127.0.0.1:{TestSite.ClosedPort()}/"));

        Assert.Equal(ActionFailureKind.NavigationError, result.Failure);
        Assert.Contains("ERR_CONNECTION_REFUSED", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Back_WithoutHistory_FailsWithNavigationError()
    {
        await using var session = await fixture.OpenAsync();

        var result = await session.ExecuteAsync(BrowserAction.Back());

        Assert.Equal(ActionFailureKind.NavigationError, result.Failure);
        Assert.Contains("no earlier page", result.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, BrowserAction, string> MalformedActions => new()
    {
        { "click without node", new BrowserAction { Kind = BrowserActionKind.Click }, "needs a node id" },
        { "type without node", new BrowserAction { Kind = BrowserActionKind.Type, Text = "x" }, "needs a node id" },
        { "type without text", new BrowserAction { Kind = BrowserActionKind.Type, NodeId = 1 }, "needs text" },
        { "select without text", new BrowserAction { Kind = BrowserActionKind.Select, NodeId = 1 }, "needs the option" },
        { "key without text", new BrowserAction { Kind = BrowserActionKind.Key }, "needs a key" },
        { "scroll sideways", BrowserAction.Scroll(direction: "sideways"), "'sideways' is not 'up' or 'down'" },
        { "goto without url", new BrowserAction { Kind = BrowserActionKind.Goto }, "needs a URL" },
        { "goto relative url", BrowserAction.Goto("/form.html"), "not an absolute URL" },
        { "unknown kind", new BrowserAction { Kind = (BrowserActionKind)99 }, "99 is not known" },
    };

    [Theory]
    [MemberData(nameof(MalformedActions))]
    public async Task Execute_MalformedAction_FailsWithInvalidAction(string label, BrowserAction action, string reason)
    {
        await using var session = await fixture.OpenAsync("basic.html");
        await session.ObserveAsync();

        var result = await session.ExecuteAsync(action);

        Assert.True(result.Failure == ActionFailureKind.InvalidAction, $"{label}: {result}");
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_UnknownKeyName_FailsWithInvalidAction()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Key("NoSuchKey", Dom.NodeOf(observation, "q")));

        Assert.Equal(ActionFailureKind.InvalidAction, result.Failure);
        Assert.Contains("NoSuchKey", result.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The action failed on what the probe of its target found, before any input was sent, so at once: the message
    /// is the probe's wording (the element described, or the observation named). An input sent anyway would have
    /// waited out Playwright's actionability timeout and failed as a <see cref="ActionFailureKind.Timeout"/>, or in
    /// Playwright's words.
    /// </summary>
    private static void AssertFailedOnTheProbe(ActionResult result, int node)
    {
        var probeWording = result.Failure == ActionFailureKind.ElementDetached ? $"Node {node} of observation " : $"Node {node} (<";
        Assert.True(result.Message?.StartsWith(probeWording, StringComparison.Ordinal) == true, $"not the probe's wording ({probeWording}…): {result}");
    }
}
