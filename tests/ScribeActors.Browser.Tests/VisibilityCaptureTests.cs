using ScribeActors.Abstractions;
using ScribeActors.Agent.Pruning;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

/// <summary>The capture marks content that is not rendered, and the project's observation built on it shows what a person sees.</summary>
[Collection(DomCollection.Name)]
public sealed class VisibilityCaptureTests(BrowserFixture fixture)
{
    private const string Mark = " data-scribe-hidden=\"\" node=\"";

    [Theory]
    [InlineData("confirm")]
    [InlineData("panel")]
    [InlineData("menu")]
    [InlineData("row-b")]
    [InlineData("token")]
    public async Task Observe_ContentNotRendered_TopmostElementMarked(string id)
    {
        await using var session = await fixture.OpenAsync("visibility.html");

        var observation = await session.ObserveAsync();

        Assert.Contains(Mark, Dom.TagOf(observation, id), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("confirm-text")]
    [InlineData("panel-text")]
    [InlineData("menu-link")]
    [InlineData("cell-b")]
    [InlineData("notice")]
    [InlineData("contents")]
    [InlineData("contents-text")]
    [InlineData("copy")]
    [InlineData("more-text")]
    public async Task Observe_RenderedOrUnderAMarkedElement_NotMarked(string id)
    {
        await using var session = await fixture.OpenAsync("visibility.html");

        var observation = await session.ObserveAsync();

        Assert.DoesNotContain(Mark, Dom.TagOf(observation, id), StringComparison.Ordinal);
        Assert.DoesNotContain("<head" + Mark, observation.Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_PageAuthoredMark_NotWritten()
    {
        await using var session = await fixture.OpenAsync("visibility.html");

        var observation = await session.ObserveAsync();

        Assert.DoesNotContain(Mark, Dom.TagOf(observation, "authored"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_ThenPrune_ProjectObservationShowsWhatAPersonSees()
    {
        await using var session = await fixture.OpenAsync("visibility.html");

        var observation = await session.ObserveAsync();
        var project = HtmlPruner.Prune(observation.Dom).Html;
        var reference = HtmlPruner.Prune(observation.Dom, PruneOptions.Reference).Html;

        foreach (var gone in new[] { "Delete everything?", "Secret panel", "Menu item", "Beta", "t0k3n", "Folded" })
        {
            Assert.DoesNotContain(gone, project, StringComparison.Ordinal);
            Assert.Contains(gone, reference, StringComparison.Ordinal);
        }

        foreach (var shown in new[] { "Saved", "Alpha", "Shown through display contents", "Shown although the page marks it", "<summary id=\"more-summary\"" })
        {
            Assert.Contains(shown, project, StringComparison.Ordinal);
        }

        Assert.Matches("<label for=\"copy\" node=\"[0-9]+\"> Send me a copy </label> <input checked=\"\" id=\"copy\"", project);
        Assert.Matches("<option id=\"usd\" node=\"[0-9]+\" selected=\"\"> USD </option>", project);
        Assert.Matches("<button disabled=\"\" id=\"send\"", project);
        Assert.Equal(ElementActions.None, HtmlPruner.Prune(observation.Dom).ActionsOf(Dom.NodeOf(observation, "menu-link")));
    }
}
