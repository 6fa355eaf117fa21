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
}
