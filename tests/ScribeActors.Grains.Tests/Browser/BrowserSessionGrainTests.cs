using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Browser;

[Trait("Suite", "Cluster")]
public sealed class BrowserSessionGrainTests(SharedCluster shared) : SharedClusterTests(shared)
{
    [Fact]
    public async Task ExecuteAndObserveAsync_NavigatingClick_ReturnsTheResultAndTheNextPageWithItsNodeIds()
    {
        var h = Shared;
        var session = h.Grains.GetGrain<IBrowserSessionGrain>("observe-after-" + Guid.NewGuid());
        await session.OpenAsync(new OpenSessionRequest { StartUrl = FakeWeb.Origin + "/start", AllowedHosts = ["fake.test"] });
        var start = await session.ObserveAsync();

        var response = await session.ExecuteAndObserveAsync(new ExecuteActionRequest { ActionId = "open-form", Action = BrowserAction.Click(1) });

        Assert.True(response.Result.Succeeded, response.Result.ToString());
        Assert.Equal(FakeWeb.Origin + "/form", response.Observation!.Url);
        Assert.Equal(start.ObservationId + 1, response.Observation.ObservationId);
        Assert.Contains("<input id=\"amount\"", response.Observation.Dom, StringComparison.Ordinal);

        // The next action refers to the node ids of that observation.
        var typed = await session.ExecuteAndObserveAsync(new ExecuteActionRequest { ActionId = "type", Action = BrowserAction.Type(1, "9") });
        Assert.True(typed.Result.Succeeded, typed.Result.ToString());
        Assert.Contains("value=\"9\"", typed.Observation!.Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAndObserveAsync_ActionAlreadyPerformed_ReturnsTheRecordAndTheCurrentPageWithoutActing()
    {
        var h = Shared;
        var session = h.Grains.GetGrain<IBrowserSessionGrain>("observe-dedupe-" + Guid.NewGuid());
        await session.OpenAsync(new OpenSessionRequest { StartUrl = FakeWeb.Origin + "/form", AllowedHosts = ["fake.test"] });
        await session.ObserveAsync();
        var first = await session.ExecuteAndObserveAsync(new ExecuteActionRequest { ActionId = "submit", Action = BrowserAction.Click(0) });

        var again = await session.ExecuteAndObserveAsync(new ExecuteActionRequest { ActionId = "submit", Action = BrowserAction.Click(0) });

        Assert.True(again.Result.Deduplicated);
        Assert.Equal(first.Result.UrlAfter, again.Result.UrlAfter);
        Assert.Equal(FakeWeb.Origin + "/done", again.Observation!.Url);
        Assert.Single(h.Web.Submissions);
    }

    [Fact]
    public async Task ExecuteAsync_ResultOfANonIdempotentActionIsDurable_AnIdempotentOneThatChangedNothingIsNotWritten()
    {
        var h = Shared;
        var session = h.Grains.GetGrain<IBrowserSessionGrain>("durable-results-" + Guid.NewGuid());
        await session.OpenAsync(new OpenSessionRequest { StartUrl = FakeWeb.Origin + "/form", AllowedHosts = ["fake.test"] });
        await session.ObserveAsync();
        Assert.True((await session.ExecuteAsync(new ExecuteActionRequest { ActionId = "type", Action = BrowserAction.Type(1, "5") })).Succeeded);

        // Lost activation: only what was written survives. Typing again leaves the page as typing once, so its result
        // was not worth a write (recovery takes it again).
        await h.Cluster.DeactivateAsync(session);
        Assert.Null(await session.GetActionResultAsync("type"));

        await session.ObserveAsync(); // rebuilt from the checkpoint
        Assert.True((await session.ExecuteAsync(new ExecuteActionRequest { ActionId = "submit", Action = BrowserAction.Click(0) })).Succeeded);
        await h.Cluster.DeactivateAsync(session);

        Assert.True((await session.GetActionResultAsync("submit"))!.Succeeded);
    }
}
