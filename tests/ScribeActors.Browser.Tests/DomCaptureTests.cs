using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

[Collection(DomCollection.Name)]
public sealed class DomCaptureTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Observe_BasicPage_EveryElementHasUniqueContiguousIdsInReverseDocumentOrder()
    {
        await using var session = await fixture.OpenAsync("basic.html");

        var observation = await session.ObserveAsync();

        var ids = Dom.NodeIds(observation);
        Assert.True(observation.NodeCount > 10, $"Expected the whole page, got {observation.NodeCount} nodes.");
        Assert.Equal(observation.NodeCount, Dom.OpeningTagCount(observation));
        Assert.Equal(Enumerable.Range(0, observation.NodeCount).Reverse(), ids);
        Assert.StartsWith($"<html lang=\"en\" node=\"{observation.NodeCount - 1}\"><head node=\"{observation.NodeCount - 2}\">", observation.Dom, StringComparison.Ordinal);
        Assert.Equal(0, Dom.NodeOf(observation, "final"));
    }

    [Fact]
    public async Task Observe_BasicPage_SerialisesHtmlWithoutMarksDoctypeOrComments()
    {
        await using var session = await fixture.OpenAsync("basic.html");

        var observation = await session.ObserveAsync();

        Assert.DoesNotContain("data-scribe-node", observation.Dom, StringComparison.Ordinal);
        Assert.DoesNotContain("DOCTYPE", observation.Dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("a comment", observation.Dom, StringComparison.Ordinal);
        Assert.Contains(">Hello &amp; welcome</h1>", observation.Dom, StringComparison.Ordinal);
        Assert.Contains("text &lt;escaped&gt; \"quoted\"", observation.Dom, StringComparison.Ordinal);
        Assert.Contains("title=\"a &quot;quoted&quot; title\"", observation.Dom, StringComparison.Ordinal);
        Assert.Contains("<style node=", observation.Dom, StringComparison.Ordinal);
        Assert.Contains(">window.clicks = 0;</script>", observation.Dom, StringComparison.Ordinal);
        Assert.Contains($"<a id=\"to-form\" href=\"/form.html\" title=\"a &quot;quoted&quot; title\" node=\"{Dom.NodeOf(observation, "to-form")}\">", observation.Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_Repeatedly_CountsObservationsAndReportsPage()
    {
        await using var session = await fixture.OpenAsync("basic.html");

        var first = await session.ObserveAsync();
        var second = await session.ObserveAsync(includeScreenshot: true);

        Assert.Equal(1, first.ObservationId);
        Assert.Equal(2, second.ObservationId);
        Assert.Null(first.Screenshot);
        Assert.NotNull(second.Screenshot);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, second.Screenshot![..4]);
        var options = new BrowserOptions();
        Assert.Equal(options.ViewportWidth, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(second.Screenshot.AsSpan(16, 4))); // IHDR: the viewport, not the whole page
        Assert.Equal(options.ViewportHeight, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(second.Screenshot.AsSpan(20, 4)));
        Assert.Equal("Basic page", second.Title);
        Assert.Equal(fixture.Site.Url("basic.html"), second.Url);
        Assert.Equal(0, second.SessionEpoch);
        Assert.Equal(first.Dom, second.Dom);
        Assert.True(second.CapturedAt >= first.CapturedAt);
    }

    [Fact]
    public async Task Screenshot_OfTheLatestObservationUntilAnActionOrANewerObservation()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        var first = await session.ObserveAsync();

        var late = await session.ScreenshotAsync(first.ObservationId);

        Assert.NotNull(late);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, late![..4]);
        Assert.Equal(new BrowserOptions().ViewportWidth, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(late.AsSpan(16, 4)));

        var second = await session.ObserveAsync();
        Assert.Null(await session.ScreenshotAsync(first.ObservationId)); // a newer observation describes the page now
        Assert.NotNull(await session.ScreenshotAsync(second.ObservationId));

        var clicked = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(second, "counter")));
        Assert.True(clicked.Succeeded, clicked.ToString());
        Assert.Null(await session.ScreenshotAsync(second.ObservationId)); // it would show what the click did
        Assert.Null(await session.ScreenshotAsync(0));
    }

    [Fact]
    public async Task Observe_FramesAndShadowRoots_InlinesContentInTraversalOrder()
    {
        await using var session = await fixture.OpenAsync("frames.html");

        var observation = await session.ObserveAsync();
        var dom = observation.Dom;

        Assert.Equal(Enumerable.Range(0, observation.NodeCount).Reverse(), Dom.NodeIds(observation));
        Assert.Equal(observation.NodeCount, Dom.OpeningTagCount(observation));

        // The iframe element, then its document's html element as its child.
        var iframe = Dom.NodeOf(observation, "inner");
        Assert.Contains($"node=\"{iframe}\"><html node=\"{iframe - 1}\"><head node=\"{iframe - 2}\"><title node=\"{iframe - 3}\">Inner frame</title>", dom, StringComparison.Ordinal);
        Assert.True(Dom.NodeOf(observation, "frame-btn") < iframe);
        Assert.True(Dom.NodeOf(observation, "before") > iframe);
        Assert.True(Dom.NodeOf(observation, "after") < Dom.NodeOf(observation, "frame-out"));

        // A nested same-origin (srcdoc) iframe is inlined too.
        Assert.True(Dom.NodeOf(observation, "nested-btn") < Dom.NodeOf(observation, "nested"));

        // The shadow host, then its shadow children, then its light children.
        var host = Dom.NodeOf(observation, "host");
        Assert.Equal(host - 1, Dom.NodeOf(observation, "shadow-btn"));
        Assert.True(Dom.NodeOf(observation, "shadow-out") > Dom.NodeOf(observation, "light"));
        Assert.Contains($"<div id=\"host\" node=\"{host}\"><button id=\"shadow-btn\" type=\"button\" node=\"{host - 1}\">Shadow button</button>", dom, StringComparison.Ordinal);

        // Closed shadow roots are out of reach; their host is still an element.
        Assert.DoesNotContain("<p id=\"closed-inside\" node=", dom, StringComparison.Ordinal);
        Dom.NodeOf(observation, "closed-host");
    }

    [Fact]
    public async Task Execute_NodesInIframesAndShadowRoots_AreActionableWithIdsFromOneObservation()
    {
        await using var session = await fixture.OpenAsync("frames.html");
        var observation = await session.ObserveAsync();

        var typed = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(observation, "frame-input"), "in frame"));
        var clicked = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "frame-btn")));
        var nested = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "nested-btn")));
        var shadow = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(observation, "shadow-btn")));

        Assert.True(typed.Succeeded, typed.ToString());
        Assert.True(clicked.Succeeded, clicked.ToString());
        Assert.True(nested.Succeeded, nested.ToString());
        Assert.True(shadow.Succeeded, shadow.ToString());
        var after = await session.ObserveAsync();
        Assert.Contains(">frame clicked: in frame</p>", after.Dom, StringComparison.Ordinal);
        Assert.Contains(">nested clicked</button>", after.Dom, StringComparison.Ordinal);
        Assert.Contains(">shadow clicked</p>", after.Dom, StringComparison.Ordinal);
        Assert.Contains("value=\"in frame\"", Dom.TagOf(after, "frame-input"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_FormControls_ShowsCurrentValuesCheckedAndSelectedState()
    {
        await using var session = await fixture.OpenAsync("form.html");
        var before = await session.ObserveAsync();
        Assert.Contains("value=\"initial\"", Dom.TagOf(before, "q"), StringComparison.Ordinal);
        Assert.DoesNotContain("checked", Dom.TagOf(before, "agree"), StringComparison.Ordinal);

        await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(before, "notes"), "new notes"));
        await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(before, "pw"), "hunter2"));
        await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(before, "agree")));
        await session.ExecuteAsync(BrowserAction.Select(Dom.NodeOf(before, "color"), "Blue"));
        var after = await session.ObserveAsync();

        Assert.Matches("<textarea id=\"notes\" name=\"notes\" value=\"new notes\" node=\"\\d+\">old notes</textarea>", after.Dom);
        Assert.Matches("<input id=\"agree\" type=\"checkbox\" name=\"agree\" value=\"yes\" checked=\"\" node=\"\\d+\">", after.Dom);
        Assert.Matches("<option value=\"b\" selected=\"\" node=\"\\d+\">Blue</option>", after.Dom);
        Assert.Matches("<option value=\"r\" node=\"\\d+\">Red</option>", after.Dom);
        Assert.DoesNotContain("hunter2", after.Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveNode_Selectors_ReturnIdsOfTheLatestObservation()
    {
        await using var session = await fixture.OpenAsync("frames.html");
        Assert.Null(await session.ResolveNodeAsync("#before"));

        var observation = await session.ObserveAsync();

        Assert.Equal(0, await session.ResolveNodeAsync("#closed-host"));
        Assert.Equal(observation.NodeCount - 1, await session.ResolveNodeAsync("html"));
        Assert.Equal(Dom.NodeOf(observation, "before"), await session.ResolveNodeAsync("p"));
        Assert.Equal(Dom.NodeOf(observation, "shadow-btn"), await session.ResolveNodeAsync("#shadow-btn"));
        Assert.Equal(Dom.NodeOf(observation, "frame-btn"), await session.ResolveNodeAsync("#inner >> internal:control=enter-frame >> #frame-btn"));
        Assert.Equal(Dom.NodeOf(observation, "light"), await session.ResolveNodeAsync("text=light child"));
        Assert.Null(await session.ResolveNodeAsync("#no-such-element"));
    }

    [Fact]
    public async Task ResolveNode_InvalidSelector_ThrowsArgumentExceptionNamingIt()
    {
        await using var session = await fixture.OpenAsync("basic.html");
        await session.ObserveAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => session.ResolveNodeAsync("div[[["));

        Assert.Contains("div[[[", ex.Message, StringComparison.Ordinal);
    }
}
