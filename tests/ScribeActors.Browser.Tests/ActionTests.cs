using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

[Collection(ActionCollection.Name)]
public sealed class ActionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Click_Button_RunsItsHandler()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var observation = await session.ObserveAsync();

        var before = TimeProvider.System.GetUtcNow();
        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "counter")));
        var after = TimeProvider.System.GetUtcNow();

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(ActionFailureKind.None, result.Failure);
        Assert.Equal(fixture.Site.Url("basic.html"), result.UrlAfter);
        Assert.True(result.Duration > TimeSpan.Zero);
        Assert.True(result.PerformedAt >= before && result.PerformedAt <= after, $"performed at {result.PerformedAt:O}, called {before:O}..{after:O}");
        var next = await session.ObserveAsync();
        Assert.Contains(">Clicked 1</button>", next.Dom, StringComparison.Ordinal);
        Assert.True(next.CapturedAt >= result.PerformedAt);
    }

    [Fact]
    public async Task Click_Link_ReturnsOnceTheNextPageHasLoaded()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "to-form")));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(fixture.Site.Url("form.html"), result.UrlAfter);
        var next = await session.ObserveAsync();
        Assert.Equal("Form", next.Title);
        Dom.NodeOf(next, "submit");
    }

    [Fact]
    public async Task Click_FormPostTheServerTakesSecondsOver_ReturnsOnceThePageItLedToHasLoaded()
    {
        // The old page stays loaded while the server works on the post: the action is over when the post came to a
        // page (longer than the short wait for a download that a document request without a page gets).
        await using var session = await fixture.OpenAsync("slow-post");
        var observation = await session.ObserveAsync();

        var posted = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "send")));

        Assert.True(posted.Succeeded, posted.ToString());
        Assert.True(posted.LoadedDocument);
        Assert.StartsWith(fixture.Site.Url("slow-post/done"), posted.UrlAfter, StringComparison.Ordinal);
        Assert.Contains(">Sent ", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadedDocument_IsTrueForAFormPostRedirectedToTheSameUrl_FalseForInPageActions()
    {
        await using var session = await fixture.OpenAsync("notes");
        var observation = await session.ObserveAsync();

        var typed = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(observation, "note"), "first"));
        var posted = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "add")));

        Assert.True(typed.Succeeded, typed.ToString());
        Assert.False(typed.LoadedDocument);
        Assert.True(posted.Succeeded, posted.ToString());
        Assert.Equal(fixture.Site.Url("notes"), posted.UrlAfter);
        Assert.True(posted.LoadedDocument);
        Assert.Contains(">Notes: 1</p>", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);

        await using var other = await fixture.OpenAsync("basic.html");
        var clicked = await other.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(await other.ObserveAsync(), "counter")));
        Assert.True(clicked.Succeeded, clicked.ToString());
        Assert.False(clicked.LoadedDocument);
    }

    [Fact]
    public async Task Type_FieldWithValue_ReplacesTheValue()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(observation, "q"), "hello"));

        Assert.True(result.Succeeded, result.ToString());
        var tag = Dom.TagOf(await session.ObserveAsync(), "q");
        Assert.Contains("value=\"hello\"", tag, StringComparison.Ordinal);
        Assert.DoesNotContain("initial", tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_EnterOnField_SubmitsTheFormAndWaitsForTheResult()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        var q = Dom.NodeOf(observation, "q");
        await session.ExecuteAsync(BrowserAction.Select(Dom.NodeOf(observation, "color"), "Green"));
        await session.ExecuteAsync(BrowserAction.Type(q, "cats"));

        var result = await session.ExecuteAsync(BrowserAction.Key("Enter", q));

        Assert.True(result.Succeeded, result.ToString());
        Assert.StartsWith(fixture.Site.Url("submitted?q=cats"), result.UrlAfter, StringComparison.Ordinal);
        Assert.Contains(">Query: cats; Color: g</p>", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_EnterWithoutNode_GoesToTheFocusedField()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(observation, "q"), "dogs"));

        var result = await session.ExecuteAsync(BrowserAction.Key("Enter"));

        Assert.True(result.Succeeded, result.ToString());
        Assert.StartsWith(fixture.Site.Url("submitted?q=dogs"), result.UrlAfter, StringComparison.Ordinal);
        Assert.Contains(">Query: dogs; Color: r</p>", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_CombinationOnField_ReachesIt()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        var q = Dom.NodeOf(observation, "q");

        var selectAll = await session.ExecuteAsync(BrowserAction.Key("Control+A", q));
        var delete = await session.ExecuteAsync(BrowserAction.Key("Backspace", q));

        Assert.True(selectAll.Succeeded, selectAll.ToString());
        Assert.True(delete.Succeeded, delete.ToString());
        Assert.Contains("value=\"\"", Dom.TagOf(await session.ObserveAsync(), "q"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Green", "g")]
    [InlineData("b", "b")]
    [InlineData(" red ", "r")]
    public async Task Select_ByLabelOrValue_ChoosesTheOption(string text, string expectedValue)
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Select(Dom.NodeOf(observation, "color"), text));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches($"<option value=\"{expectedValue}\" selected=\"\" node=", (await session.ObserveAsync()).Dom);
    }

    [Fact]
    public async Task Click_OptionOfSelect_SelectsIt()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var observation = await session.ObserveAsync();
        var option = int.Parse(System.Text.RegularExpressions.Regex.Match(observation.Dom, "<option value=\"g\" node=\"(\\d+)\">").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var result = await session.ExecuteAsync(BrowserAction.Click(option));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Matches("<option value=\"g\" selected=\"\" node=", (await session.ObserveAsync()).Dom);
    }

    [Fact]
    public async Task Scroll_PageDownThenUp_MovesByAViewport()
    {
        await using var session = await fixture.OpenAsync("scroll.html");
        await session.ObserveAsync();

        var down = await session.ExecuteAsync(BrowserAction.Scroll());
        await Dom.EventuallyAsync(session, o => o.Dom.Contains(">page 800</span>", StringComparison.Ordinal), "the page to scroll down by one viewport (800 px)");
        var up = await session.ExecuteAsync(BrowserAction.Scroll(direction: "up"));
        await Dom.EventuallyAsync(session, o => o.Dom.Contains(">page 0</span>", StringComparison.Ordinal), "the page to scroll back up");

        Assert.True(down.Succeeded, down.ToString());
        Assert.True(up.Succeeded, up.ToString());
    }

    [Fact]
    public async Task Scroll_ElementInScrollableBox_ScrollsItIntoView()
    {
        await using var session = await fixture.OpenAsync("scroll.html");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Scroll(Dom.NodeOf(observation, "deep")));

        Assert.True(result.Succeeded, result.ToString());
        await Dom.EventuallyAsync(session, o => System.Text.RegularExpressions.Regex.IsMatch(o.Dom, ">box (1[6-9]\\d\\d)</span>"), "the box to scroll its deep button into view");
    }

    [Fact]
    public async Task Goto_AllowedUrl_LoadsThePage()
    {
        await using var session = await fixture.OpenAsync();
        Assert.Equal("about:blank", session.Url);

        var result = await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("form.html")));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(fixture.Site.Url("form.html"), result.UrlAfter);
        Assert.Equal(fixture.Site.Url("form.html"), session.Url);
        Assert.Equal("Form", (await session.ObserveAsync()).Title);
    }

    [Fact]
    public async Task Back_AfterGoto_ReturnsToThePreviousPage()
    {
        await using var session = await fixture.OpenAsync("form.html");
        await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("basic.html")));

        var result = await session.ExecuteAsync(BrowserAction.Back());

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(fixture.Site.Url("form.html"), result.UrlAfter);
        Assert.Equal("Form", (await session.ObserveAsync()).Title);
    }

    [Fact]
    public async Task Click_TargetBlankLink_LoadsInTheSessionPage()
    {
        await using var session = await fixture.OpenAsync("links");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "blank")));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(fixture.Site.Url("basic.html"), result.UrlAfter);
        Assert.Equal("Basic page", (await session.ObserveAsync()).Title);
    }

    [Fact]
    public async Task Click_ButtonCallingWindowOpen_LoadsInTheSessionPage()
    {
        await using var session = await fixture.OpenAsync("links");
        var observation = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "open")));

        Assert.True(result.Succeeded, result.ToString());
        var next = await Dom.EventuallyAsync(session, o => o.Title == "Form", "window.open to load form.html in the session page");
        Assert.Equal(fixture.Site.Url("form.html"), next.Url);
    }
}
