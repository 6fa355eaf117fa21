using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

[Collection(ActionCollection.Name)]
public sealed class CheckpointTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Checkpoint_AfterLogin_NewSessionFromItKeepsCookieAndLocalStorage()
    {
        BrowserCheckpoint checkpoint;
        await using (var first = await fixture.OpenAsync("login.html"))
        {
            var login = await first.ObserveAsync();
            Assert.True((await first.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(login, "remember")))).Succeeded);
            Assert.True((await first.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(login, "name"), "alice"))).Succeeded);
            var submitted = await first.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(login, "login-btn")));
            Assert.True(submitted.Succeeded, submitted.ToString());
            Assert.Equal(fixture.Site.Url("account"), submitted.UrlAfter);
            Assert.Contains(">Signed in as alice</p>", (await first.ObserveAsync()).Dom, StringComparison.Ordinal);

            checkpoint = await first.CheckpointAsync();
        }

        Assert.Equal(fixture.Site.Url("account"), checkpoint.Url);
        Assert.Contains("\"user\"", checkpoint.StorageStateJson, StringComparison.Ordinal);
        await using var second = await fixture.Host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [fixture.Site.Host],
            StorageStateJson = checkpoint.StorageStateJson,
            Url = checkpoint.Url,
        });

        var restored = await second.ObserveAsync();

        Assert.Equal(checkpoint.Url, second.Url);
        Assert.Contains(">Signed in as alice</p>", restored.Dom, StringComparison.Ordinal);
        Assert.Contains(">Theme: dark</p>", restored.Dom, StringComparison.Ordinal);
        Assert.Equal(1, restored.ObservationId);
    }

    [Fact]
    public async Task OpenSession_WithoutStorageState_StartsSignedOut()
    {
        await using var session = await fixture.OpenAsync("account");

        var observation = await session.ObserveAsync();

        Assert.Contains(">Not signed in</p>", observation.Dom, StringComparison.Ordinal);
        Assert.Contains(">Theme: none</p>", observation.Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_OriginLeftEarlier_KeepsItsLocalStorageAndRestoresBoth()
    {
        var foreign = $"http://{fixture.Site.ForeignHost}/";
        BrowserCheckpoint checkpoint;
        await using (var first = await fixture.OpenAsync("storage?set=home&value=1", fixture.Site.ForeignHost))
        {
            var moved = await first.ExecuteAsync(BrowserAction.Goto(foreign + "storage?set=away&value=2"));
            Assert.True(moved.Succeeded, moved.ToString());

            // The page of the first origin is gone; its storage must still be in the checkpoint.
            checkpoint = await first.CheckpointAsync();
        }

        var origins = StorageOrigins(checkpoint);
        Assert.Equal("1", origins[fixture.Site.BaseUri.GetLeftPart(UriPartial.Authority)]["home"]);
        Assert.Equal("2", origins[$"http://{fixture.Site.ForeignHost}"]["away"]);

        await using var second = await fixture.Host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [fixture.Site.Host, fixture.Site.ForeignHost],
            StorageStateJson = checkpoint.StorageStateJson,
            Url = fixture.Site.Url("storage?get=home"),
        });
        Assert.Contains(">Stored: 1</p>", (await second.ObserveAsync()).Dom, StringComparison.Ordinal);
        Assert.True((await second.ExecuteAsync(BrowserAction.Goto(foreign + "storage?get=away"))).Succeeded);
        Assert.Contains(">Stored: 2</p>", (await second.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_OriginClearedBeforeLeavingIt_IsEmptyInTheNextCheckpoint()
    {
        var home = fixture.Site.BaseUri.GetLeftPart(UriPartial.Authority);
        await using var session = await fixture.OpenAsync("storage?set=k&value=v", fixture.Site.ForeignHost);
        Assert.Equal("v", StorageOrigins(await session.CheckpointAsync())[home]["k"]);

        Assert.True((await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("storage?clear=1")))).Succeeded);
        Assert.True((await session.ExecuteAsync(BrowserAction.Goto($"http://{fixture.Site.ForeignHost}/basic.html"))).Succeeded);
        var checkpoint = await session.CheckpointAsync();

        Assert.False(StorageOrigins(checkpoint).ContainsKey(home), checkpoint.StorageStateJson);
    }

    [Fact]
    public async Task Checkpoint_PageWithAFrameOfAnotherOrigin_KeepsThePagesOwnStorage()
    {
        await using var session = await fixture.OpenAsync("storage?set=host&value=1");
        Assert.True((await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("widget-host")))).Succeeded);

        var checkpoint = await session.CheckpointAsync();

        Assert.Equal("1", StorageOrigins(checkpoint)[fixture.Site.BaseUri.GetLeftPart(UriPartial.Authority)]["host"]);
    }

    [Fact]
    public async Task Checkpoint_AfterRestoring_StillHoldsTheRestoredOriginsItDidNotVisit()
    {
        BrowserCheckpoint original;
        await using (var first = await fixture.OpenAsync("storage?set=kept&value=yes"))
        {
            original = await first.CheckpointAsync();
        }

        // A rebuilt session that only visits another origin checkpoints again: nothing of the first origin may be lost.
        await using var second = await fixture.Host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [fixture.Site.Host, fixture.Site.ForeignHost],
            StorageStateJson = original.StorageStateJson,
            Url = $"http://{fixture.Site.ForeignHost}/basic.html",
        });
        var again = await second.CheckpointAsync();

        Assert.Equal("yes", StorageOrigins(again)[fixture.Site.BaseUri.GetLeftPart(UriPartial.Authority)]["kept"]);
    }

    private static Dictionary<string, Dictionary<string, string>> StorageOrigins(BrowserCheckpoint checkpoint)
    {
        using var json = System.Text.Json.JsonDocument.Parse(checkpoint.StorageStateJson);
        return json.RootElement.GetProperty("origins").EnumerateArray().ToDictionary(
            o => o.GetProperty("origin").GetString()!,
            o => o.GetProperty("localStorage").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("value").GetString()!));
    }
}
